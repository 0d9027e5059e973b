using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.OperatingModel;

/// <summary>Reads of the common score: the version history, one version as a board, and comparisons of two versions.</summary>
public sealed class ScoreQueries(IDbContextFactory<PortalDbContext> factory)
{
    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<ScoreVersionRow>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var versions = await db.ScoreVersions.AsNoTracking()
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Version, v.Number, v.Title, v.Status, v.ChangeNote, v.CreatedBy, v.CreatedAt, v.PublishedAt, v.PublishedBy, v.BasedOnId, Practices = v.Practices.Count })
            .ToListAsync(cancellationToken);
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        return versions
            .Select(v => new ScoreVersionRow(v.Id, v.Version, v.Number, v.Title, v.Status, v.ChangeNote, v.CreatedBy, v.CreatedAt, v.PublishedAt, v.PublishedBy,
                v.BasedOnId is { } b && numbers.TryGetValue(b, out var n) ? n : null, v.Practices))
            .ToList();
    }

    /// <summary>
    /// The version a visitor sees first: the draft when there is one (editors work there), otherwise the latest published,
    /// otherwise the newest version; null when there is no version at all.
    /// </summary>
    public static ScoreVersionRow? DefaultVersion(IReadOnlyList<ScoreVersionRow> versions) =>
        versions.Where(v => v.Status == ScoreVersionStatus.Draft).MaxBy(v => v.Number)
        ?? versions.Where(v => v.Status == ScoreVersionStatus.Published).MaxBy(v => v.Number)
        ?? versions.MaxBy(v => v.Number);

    /// <summary>One version as stage columns (Demand → Plan → Build → Run) of practice cards; null when the version does not exist.</summary>
    public async Task<ScoreBoard?> BoardAsync(int versionId, CancellationToken cancellationToken = default)
    {
        var version = (await VersionsAsync(cancellationToken)).FirstOrDefault(v => v.Id == versionId);
        if (version is null)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var practices = await db.Practices.AsNoTracking().Include(p => p.Kpis)
            .Where(p => p.ScoreVersionId == versionId)
            .ToListAsync(cancellationToken);
        var owners = await PracticeOwnersAsync(db, practices.Select(p => p.Id).ToList(), cancellationToken);

        var columns = stages.Select(s => new StageColumn(s.Id, s.Key, s.Name, s.Order, s.Description,
                practices.Where(p => p.StageId == s.Id)
                    .OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(p => new PracticeCard(p.Id, p.Version, p.Key, p.Name, p.StageId, p.Order, p.Purpose, p.Policies,
                        p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(KpiLine.From).ToList(),
                        owners[p.Id].ToList()))
                    .ToList()))
            .ToList();
        return new ScoreBoard(version, columns);
    }

    /// <summary>The practice with this key in the draft (when it has one) and in the current published version.</summary>
    public async Task<PracticeForm?> PracticeAsync(int practiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var practice = await db.Practices.AsNoTracking().Include(p => p.Kpis).SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        return practice is null ? null : PracticeForm.From(practice);
    }

    /// <summary>The versions that hold a practice with this key, newest first, as (version, practice id).</summary>
    public async Task<IReadOnlyList<(ScoreVersionRow Version, int PracticeId)>> PracticeVersionsAsync(string key, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Practices.AsNoTracking().Where(p => p.Key == key).Select(p => new { p.Id, p.ScoreVersionId }).ToListAsync(cancellationToken);
        return versions
            .SelectMany(v => rows.Where(r => r.ScoreVersionId == v.Id).Select(r => (v, r.Id)))
            .ToList();
    }

    /// <summary>Compares two versions (any order of numbers): what <paramref name="toVersionId"/> changed against <paramref name="fromVersionId"/>.</summary>
    public async Task<ScoreComparison?> CompareAsync(int fromVersionId, int toVersionId, CancellationToken cancellationToken = default)
    {
        var from = await SnapshotAsync(fromVersionId, cancellationToken);
        var to = await SnapshotAsync(toVersionId, cancellationToken);
        return from is null || to is null ? null : ScoreComparison.Compare(from, to);
    }

    /// <summary>Everything of one version that <see cref="ScoreComparison"/> compares.</summary>
    public async Task<ScoreSnapshot?> SnapshotAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var version = await db.ScoreVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var stages = await db.Stages.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var practices = await db.Practices.AsNoTracking().Include(p => p.Kpis).Where(p => p.ScoreVersionId == versionId).ToListAsync(cancellationToken);
        var ids = practices.Select(p => p.Id).ToList();
        var assignments = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.PracticeId != null && ids.Contains(a.PracticeId.Value))
            .Select(a => new { PracticeId = a.PracticeId!.Value, RoleKey = a.Role!.Key, RoleName = a.Role.Name, a.PersonId, PersonName = a.Person!.Name, a.Raci })
            .ToListAsync(cancellationToken);
        var keys = practices.ToDictionary(p => p.Id, p => p.Key);
        return new ScoreSnapshot(
            version.Id, version.Number, version.Title, version.Status,
            practices.Select(p => new PracticeSnapshot(p.Key, p.Name, stages.GetValueOrDefault(p.StageId, "?"), p.Order, p.Purpose, p.Policies,
                p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(KpiLine.From).ToList())).ToList(),
            assignments.Select(a => new PracticeAssignmentSnapshot(keys[a.PracticeId], a.RoleKey, a.RoleName, a.PersonId, a.PersonName, a.Raci)).ToList());
    }

    /// <summary>The KPI with this key in the draft (<paramref name="draft"/>) or in the current version (latest published, else the draft); null when there is none.</summary>
    public async Task<KpiDefinition?> KpiAsync(string key, bool draft, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PracticeKpis.AsNoTracking().Include(k => k.Practice).ThenInclude(p => p!.ScoreVersion)
            .Where(k => k.Key == key && k.Practice!.ScoreVersion!.Status != ScoreVersionStatus.Superseded)
            .ToListAsync(cancellationToken);
        var row = draft
            ? rows.FirstOrDefault(k => k.Practice!.ScoreVersion!.Status == ScoreVersionStatus.Draft)
            : rows.FirstOrDefault(k => k.Practice!.ScoreVersion!.Status == ScoreVersionStatus.Published) ?? rows.FirstOrDefault();
        return row is null ? null : KpiDefinition.From(row);
    }

    internal static async Task<ILookup<int, string>> PracticeOwnersAsync(PortalDbContext db, IReadOnlyCollection<int> practiceIds, CancellationToken cancellationToken)
    {
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.PracticeId != null && practiceIds.Contains(a.PracticeId.Value) && a.Raci == Raci.Accountable)
            .OrderBy(a => a.Person!.Name)
            .Select(a => new { PracticeId = a.PracticeId!.Value, RoleKey = a.Role!.Key, a.Person!.Name })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => string.Equals(r.RoleKey, GovernanceRoleKeys.PracticeOwner, StringComparison.OrdinalIgnoreCase))
            .ToLookup(r => r.PracticeId, r => r.Name);
    }
}
