using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;

namespace ServicePortal.DataGenerator;

/// <summary>
/// What a generated graph looks like, for README: how many dependants nodes have (in-degree over the edges failures
/// travel), how far a failure reaches (blast radius of a sample of nodes, and of the pathological hub) and how healthy
/// the live services are in the latest measured month, judged as the dashboard judges them (<see cref="HealthEngine"/>:
/// SLA results and recorded status, passed on through the graph).
/// </summary>
public sealed record GraphShape(
    int Nodes, int Edges, double EdgesPerNode, int DegreeP50, int DegreeP90, int DegreeP99, int DegreeMax,
    int Sampled, int ReachP50, int ReachP90, int ReachP99, int ReachMax, int HubReach, int LiveServices, int LiveServicesNeedingAttention)
{
    /// <summary>Of the live services needing attention, those with a problem of their own (SLA results or recorded status).</summary>
    public int NeedingAttentionOwn { get; init; }

    /// <summary>The pathological hub's effective health (it is kept for worst-case figures, not failing).</summary>
    public OperationalStatus HubHealth { get; init; }

    /// <summary>How many domain tiles the dashboard shows at each status (<see cref="DomainHealthRules"/>).</summary>
    public IReadOnlyDictionary<OperationalStatus, int> DomainTiles { get; init; } = new Dictionary<OperationalStatus, int>();

    public double AttentionShare => LiveServices == 0 ? 0 : LiveServicesNeedingAttention / (double)LiveServices;

    public static GraphShape Of(GeneratedCmdb data, int sample = 1_000)
    {
        var index = data.ToGraphIndex();
        var degrees = index.Nodes.Select(n => index.IncomingOf(n.Id).Count()).Order().ToArray();
        var random = new Random(data.Seed);
        var analyzer = new ImpactAnalyzer(index);
        var ids = index.Nodes.Select(n => n.Id).ToArray();
        var reaches = Enumerable.Range(0, Math.Min(sample, ids.Length))
            .Select(_ => analyzer.Analyze([ids[random.Next(ids.Length)]]).Count)
            .Order()
            .ToArray();
        var health = Health(data, index);
        var live = index.Nodes.Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live).Select(n => n.Id).ToList();
        var attention = live.Where(id => HealthLevels.NeedsAttention(health.EffectiveOf(id))).ToList();
        return new GraphShape(
            index.NodeCount, index.EdgeCount, index.EdgeCount / (double)index.NodeCount,
            Percentile(degrees, 0.5), Percentile(degrees, 0.9), Percentile(degrees, 0.99), degrees[^1],
            reaches.Length, Percentile(reaches, 0.5), Percentile(reaches, 0.9), Percentile(reaches, 0.99), reaches[^1],
            data.PathologicalHubId > 0 ? analyzer.Analyze([data.PathologicalHubId]).Count : 0,
            live.Count, attention.Count)
        {
            NeedingAttentionOwn = attention.Count(id => !health.IsInherited(id)),
            HubHealth = data.PathologicalHubId > 0 ? health.EffectiveOf(data.PathologicalHubId) : OperationalStatus.Unknown,
            DomainTiles = DomainHealthRules.Compute(health).Where(f => f.DomainId is not null).CountBy(f => f.Status).ToDictionary(),
        };
    }

    /// <summary>The health report of the latest measured month, as the dashboard computes it from the stored data.</summary>
    public static HealthReport Health(GeneratedCmdb data, GraphIndex? index = null)
    {
        var latest = data.Measurements.Count == 0 ? DateOnly.MinValue : data.Measurements.Max(m => m.PeriodStart);
        var outcomes = data.Measurements.Where(m => m.PeriodStart == latest).Select(m =>
        {
            var target = data.SlaTargets[m.SlaTargetId - 1];
            var contract = data.Contracts[target.ContractId - 1];
            return new SlaOutcome(
                target.Id, target.Key, target.Name, target.ServiceId, contract.SupplierId, data.Node(contract.SupplierId).Name, m.PeriodStart,
                SlaEvaluator.Evaluate(target.Direction, target.Target, target.WarningBand, m.Value), m.Value, target.Target, target.Direction, target.Unit);
        }).ToList();
        return HealthEngine.Compute(index ?? data.ToGraphIndex(), new HealthInputs(latest, RecordedApplies: true, outcomes));
    }

    public override string ToString() =>
        $"{Nodes:N0} nodes, {Edges:N0} relationships ({EdgesPerNode:0.0} per node); dependants per node p50 {DegreeP50}, p90 {DegreeP90}, " +
        $"p99 {DegreeP99}, max {DegreeMax:N0}; blast radius of {Sampled:N0} random nodes p50 {ReachP50:N0}, p90 {ReachP90:N0}, p99 {ReachP99:N0}, " +
        $"max {ReachMax:N0}; pathological hub {HubReach:N0} ({100.0 * HubReach / Nodes:0}%, itself {HubHealth}); live services needing attention " +
        $"{LiveServicesNeedingAttention:N0} of {LiveServices:N0} ({100 * AttentionShare:0.0}%; {NeedingAttentionOwn:N0} own problems, " +
        $"{LiveServicesNeedingAttention - NeedingAttentionOwn:N0} inherited); domain tiles " +
        string.Join(", ", DomainTiles.OrderByDescending(t => t.Key).Select(t => $"{t.Value} {HealthLevels.Text(t.Key)}"));

    private static int Percentile(int[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
