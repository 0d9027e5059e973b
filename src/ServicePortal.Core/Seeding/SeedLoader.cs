using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Seeding;

/// <summary>
/// Loads the sample enterprise (seed-data/, see its README) or a JSON bundle (<see cref="PortalBundle"/>, the same
/// model from a stream) into an empty database. The whole folder or bundle is read and checked first; on any problem a
/// <see cref="SeedDataException"/> lists them all and nothing is stored.
/// Otherwise everything is inserted in one transaction with one summary audit entry instead of one per row.
/// </summary>
public static class SeedLoader
{
    /// <summary>The folder name used beside the app and in the repository.</summary>
    public const string DefaultFolderName = "seed-data";

    /// <summary>The audit entry's id for a seed that came from a bundle rather than a folder.</summary>
    internal const string BundleName = "bundle";

    /// <summary>
    /// Stores the seed in <paramref name="folder"/> if the database holds no catalog, score or governance data yet;
    /// otherwise stores nothing and says so in <see cref="SeedResult.Message"/>.
    /// </summary>
    /// <exception cref="SeedDataException">The folder has problems; nothing was stored.</exception>
    public static Task<SeedResult> LoadAsync(PortalDbContext db, string folder, CancellationToken ct = default) =>
        LoadAsync(db, () => SeedReader.Read(folder), FolderName(folder), folder, ct);

    /// <summary>
    /// Stores a JSON bundle (an export, <see cref="Interop.PortalExporter"/>) read from <paramref name="bundle"/>, with the
    /// same checks and messages as a seed folder, if the database holds no catalog, score or governance data yet.
    /// </summary>
    /// <exception cref="SeedDataException">The bundle has problems; nothing was stored.</exception>
    public static Task<SeedResult> LoadAsync(PortalDbContext db, Stream bundle, CancellationToken ct = default) =>
        LoadAsync(db, () => SeedReader.Read(Read(bundle)), BundleName, "the bundle", ct);

    /// <summary>
    /// Stores a bundle already read and checked (<see cref="SeedReader.Read(PortalBundle)"/>): the whole-bundle import
    /// reads the upload once, in memory, and checks it once.
    /// </summary>
    internal static Task<SeedResult> LoadAsync(PortalDbContext db, SeedGraph checkedBundle, CancellationToken ct = default) =>
        LoadAsync(db, () => checkedBundle, BundleName, "the bundle", ct);

    private static async Task<SeedResult> LoadAsync(PortalDbContext db, Func<SeedGraph> read, string sourceId, string source, CancellationToken ct)
    {
        if (await ExistingDataAsync(db, ct) is { } existing)
        {
            return new SeedResult { Loaded = false, Message = $"The database already holds {existing}; the seed data was not loaded." };
        }

        var graph = read();
        var result = graph.Counts(loaded: true, message: "");

        var suppressAudit = db.SuppressAudit;
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            Stamp(graph, DateTime.UtcNow);
            db.AddRange(graph.Domains);
            db.AddRange(graph.Suppliers);
            db.AddRange(graph.Services);
            db.AddRange(graph.ConfigurationItems);
            db.AddRange(graph.RedundancyGroups);
            db.AddRange(graph.Relationships);
            db.AddRange(graph.Contracts);
            db.AddRange(graph.Stages);
            db.AddRange(graph.ScoreVersions);
            db.AddRange(graph.GovernanceRoles);
            db.AddRange(graph.People);
            db.AddRange(graph.RoleAssignments);
            db.AddRange(graph.KpiMeasurements);
            db.AuditEntries.Add(Summary(sourceId, result));
            await db.SaveChangesAsync(ct);

            if (graph.BasedOn.Count > 0)
            {
                // ScoreVersion.BasedOnId has no navigation, so the ids of the earlier versions are only known now.
                foreach (var (version, basedOn) in graph.BasedOn)
                {
                    version.BasedOnId = basedOn.Id;
                    db.Entry(version).Property(v => v.BasedOnId).IsModified = true;
                }

                await db.SaveChangesAsync(ct);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
            db.SuppressAudit = suppressAudit;
        }

        return result with { Message = $"Loaded the seed data from {source}: {result.Nodes} nodes, {result.Relationships} relationships, {result.Contracts} contracts, {result.People} people." };
    }

    /// <summary>Reads and checks <paramref name="folder"/> without a database: every problem found, or none.</summary>
    public static IReadOnlyList<string> Validate(string folder) => Problems(() => SeedReader.Read(folder));

    /// <summary>Checks a bundle without a database: every problem found, or none (the same messages as for a folder).</summary>
    internal static IReadOnlyList<string> Validate(PortalBundle bundle) => Problems(() => SeedReader.Read(bundle));

    private static IReadOnlyList<string> Problems(Func<SeedGraph> read)
    {
        try
        {
            read();
            return [];
        }
        catch (SeedDataException ex)
        {
            return ex.Problems;
        }
    }

