namespace ServicePortal.Core.Seeding;

// The shapes of the files in seed-data/ (see seed-data/README.md). Every member is nullable so that a missing
// field becomes a clear validation message instead of a parse error; enums are read as text and checked by
// SeedReader, which names the allowed values.

internal sealed class DomainFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }
}

internal sealed class SupplierFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public bool? Internal { get; init; }

    public string? Category { get; init; }

    public string? RiskRating { get; init; }

    public string? Lifecycle { get; init; }

    public string? Status { get; init; }

    public string? Website { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public string? Domain { get; init; }

    public string? Description { get; init; }

    /// <summary>Optional: a live node marked deprecated (<see cref="Catalog.Node.Deprecated"/>); written only when true.</summary>
    public bool? Deprecated { get; init; }

    /// <summary>Optional: what a Backstage catalog says about the node (<see cref="Catalog.NodeDescriptor"/>); written only when it says something.</summary>
    public BackstageFile? Backstage { get; init; }

    /// <summary>Optional: the import source that brought the node (<see cref="Catalog.Node.ImportSource"/>).</summary>
    public string? Source { get; init; }
}

internal sealed class ServiceFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? Lifecycle { get; init; }

    public int? Tier { get; init; }

    public string? Sourcing { get; init; }

    public string? Domain { get; init; }

    public string? Status { get; init; }

    public string? Description { get; init; }

    /// <summary>Optional: a live node marked deprecated (<see cref="Catalog.Node.Deprecated"/>); written only when true.</summary>
    public bool? Deprecated { get; init; }

    /// <summary>Optional: what a Backstage catalog says about the node (<see cref="Catalog.NodeDescriptor"/>); written only when it says something.</summary>
    public BackstageFile? Backstage { get; init; }

    /// <summary>Optional: the import source that brought the node (<see cref="Catalog.Node.ImportSource"/>).</summary>
    public string? Source { get; init; }
}

internal sealed class ConfigurationItemFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? CiType { get; init; }

    public string? Lifecycle { get; init; }

    public string? Domain { get; init; }

    public string? Location { get; init; }

    public string? Status { get; init; }

    public string? Description { get; init; }

    /// <summary>Optional: a live node marked deprecated (<see cref="Catalog.Node.Deprecated"/>); written only when true.</summary>
    public bool? Deprecated { get; init; }

    /// <summary>Optional: what a Backstage catalog says about the node (<see cref="Catalog.NodeDescriptor"/>); written only when it says something.</summary>
    public BackstageFile? Backstage { get; init; }

    /// <summary>Optional: the import source that brought the node (<see cref="Catalog.Node.ImportSource"/>).</summary>
    public string? Source { get; init; }
}

/// <summary>
/// A node's descriptor in a bundle (<see cref="Catalog.NodeDescriptor"/>): the catalog's type and lifecycle words, tags,
/// links and annotations (key → value). Each part is left out when empty.
/// </summary>
internal sealed class BackstageFile
{
    public string? Type { get; init; }

    public string? Lifecycle { get; init; }

    public List<string?>? Tags { get; init; }

    public List<LinkFile?>? Links { get; init; }

    public Dictionary<string, string?>? Annotations { get; init; }

    /// <summary>The descriptor as a bundle writes it; null when it is empty.</summary>
    public static BackstageFile? From(Catalog.NodeDescriptor descriptor) => descriptor.IsEmpty ? null : new BackstageFile
    {
        Type = descriptor.Type,
        Lifecycle = descriptor.Lifecycle,
        Tags = descriptor.Tags.Count == 0 ? null : [.. descriptor.Tags],
        Links = descriptor.Links.Count == 0 ? null : [.. descriptor.Links.Select(l => new LinkFile { Url = l.Url, Title = l.Title, Icon = l.Icon, Type = l.Type })],
        Annotations = descriptor.Annotations.Count == 0 ? null : Annotated(descriptor.Annotations),
    };

    /// <summary>Annotations by key, in their order; a repeated key (no import stores one) is written once, never failing the export.</summary>
    private static Dictionary<string, string?> Annotated(List<Catalog.NodeAnnotation> annotations)
    {
        var byKey = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var annotation in annotations)
        {
            byKey.TryAdd(annotation.Key, annotation.Value);
        }

        return byKey;
    }

    /// <summary>
    /// The descriptor this holds, checked by the descriptor's own rules (<see cref="Catalog.NodeDescriptor.Problems"/>);
    /// each problem is added as (field, message), the field named from the row ("backstage.tags item 2").
    /// </summary>
    public Catalog.NodeDescriptor ToDescriptor(List<(string Field, string Message)> problems)
    {
        var descriptor = new Catalog.NodeDescriptor { Type = Type, Lifecycle = Lifecycle };
        foreach (var (tag, i) in (Tags ?? []).Select((t, i) => (t, i)))
        {
            if (tag is null)
            {
                problems.Add(($"backstage.tags item {i + 1}", "is null"));
            }
            else
            {
                descriptor.Tags.Add(tag);
            }
        }

        foreach (var (link, i) in (Links ?? []).Select((l, i) => (l, i)))
        {
            if (link?.Url is null)
            {
                problems.Add(($"backstage.links item {i + 1}{(link is null ? "" : " url")}", link is null ? "is null" : "is required"));
            }
            else
            {
                descriptor.Links.Add(new Catalog.NodeWebLink { Url = link.Url, Title = link.Title, Icon = link.Icon, Type = link.Type });
            }
        }

        descriptor.Annotations = [.. (Annotations ?? []).Select(a => new Catalog.NodeAnnotation { Key = a.Key, Value = a.Value! }).OrderBy(a => a.Key, StringComparer.Ordinal)];
        foreach (var (field, message) in descriptor.Problems())
        {
            problems.Add(("backstage." + field, message));
        }

        return descriptor;
    }
}

