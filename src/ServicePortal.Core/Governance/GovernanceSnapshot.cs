using ServicePortal.Core.Catalog;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Governance;

/// <summary>
/// Everything the governance rules read, as plain in-memory records: loaded from the database by
/// <see cref="GovernanceSnapshotLoader"/>, or built by hand in tests. <see cref="Today"/> is part of the input so the
/// rules never read a clock.
/// </summary>
public sealed record GovernanceSnapshot
{
    public required DateOnly Today { get; init; }

    /// <summary>The score version whose practices are checked (see <see cref="GovernanceSnapshotLoader.CurrentScoreVersion"/>).</summary>
    public ScoreVersionFacts? ScoreVersion { get; init; }

    /// <summary>Every service, whatever its lifecycle.</summary>
    public IReadOnlyList<ServiceFacts> Services { get; init; } = [];

    /// <summary>The practices of <see cref="ScoreVersion"/>.</summary>
    public IReadOnlyList<PracticeFacts> Practices { get; init; } = [];

    public IReadOnlyList<DomainFacts> Domains { get; init; } = [];

    public IReadOnlyList<SupplierFacts> Suppliers { get; init; } = [];

    public IReadOnlyList<ContractFacts> Contracts { get; init; } = [];

    public IReadOnlyList<SlaTargetFacts> SlaTargets { get; init; } = [];

    public IReadOnlyList<PersonFacts> People { get; init; } = [];

    public IReadOnlyList<RoleFacts> Roles { get; init; } = [];

    public IReadOnlyList<AssignmentFacts> Assignments { get; init; } = [];

    /// <summary>The KPIs of <see cref="Practices"/>.</summary>
    public IReadOnlyList<KpiFacts> Kpis { get; init; } = [];

    /// <summary>Business services whose availability promise exceeds what their SLA chain can deliver (see <see cref="ISlaChainShortfalls"/>).</summary>
    public IReadOnlyList<SlaChainShortfallFacts> SlaChainShortfalls { get; init; } = [];

    /// <summary>KPI values of recent periods (the loader reads the last 12 months; older ones decide no rule).</summary>
    public IReadOnlyList<KpiValue> KpiValues { get; init; } = [];
}

public sealed record ScoreVersionFacts(int Id, int Number, string Title, ScoreVersionStatus Status);

public sealed record ServiceFacts(int Id, string Key, string Name, Lifecycle Lifecycle, int Tier, Sourcing Sourcing, int? DomainId);

public sealed record PracticeFacts(int Id, string Key, string Name, int ScoreVersionId);

public sealed record DomainFacts(int Id, string Key, string Name);

public sealed record SupplierFacts(int Id, string Key, string Name, SupplierCategory Category, bool IsInternal, Lifecycle Lifecycle);

public sealed record ContractFacts(
    int Id, string Reference, string Title, int SupplierId, DateOnly StartDate, DateOnly EndDate, ContractStatus Status, IReadOnlyList<int> ServiceIds);

public sealed record SlaTargetFacts(int Id, string Key, int ContractId, int ServiceId);

/// <param name="LeftOn">The day the person left; from that day on they count as gone.</param>
public sealed record PersonFacts(int Id, string Name, string Email, DateOnly? LeftOn)
{
    public bool HasLeft(DateOnly today) => Person.HasLeft(LeftOn, today);
}

public sealed record RoleFacts(int Id, string Key, string Name);

public sealed record AssignmentFacts(int Id, int PersonId, int RoleId, ScopeType ScopeType, int? DomainId, int? NodeId, int? PracticeId, Raci Raci);

public sealed record KpiFacts(int PracticeId, KpiLine Kpi);

/// <summary>
/// A business service whose promised availability exceeds what its dependency chain can deliver from the SLA targets
/// beneath it, with the weakest links of that chain worded for people ("Parcel carrier API (SWL-AVAIL, 99.5 %)").
/// </summary>
public sealed record SlaChainShortfallFacts(int ServiceId, double PromisedPercent, double DeliverablePercent, IReadOnlyList<string> WeakestLinks);

/// <summary>Where the governance rules get the SLA chain shortfalls from (the resilience feature works them out on the CMDB graph).</summary>
public interface ISlaChainShortfalls
{
    Task<IReadOnlyList<SlaChainShortfallFacts>> ShortfallsAsync(CancellationToken cancellationToken = default);
}