    /// <summary>A JSON bundle from a stream; its JSON problems are thrown as a <see cref="SeedDataException"/>.</summary>
    private static PortalBundle Read(Stream stream)
    {
        var problems = new List<string>();
        var bundle = PortalBundle.FromStream(stream, problems);
        return bundle is null || problems.Count > 0 ? throw new SeedDataException(problems) : bundle;
    }

    /// <summary>
    /// The seed folder for a host: <paramref name="configured"/> if set, else seed-data/ beside the app, else the
    /// nearest seed-data/ above the current directory (running from a source checkout). Null when none exists.
    /// </summary>
    public static string? FindFolder(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var besideApp = Path.Combine(AppContext.BaseDirectory, DefaultFolderName);
        if (Directory.Exists(besideApp))
        {
            return besideApp;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultFolderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A description of what is already stored, or null when the database is empty.</summary>
    private static async Task<string?> ExistingDataAsync(PortalDbContext db, CancellationToken ct)
    {
        var found = new List<string>();
        if (await db.Domains.AnyAsync(ct))
        {
            found.Add("domains");
        }

        if (await db.Nodes.AnyAsync(ct))
        {
            found.Add("services, configuration items or suppliers");
        }

        if (await db.Stages.AnyAsync(ct) || await db.ScoreVersions.AnyAsync(ct))
        {
            found.Add("an operating model");
        }

        if (await db.GovernanceRoles.AnyAsync(ct) || await db.People.AnyAsync(ct))
        {
            found.Add("governance roles or people");
        }

        return found.Count == 0 ? null : string.Join(", ", found);
    }

    /// <summary>Timestamps for contexts without the auditing interceptor (tests, tools); the interceptor overrides them.</summary>
    private static void Stamp(SeedGraph graph, DateTime now)
    {
        IEnumerable<Entity> all =
        [
            .. graph.Domains, .. graph.Suppliers, .. graph.Services, .. graph.ConfigurationItems, .. graph.RedundancyGroups,
            .. graph.Relationships, .. graph.Contracts, .. graph.Contracts.SelectMany(c => c.SlaTargets),
            .. graph.Contracts.SelectMany(c => c.SlaTargets).SelectMany(t => t.Measurements), .. graph.Stages,
            .. graph.ScoreVersions, .. graph.ScoreVersions.SelectMany(v => v.Practices), .. graph.ScoreVersions.SelectMany(v => v.Practices).SelectMany(p => p.Kpis),
            .. graph.KpiMeasurements, .. graph.GovernanceRoles,
            .. graph.People, .. graph.RoleAssignments,
        ];
        foreach (var entity in all)
        {
            entity.CreatedAt = now;
            entity.UpdatedAt = now;
            entity.Version = 1;
        }
    }

    private static string FolderName(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    private static AuditEntry Summary(string sourceId, SeedResult counts) => new()
    {
        At = DateTime.UtcNow,
        UserName = SystemActor.SystemName,
        EntityType = "SeedData",
        EntityId = Truncate(sourceId, FieldLengths.Key),
        EntityName = "Sample enterprise",
        Action = AuditAction.Created,
        Changes = JsonSerializer.Serialize(CountsAsChanges(counts)),
    };

    /// <summary>In the audit trail's own shape (field → old/new), so the audit pages show the counts like any change.</summary>
    private static Dictionary<string, FieldChange> CountsAsChanges(SeedResult counts) => new()
    {
        [nameof(SeedResult.Domains)] = Count(counts.Domains),
        [nameof(SeedResult.Suppliers)] = Count(counts.Suppliers),
        [nameof(SeedResult.Services)] = Count(counts.Services),
        [nameof(SeedResult.ConfigurationItems)] = Count(counts.ConfigurationItems),
        [nameof(SeedResult.RedundancyGroups)] = Count(counts.RedundancyGroups),
        [nameof(SeedResult.Relationships)] = Count(counts.Relationships),
        [nameof(SeedResult.Contracts)] = Count(counts.Contracts),
        [nameof(SeedResult.SlaTargets)] = Count(counts.SlaTargets),
        [nameof(SeedResult.SlaMeasurements)] = Count(counts.SlaMeasurements),
        [nameof(SeedResult.Stages)] = Count(counts.Stages),
        [nameof(SeedResult.ScoreVersions)] = Count(counts.ScoreVersions),
        [nameof(SeedResult.Practices)] = Count(counts.Practices),
        [nameof(SeedResult.GovernanceRoles)] = Count(counts.GovernanceRoles),
        [nameof(SeedResult.People)] = Count(counts.People),
        [nameof(SeedResult.RoleAssignments)] = Count(counts.RoleAssignments),
    };

    private static FieldChange Count(int value) => new(null, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
