using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Exports the portal as one JSON bundle (<see cref="PortalBundle"/>): an object whose sections have exactly the shapes
/// of the files in seed-data/ (see its README), so that <see cref="SeedLoader"/> loads it, from a stream, into an empty
/// database. Everything is ordered by key, so exporting the same data twice
/// gives the same text. What a node keeps from a Backstage import (deprecated, its descriptor as <c>backstage</c>) and
/// the import source of nodes and relationships (<c>source</c>) are written only when set, so a portal without them
/// exports exactly the seed files' shapes. Audit history, sign-in accounts and API tokens are not exported.
/// </summary>
public sealed class PortalExporter(IDbContextFactory<PortalDbContext> factory)
{
    public const string Format = "serviceportal-bundle/1";

    /// <summary>Bundle section → seed-data file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>
    {
        ["domains"] = SeedReader.DomainsFile,
        ["suppliers"] = SeedReader.SuppliersFile,
        ["services"] = SeedReader.ServicesFile,
        ["configurationItems"] = SeedReader.ConfigurationItemsFile,
        ["relationships"] = SeedReader.RelationshipsFile,
        ["contracts"] = SeedReader.ContractsFile,
        ["measurements"] = SeedReader.MeasurementsFile,
        ["operatingModel"] = SeedReader.OperatingModelFile,
        ["governance"] = SeedReader.GovernanceFile,
        ["kpiMeasurements"] = SeedReader.KpiMeasurementsFile,
    };

    /// <summary>Sections a bundle may leave out and still be whole (older bundles have no KPI measurements).</summary>
    public static readonly IReadOnlySet<string> OptionalSections = new HashSet<string> { "kpiMeasurements" };

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<string> ExportJsonAsync(CancellationToken cancellationToken = default) =>
        JsonSerializer.Serialize(await ExportAsync(cancellationToken), JsonOptions);

    internal async Task<PortalBundle> ExportAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var domains = await db.Domains.AsNoTracking().OrderBy(d => d.Key).ToListAsync(cancellationToken);
        var domainKeys = domains.ToDictionary(d => d.Id, d => d.Key);
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(cancellationToken);
        var nodeKeys = nodes.ToDictionary(n => n.Id, n => n.Key);
        string? DomainKey(int? id) => id is { } d ? domainKeys.GetValueOrDefault(d) : null;