/// <summary>A node's link (<see cref="Catalog.NodeWebLink"/>).</summary>
internal sealed class LinkFile
{
    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Icon { get; init; }

    public string? Type { get; init; }
}

internal sealed class RelationshipsFile
{
    public List<RedundancyGroupFile>? RedundancyGroups { get; init; }

    public List<RelationshipFile>? Relationships { get; init; }
}

internal sealed class RedundancyGroupFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public int? MinimumUp { get; init; }
}

internal sealed class RelationshipFile
{
    public string? From { get; init; }

    public string? Type { get; init; }

    public string? To { get; init; }

    public string? RedundancyGroup { get; init; }

    public string? Description { get; init; }

    /// <summary>Optional: the import source that brought the relationship (<see cref="Cmdb.Relationship.ImportSource"/>).</summary>
    public string? Source { get; init; }
}

internal sealed class ContractFile
{
    public string? Reference { get; init; }

    public string? Title { get; init; }

    public string? Supplier { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public int? NoticePeriodDays { get; init; }

    public decimal? AnnualValue { get; init; }

    public string? Currency { get; init; }

    public string? Status { get; init; }

    public List<string?>? Services { get; init; }

    public List<SlaTargetFile>? SlaTargets { get; init; }
}

internal sealed class SlaTargetFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Service { get; init; }

    public string? Metric { get; init; }

    public string? Unit { get; init; }

    public double? Target { get; init; }

    public string? Direction { get; init; }

    public string? Period { get; init; }

    public double? WarningBand { get; init; }

    public double? ServiceCreditPercent { get; init; }
}

internal sealed class MeasurementsFile
{
    public string? Target { get; init; }

    /// <summary>Period ("yyyy-MM", the first month of the period) → measured value.</summary>
    public Dictionary<string, double>? Values { get; init; }

    /// <summary>Optional period → note.</summary>
    public Dictionary<string, string?>? Notes { get; init; }

    public string? RecordedBy { get; init; }
}

internal sealed class OperatingModelFile
{
    public List<StageFile>? Stages { get; init; }

    public List<ScoreVersionFile>? ScoreVersions { get; init; }
}

internal sealed class StageFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public int? Order { get; init; }

    public string? Description { get; init; }
}

internal sealed class ScoreVersionFile
{
    public int? Number { get; init; }

    public string? Title { get; init; }

    public string? Status { get; init; }

    public string? ChangeNote { get; init; }

    public string? CreatedBy { get; init; }

    public string? PublishedBy { get; init; }

    public string? PublishedAt { get; init; }

    /// <summary>Number of the version this one was drafted from.</summary>
    public int? BasedOn { get; init; }

    public List<PracticeFile>? Practices { get; init; }
}

internal sealed class PracticeFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Stage { get; init; }

    public int? Order { get; init; }

    public string? Purpose { get; init; }

    public string? Policies { get; init; }

    public List<KpiFile>? Kpis { get; init; }
}

/// <summary>A practice KPI with its measurable target (see <see cref="OperatingModel.PracticeKpi"/>).</summary>
internal sealed class KpiFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Metric { get; init; }

    public string? Unit { get; init; }

    public double? Target { get; init; }

    public string? Direction { get; init; }

    public double? WarningBand { get; init; }

    public string? Period { get; init; }
}

/// <summary>The measurements of one practice KPI (kpi-measurements.json), the shape of <see cref="MeasurementsFile"/>.</summary>
internal sealed class KpiMeasurementsFile
{
    public string? Kpi { get; init; }

    /// <summary>Period ("yyyy-MM", the first month of the period) → measured value.</summary>
    public Dictionary<string, double>? Values { get; init; }

    /// <summary>Optional period → note.</summary>
    public Dictionary<string, string?>? Notes { get; init; }

    public string? RecordedBy { get; init; }
}

internal sealed class GovernanceFile
{
    public List<RoleFile>? Roles { get; init; }

    public List<PersonFile>? People { get; init; }

    public List<AssignmentFile>? Assignments { get; init; }
}

internal sealed class RoleFile
{
    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }
}

internal sealed class PersonFile
{
    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? JobTitle { get; init; }

    public string? Organisation { get; init; }

    public string? Supplier { get; init; }

    public string? LeftOn { get; init; }
}

internal sealed class AssignmentFile
{
    public string? Person { get; init; }

    public string? Role { get; init; }

    public string? Scope { get; init; }

    public string? Target { get; init; }

    public string? Raci { get; init; }
}
