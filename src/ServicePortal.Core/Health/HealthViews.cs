using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Health;

/// <summary>Where a node's effective health comes from.</summary>
public enum HealthSource
{
    /// <summary>Healthy or Unknown: nothing to explain.</summary>
    None,

    /// <summary>Its own SLA results or recorded status decide (an own problem).</summary>
    Own,

    /// <summary>What it relies on decides (inherited: the trouble starts elsewhere).</summary>
    Inherited,

    /// <summary>Marked failed in what-if mode.</summary>
    WhatIf,
}

/// <summary>One step of a root cause path: the node, and the relationship that joins it to the step before (null for the root).</summary>
/// <param name="Via">The relationship's type; <paramref name="ViaRedundancyGroup"/> when that relationship is in a redundancy group.</param>
public sealed record PathStep(NodeLink Node, RelationshipType? Via, bool ViaRedundancyGroup = false);

/// <summary>
/// Why a node has the health it has, as a path a CIO can click through: <see cref="Root"/> is where the trouble
/// starts (the node itself for an own problem), <see cref="RootReason"/> what is wrong there (an SLA breach with its
/// figures and supplier, a recorded status), <see cref="Steps"/> the path from the root to the node.
/// </summary>
public sealed record CausePath(NodeLink Root, string RootReason, NodeLink? Supplier, IReadOnlyList<PathStep> Steps, string Text);

/// <summary>One node's health, own and inherited apart, and the path to its root cause (null when it needs no attention).</summary>
public sealed record NodeHealth(
    NodeLink Node, OperationalStatus Own, ImpactLevel Inherited, OperationalStatus Effective, HealthSource Source, string Reason, CausePath? RootCause);

/// <summary>One month of a domain's health: the tile's status and score as they were "as of" that month.</summary>
public sealed record DomainTrendPoint(DateOnly Month, OperationalStatus Status, double? Score, int NeedingAttention, int LiveServices);

public sealed record DomainTrend(int? DomainId, string Key, string Name, IReadOnlyList<DomainTrendPoint> Points);

/// <summary>One month of a service's health as it was "as of" that month.</summary>
public sealed record ServiceTrendPoint(DateOnly Month, OperationalStatus Own, ImpactLevel Inherited, OperationalStatus Effective);

public sealed record ServiceTrend(NodeLink Service, int Tier, IReadOnlyList<ServiceTrendPoint> Points);

/// <summary>The last 12 months (oldest first, ending with the month shown) per domain and per live business service: sparkline data.</summary>
public sealed record HealthTrends(IReadOnlyList<DateOnly> Months, IReadOnlyList<DomainTrend> Domains, IReadOnlyList<ServiceTrend> BusinessServices);

/// <summary>
/// The read models of health, built from one <see cref="HealthReport"/> (so roll-up, dashboard, what-if and API say
/// the same): a node's own and inherited health with its root cause path, and the root causes with what they touch.
/// </summary>
public static class HealthViews
{
    /// <summary>The health of one node with its root cause path (see <see cref="HealthReport.PrimaryCause"/>).</summary>
    public static NodeHealth Of(HealthReport report, int nodeId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var index = report.Index;
        var node = index.Node(nodeId);
        var own = report.OwnOf(nodeId);
        var inherited = report.InheritedOf(nodeId);
        var effective = report.EffectiveOf(nodeId);
        if (!HealthLevels.NeedsAttention(effective))
        {
            var text = effective == OperationalStatus.Unknown ? "No SLA result or recorded status for the month" : "All measured SLAs met";
            return new NodeHealth(DashboardService.Link(node), own, inherited, effective, HealthSource.None, text, null);
        }

        var cause = report.PrimaryCause(nodeId)!;
        var source = cause.Kind switch
        {
            HealthCauseKind.WhatIf => HealthSource.WhatIf,
            HealthCauseKind.Dependency => HealthSource.Inherited,
            _ => HealthSource.Own,
        };
        return new NodeHealth(DashboardService.Link(node), own, inherited, effective, source, cause.Text, PathOf(report, cause));
    }