        var groups = await db.RedundancyGroups.AsNoTracking().OrderBy(g => g.Key).ToListAsync(cancellationToken);
        var groupKeys = groups.ToDictionary(g => g.Id, g => g.Key);
        var relationships = await db.Relationships.AsNoTracking().ToListAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Services).Include(c => c.SlaTargets).ThenInclude(t => t.Measurements)
            .AsSplitQuery().OrderBy(c => c.Reference).ToListAsync(cancellationToken);
        var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var stageKeys = stages.ToDictionary(s => s.Id, s => s.Key);
        var versions = await db.ScoreVersions.AsNoTracking().Include(v => v.Practices).ThenInclude(p => p.Kpis)
            .AsSplitQuery().OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var versionNumbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var practiceKeys = versions.SelectMany(v => v.Practices).ToDictionary(p => p.Id, p => p.Key);
        var roles = await db.GovernanceRoles.AsNoTracking().OrderBy(r => r.Key).ToListAsync(cancellationToken);
        var roleKeys = roles.ToDictionary(r => r.Id, r => r.Key);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Email).ToListAsync(cancellationToken);
        var emails = people.ToDictionary(p => p.Id, p => p.Email);
        var assignments = await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken);
        var kpiMeasurements = await db.KpiMeasurements.AsNoTracking().ToListAsync(cancellationToken);

        return new PortalBundle
        {
            Format = Format,
            Domains = domains.Select(d => new DomainFile { Key = d.Key, Name = d.Name, Description = d.Description }).ToList(),
            Suppliers = nodes.OfType<Suppliers.Supplier>().OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SupplierFile
            {
                Key = s.Key, Name = s.Name, Internal = s.IsInternal, Category = s.Category.ToString(), RiskRating = s.RiskRating.ToString(),
                Lifecycle = s.Lifecycle.ToString(), Status = s.Status.ToString(), Website = s.Website, ContactName = s.ContactName,
                ContactEmail = s.ContactEmail, ContactPhone = s.ContactPhone, Domain = DomainKey(s.DomainId), Description = s.Description,
                Deprecated = Deprecated(s), Backstage = BackstageFile.From(s.Descriptor), Source = s.ImportSource,
            }).ToList(),
            Services = nodes.OfType<Service>().OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ServiceFile
            {
                Key = s.Key, Name = s.Name, Kind = s.Kind.ToString(), Lifecycle = s.Lifecycle.ToString(), Tier = s.Tier,
                Sourcing = s.Sourcing.ToString(), Domain = DomainKey(s.DomainId), Status = s.Status.ToString(), Description = s.Description,
                Deprecated = Deprecated(s), Backstage = BackstageFile.From(s.Descriptor), Source = s.ImportSource,
            }).ToList(),
            ConfigurationItems = nodes.OfType<ConfigurationItem>().OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ConfigurationItemFile
            {
                Key = c.Key, Name = c.Name, CiType = c.CiType.ToString(), Lifecycle = c.Lifecycle.ToString(), Domain = DomainKey(c.DomainId),
                Location = c.Location, Status = c.Status.ToString(), Description = c.Description,
                Deprecated = Deprecated(c), Backstage = BackstageFile.From(c.Descriptor), Source = c.ImportSource,
            }).ToList(),
            Relationships = new RelationshipsFile
            {
                RedundancyGroups = groups.Select(g => new RedundancyGroupFile { Key = g.Key, Name = g.Name, MinimumUp = g.MinimumUp }).ToList(),
                Relationships = relationships
                    .Select(r => new RelationshipFile
                    {
                        From = nodeKeys[r.SourceId], Type = r.Type.ToString(), To = nodeKeys[r.TargetId],
                        RedundancyGroup = r.RedundancyGroupId is { } g ? groupKeys[g] : null, Description = r.Description,
                        Source = r.ImportSource,
                    })
                    .OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal)
                    .ToList(),
            },
            Contracts = contracts.Select(c => new ContractFile
            {
                Reference = c.Reference, Title = c.Title, Supplier = nodeKeys[c.SupplierId],
                StartDate = Date(c.StartDate), EndDate = Date(c.EndDate), NoticePeriodDays = c.NoticePeriodDays, AnnualValue = c.AnnualValue,
                Currency = c.Currency, Status = c.Status.ToString(),
                Services = c.Services.Select(s => (string?)s.Key).Order(StringComparer.Ordinal).ToList(),
                SlaTargets = c.SlaTargets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new SlaTargetFile
                {
                    Key = t.Key, Name = t.Name, Service = nodeKeys[t.ServiceId], Metric = t.Metric.ToString(), Unit = t.Unit, Target = t.Target,
                    Direction = t.Direction.ToString(), Period = t.Period.ToString(), WarningBand = t.WarningBand, ServiceCreditPercent = t.ServiceCreditPercent,
                }).ToList(),
            }).ToList(),
            Measurements = contracts.SelectMany(c => c.SlaTargets).Where(t => t.Measurements.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new MeasurementsFile
                {
                    Target = t.Key,
                    Values = t.Measurements.OrderBy(m => m.PeriodStart).ToDictionary(m => Month(m.PeriodStart), m => m.Value),
                    Notes = t.Measurements.Any(m => m.Note is not null)
                        ? t.Measurements.Where(m => m.Note is not null).OrderBy(m => m.PeriodStart).ToDictionary(m => Month(m.PeriodStart), m => m.Note)
                        : null,
                    // The file format has one recorder per target: the most frequent one.
                    RecordedBy = t.Measurements.Where(m => m.RecordedBy is not null).GroupBy(m => m.RecordedBy!)
                        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault(),
                }).ToList(),
            OperatingModel = new OperatingModelFile
            {
                Stages = stages.Select(s => new StageFile { Key = s.Key, Name = s.Name, Order = s.Order, Description = s.Description }).ToList(),
                ScoreVersions = versions.Select(v => new ScoreVersionFile
                {
                    Number = v.Number, Title = v.Title, Status = v.Status.ToString(), ChangeNote = v.ChangeNote, CreatedBy = v.CreatedBy,
                    PublishedBy = v.PublishedBy,
                    PublishedAt = v.PublishedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    BasedOn = v.BasedOnId is { } b ? versionNumbers.GetValueOrDefault(b) : null,
                    Practices = v.Practices.OrderBy(p => stageKeys.Keys.ToList().IndexOf(p.StageId)).ThenBy(p => p.Order).ThenBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => new PracticeFile
                        {
                            Key = p.Key, Name = p.Name, Stage = stageKeys[p.StageId], Order = p.Order, Purpose = p.Purpose, Policies = p.Policies,
                            Kpis = p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(ExportKpi).ToList(),
                        }).ToList(),
                }).ToList(),
            },
            KpiMeasurements = ExportKpiMeasurements(kpiMeasurements),
            Governance = new GovernanceFile
            {
                Roles = roles.Select(r => new RoleFile { Key = r.Key, Name = r.Name, Description = r.Description }).ToList(),
                People = people.Select(p => new PersonFile
                {
                    Name = p.Name, Email = p.Email, JobTitle = p.JobTitle, Organisation = p.Organisation,
                    Supplier = p.SupplierId is { } s ? nodeKeys[s] : null, LeftOn = p.LeftOn is { } left ? Date(left) : null,
                }).ToList(),
                Assignments = assignments.Select(a => new AssignmentFile
                    {
                        Person = emails[a.PersonId], Role = roleKeys[a.RoleId], Scope = a.ScopeType.ToString(),
                        Target = a.DomainId is { } d ? domainKeys[d] : a.NodeId is { } n ? nodeKeys[n] : a.PracticeId is { } p ? practiceKeys[p] : null,
                        Raci = a.Raci.ToString(),
                    })
                    .OrderBy(a => a.Person, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal).ThenBy(a => a.Scope, StringComparer.Ordinal)
                    .ThenBy(a => a.Target, StringComparer.Ordinal).ThenBy(a => a.Raci, StringComparer.Ordinal)
                    .ToList(),
            },
        };
    }

    private static KpiFile ExportKpi(PracticeKpi k) => new()
    {
        Key = k.Key, Name = k.Name, Metric = k.Metric.ToString(), Unit = k.Unit.Length == 0 ? null : k.Unit, Target = k.Target,
        Direction = k.Direction.ToString(), WarningBand = k.WarningBand, Period = k.Period.ToString(),
    };

    /// <summary>KPI measurements grouped per KPI key, the shape of kpi-measurements.json.</summary>
    private static List<KpiMeasurementsFile> ExportKpiMeasurements(List<KpiMeasurement> measurements) =>
        measurements.GroupBy(m => m.KpiKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KpiMeasurementsFile
            {
                Kpi = g.Key,
                Values = g.OrderBy(m => m.PeriodStart).ToDictionary(m => Month(m.PeriodStart), m => m.Value),
                Notes = g.Any(m => m.Note is not null)
                    ? g.Where(m => m.Note is not null).OrderBy(m => m.PeriodStart).ToDictionary(m => Month(m.PeriodStart), m => m.Note)
                    : null,
                RecordedBy = g.Where(m => m.RecordedBy is not null).GroupBy(m => m.RecordedBy!)
                    .OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).FirstOrDefault(),
            }).ToList();

    /// <summary>Written only when set, so that a bundle of nodes that are not deprecated has the seed files' shape.</summary>
    private static bool? Deprecated(Catalog.Node node) => node.Deprecated ? true : null;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
