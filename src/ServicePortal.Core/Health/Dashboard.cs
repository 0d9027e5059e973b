using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

public sealed record DashboardTotals(int Services, int LiveServices, int Suppliers, int ExternalSuppliers, int ConfigurationItems, int Relationships);

/// <summary>A domain tile: effective health of its live services and governance coverage.</summary>
/// <param name="Key">Empty for the services that have no domain.</param>
/// <param name="Coverage">Live services with complete ownership (see <see cref="ScoreCoverage"/>); null when unknown.</param>
public sealed record DomainTile(int? DomainId, string Key, string Name, DomainHealthFigure Health, CoverageFigure? Coverage)
{
    /// <summary>Live services of the domain needing attention because of their own SLA results or recorded status.</summary>
    public int NeedingAttentionOwn { get; init; }

    /// <summary>Live services of the domain needing attention only because of what they rely on.</summary>
    public int NeedingAttentionInherited { get; init; }

    /// <summary>The tile's score and colour in one sentence (<see cref="DomainHealthRules.Explain"/>).</summary>
    public string Explanation { get; init; } = "";

    /// <summary>Where the trouble of the domain's services needing attention starts, most services first: the tile's links to root causes.</summary>
    public IReadOnlyList<NodeLink> RootCauses { get; init; } = [];
}

/// <summary>A critical (tier 1–2) live service that is not healthy, with the first reason and its root cause.</summary>
/// <remarks><see cref="Health"/> is the effective health; <see cref="Own"/> and <see cref="Inherited"/> are its two parts, <see cref="Source"/> says which decides and <see cref="Path"/> is the clickable root cause path.</remarks>
public sealed record ServiceAttention(NodeLink Service, int Tier, ServiceKind Kind, string? DomainName, OperationalStatus Health, string Reason, NodeLink RootCause)
{
    public OperationalStatus Own { get; init; }

    public ImpactLevel Inherited { get; init; }

    public HealthSource Source { get; init; }

    public CausePath? Path { get; init; }
}

/// <summary>A node where trouble starts, and how many live services it explains (their primary cause leads to it).</summary>
/// <remarks>
/// <see cref="ServicesHit"/> counts live services whose trouble starts here (itself included when it is one),
/// <see cref="CriticalServicesHit"/> those of tier 1–2, <see cref="BusinessServicesHit"/> the business services among
/// them and <see cref="Domains"/> the domains they belong to (see <see cref="HealthViews.RootCauses"/>).
/// </remarks>
public sealed record RootCause(NodeLink Node, OperationalStatus Level, string Reason, int ServicesHit, int CriticalServicesHit)
{
    /// <summary>The supplier whose SLA result makes this a root cause, when it is one.</summary>
    public NodeLink? Supplier { get; init; }

    public int BusinessServicesHit { get; init; }

    /// <summary>Every node (services, configuration items, suppliers) whose trouble starts here, itself included.</summary>
    public int NodesHit { get; init; }

    public IReadOnlyList<string> Domains { get; init; } = [];

    public int DomainsHit => Domains.Count;

    /// <summary>The live services it touches, business services first, then by tier.</summary>
    public IReadOnlyList<NodeLink> Services { get; init; } = [];
}

/// <summary>A breached or at-risk SLA and the tier-1/2 business services it hits (its own service included when it is one).</summary>
public sealed record TopRisk(SlaOutcome Outcome, NodeLink Service, NodeLink Supplier, IReadOnlyList<NodeLink> HitServices, int Tier1Hit, int Tier2Hit);

public sealed record SupplierImpact(int Rank, NodeLink Supplier, int BusinessImpact, int Breaches, double? MetPercent, int Services);

/// <summary>Governance gaps now (gaps have no history), by severity.</summary>
public sealed record GapSummary(IReadOnlyDictionary<GapSeverity, int> BySeverity, CoverageFigure Coverage)
{
    public int Total => BySeverity.Values.Sum();
}

/// <summary>SLA results of one month over all targets measured in it.</summary>
/// <param name="AttainmentPercent">Share of measured targets that met their target (Met or At risk), 0–100; null when nothing was measured.</param>
public sealed record TrendPoint(DateOnly Month, int Measured, int Attained, int Breached)
{
    public string Label => Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public double? AttainmentPercent => Measured == 0 ? null : Math.Round(100.0 * Attained / Measured, 1);
}

/// <summary>The what-if part of the dashboard: what was marked failed and its blast radius (people to call, SLAs hit).</summary>
public sealed record WhatIfView(NodeLink Failed, ImpactReport Report, int ServicesNewlyHit)
{
    public ImpactSummary Impact => Report.Summary;
}

/// <summary>One live service on the health list: own and effective health, the first reason and its root cause.</summary>
public sealed record ServiceHealthRow(
    NodeLink Service, int Tier, ServiceKind Kind, string? DomainKey, string? DomainName, OperationalStatus Own, OperationalStatus Effective, string Reason, NodeLink? RootCause)
{
    public ImpactLevel Inherited { get; init; }

    public HealthSource Source { get; init; }

    public CausePath? Path { get; init; }
}

/// <summary>What the dashboard shows while a month's health is first rolled up: the month, the measured months and the SLA trend.</summary>
public sealed record DashboardPreview(DateOnly Period, IReadOnlyList<DateOnly> MeasuredPeriods, IReadOnlyList<TrendPoint> Trend);

/// <summary>Everything the CIO dashboard shows, for one month, optionally with a what-if failure.</summary>
public sealed record Dashboard(
    DateOnly Period,
    IReadOnlyList<DateOnly> MeasuredPeriods,
    bool RecordedStatusCounts,
    DashboardTotals Totals,
    HealthCounts ServiceHealth,
    IReadOnlyList<DomainTile> Domains,
    IReadOnlyList<RootCause> RootCauses,
    IReadOnlyList<ServiceAttention> Attention,
    int AttentionTotal,
    IReadOnlyList<TopRisk> TopRisks,
    IReadOnlyList<SupplierImpact> Suppliers,
    GapSummary? Gaps,
    IReadOnlyList<TrendPoint> Trend,
    WhatIfView? WhatIf)
{
    /// <summary>The domain score's formula in one sentence (tile tooltip or legend).</summary>
    public string ScoreFormula => DomainHealthRules.ScoreFormula;

    /// <summary>How a tile's colour is chosen, in one sentence.</summary>
    public string StatusRule => DomainHealthRules.StatusRule;

    /// <summary>Live services needing attention because of their own SLA results or recorded status (or a what-if mark).</summary>
    public int NeedingAttentionOwn { get; init; }

    /// <summary>Live services needing attention only because of what they rely on.</summary>
    public int NeedingAttentionInherited { get; init; }

    /// <summary>
    /// True while governance gaps, score coverage, the supplier ranking and the 12-month trends of a month's first build
    /// are still being worked out (<see cref="Gaps"/> and <see cref="Trends"/> null, <see cref="Suppliers"/> empty, tiles
    /// without coverage); see <see cref="DashboardService.GetAsync"/>.
    /// </summary>
    public bool Pending { get; init; }

    /// <summary>The last 12 months per domain and business service (sparklines); null when not built.</summary>
    public HealthTrends? Trends { get; init; }
}
