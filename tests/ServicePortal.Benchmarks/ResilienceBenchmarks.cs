using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Resilience;

namespace ServicePortal.Benchmarks;

/// <summary>
/// The resilience insight over the 100k-node / 500k-relationship synthetic CMDB (<see cref="CmdbFixture"/>): the full
/// single-points-of-failure ranking (what a cache miss costs, once per CMDB change) and the SLA chain of every live
/// business service, with an availability target on one service in three (99.0–99.99 %).
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class ResilienceBenchmarks
{
    private GraphIndex _index = null!;
    private List<AvailabilityTarget> _targets = null!;

    [GlobalSetup]
    public void Setup()
    {
        _index = CmdbFixture.Index;
        var random = new Random(17);
        _targets = [.. CmdbFixture.Cmdb.Nodes
            .Where(n => n.NodeType == NodeType.Service && random.Next(3) == 0)
            .Select(n => new AvailabilityTarget(n.Id, $"T-{n.Id}", "Availability", n.Id, 1, "CT-1", 99.0 + (random.Next(100) / 100.0)))];
        var watch = Stopwatch.StartNew();
        var report = SinglePointsOfFailureAnalysis.Find(_index);
        Console.WriteLine(
            $"// Single points of failure: {report.Items.Count} among {report.CandidatesChecked} candidates for {report.BusinessServicesChecked} tier-1/2 business services, first run {watch.ElapsedMilliseconds} ms.");
        watch.Restart();
        var chains = SlaChainAnalysis.Compute(_index, _targets);
        Console.WriteLine($"// SLA chains: {chains.Count} business services, first run {watch.ElapsedMilliseconds} ms.");
    }

    [Benchmark]
    public int SinglePointsOfFailure_FullRanking() => SinglePointsOfFailureAnalysis.Find(_index).Items.Count;

    [Benchmark]
    public int SlaChain_AllBusinessServices() => SlaChainAnalysis.Compute(_index, _targets).Count;
}
