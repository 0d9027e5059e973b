using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.DataGenerator;

/// <summary>
/// What a generated graph looks like, for README: how many dependants nodes have (in-degree over the edges failures
/// travel) and how far a failure reaches (blast radius of a sample of nodes, and of the pathological hub).
/// </summary>
public sealed record GraphShape(
    int Nodes, int Edges, double EdgesPerNode, int DegreeP50, int DegreeP90, int DegreeP99, int DegreeMax,
    int Sampled, int ReachP50, int ReachP90, int ReachP99, int ReachMax, int HubReach, int LiveServices, int LiveServicesNeedingAttention)
{
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
        var present = analyzer.Analyze(index.RecordedFailures());
        var live = index.Nodes.Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live).Select(n => n.Id).ToList();
        return new GraphShape(
            index.NodeCount, index.EdgeCount, index.EdgeCount / (double)index.NodeCount,
            Percentile(degrees, 0.5), Percentile(degrees, 0.9), Percentile(degrees, 0.99), degrees[^1],
            reaches.Length, Percentile(reaches, 0.5), Percentile(reaches, 0.9), Percentile(reaches, 0.99), reaches[^1],
            data.PathologicalHubId > 0 ? analyzer.Analyze([data.PathologicalHubId]).Count : 0,
            live.Count, live.Count(id => present.LevelOf(id) != ImpactLevel.None));
    }

    public override string ToString() =>
        $"{Nodes:N0} nodes, {Edges:N0} relationships ({EdgesPerNode:0.0} per node); dependants per node p50 {DegreeP50}, p90 {DegreeP90}, " +
        $"p99 {DegreeP99}, max {DegreeMax:N0}; blast radius of {Sampled:N0} random nodes p50 {ReachP50:N0}, p90 {ReachP90:N0}, p99 {ReachP99:N0}, " +
        $"max {ReachMax:N0}; pathological hub {HubReach:N0} ({100.0 * HubReach / Nodes:0}%); live services hit by a recorded failure " +
        $"{LiveServicesNeedingAttention:N0} of {LiveServices:N0}";

    private static int Percentile(int[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