    /// <summary>The clickable path of a cause: the root, what is wrong there, and each step to the node.</summary>
    public static CausePath PathOf(HealthReport report, HealthCause cause)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cause);
        var index = report.Index;
        var root = index.Node(cause.RootCauseId);
        var rootCause = cause.Kind == HealthCauseKind.Dependency ? RootReasonOf(report, cause.RootCauseId) : cause;
        var supplier = rootCause?.Sla is { } sla && index.TryGetNode(sla.SupplierId, out var s) ? DashboardService.Link(s) : null;
        var steps = new List<PathStep> { new(DashboardService.Link(root), null) };
        if (cause.Path is { } path)
        {
            for (var i = 1; i < path.NodeIds.Count; i++)
            {
                var edge = path.Edges[i - 1];
                steps.Add(new PathStep(DashboardService.Link(index.Node(path.NodeIds[i])), edge.Type, edge.RedundancyGroupId is not null));
            }
        }

        return new CausePath(DashboardService.Link(root), rootCause?.Text ?? HealthLevels.Text(report.OwnOf(cause.RootCauseId)), supplier, steps, cause.Text);
    }

    /// <summary>What is wrong at a root cause itself: a what-if mark, its worst own SLA result or its recorded status.</summary>
    public static HealthCause? RootReasonOf(HealthReport report, int rootId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Explain(rootId).Causes.Where(c => c.Kind != HealthCauseKind.Dependency).OrderByDescending(c => c.Level).FirstOrDefault();
    }

    /// <summary>
    /// The root causes: every node where the trouble of some other node, or of a live service, starts (each node that
    /// needs attention counts once, for the root of its <see cref="HealthReport.PrimaryCause"/>), with the live
    /// services, business services, tier-1/2 services and domains it touches. Most business services first, then most
    /// tier-1/2 services, then most services, then most nodes. A node whose trouble touches nothing but itself and is
    /// not a live service (a CI with a recorded fault that nothing notices) is left out.
    /// </summary>
    public static IReadOnlyList<RootCause> RootCauses(HealthReport report, IReadOnlyDictionary<int, string> domainNames, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(domainNames);
        var index = report.Index;
        var tally = new Dictionary<int, Tally>();
        foreach (var id in report.NeedingAttention())
        {
            var root = report.RootOf(id);
            if (root < 0)
            {
                continue;
            }

            if (!tally.TryGetValue(root, out var t))
            {
                tally[root] = t = new Tally();
            }

            t.Nodes++;
            var node = index.Node(id);
            if (node.NodeType != NodeType.Service || node.Lifecycle != Lifecycle.Live)
            {
                continue;
            }

            t.Services.Add(id);
            t.Business += node.Kind == ServiceKind.Business ? 1 : 0;
            t.Critical += (node.Tier ?? Service.LowestTier) <= 2 ? 1 : 0;
            if (node.DomainId is { } domain)
            {
                t.Domains.Add(domain);
            }
        }

        return [.. tally
            .Where(t => t.Value.Services.Count > 0 || t.Value.Nodes > 1)
            .OrderByDescending(t => t.Value.Business).ThenByDescending(t => t.Value.Critical).ThenByDescending(t => t.Value.Services.Count)
            .ThenByDescending(t => t.Value.Nodes).ThenBy(t => t.Key)
            .Take(count)
            .Select(t =>
            {
                var why = RootReasonOf(report, t.Key);
                var supplier = why?.Sla is { } sla && index.TryGetNode(sla.SupplierId, out var s) ? DashboardService.Link(s) : null;
                return new RootCause(
                    DashboardService.Link(index.Node(t.Key)), why?.Level ?? report.OwnOf(t.Key), why?.Text ?? HealthLevels.Text(report.OwnOf(t.Key)),
                    t.Value.Services.Count, t.Value.Critical)
                {
                    Supplier = supplier,
                    BusinessServicesHit = t.Value.Business,
                    NodesHit = t.Value.Nodes,
                    Domains = [.. t.Value.Domains.Select(d => domainNames.GetValueOrDefault(d, $"Domain #{d}")).Order(StringComparer.CurrentCulture)],
                    Services = [.. t.Value.Services.Select(id => index.Node(id))
                        .OrderBy(n => n.Kind == ServiceKind.Business ? 0 : 1).ThenBy(n => n.Tier).ThenBy(n => n.Name, StringComparer.CurrentCulture)
                        .Select(DashboardService.Link)],
                };
            })];
    }

    private sealed class Tally
    {
        public int Nodes;
        public int Business;
        public int Critical;
        public readonly List<int> Services = [];
        public readonly HashSet<int> Domains = [];
    }
}
