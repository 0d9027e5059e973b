using BenchmarkDotNet.Attributes;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.DataGenerator;
using ServicePortal.Core.Slas;

namespace ServicePortal.Benchmarks.Health;

/// <summary>
/// The full health roll-up (own health of every node, one impact analysis seeded with every Degraded/Down node,
/// effective health) on a generated CMDB, in memory. Goal: ≤ 20 ms at 100k nodes / 500k relationships.
/// <code>dotnet run -c Release --project tests/ServicePortal.Benchmarks -- --filter '*HealthRollup*'</code>
/// </summary>
[Config(typeof(HealthBenchmarkConfig))]
public class HealthRollupBenchmarks
{
    private static readonly DateOnly Month = new(2026, 11, 1);
    private GraphIndex _index = GraphIndex.Empty;
    private HealthInputs _inputs = new(Month, true, []);
    private HealthReport? _report;
    private int _supplierId;

    [Params(100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = ScaleGenerator.Generate(Nodes);
        _index = GraphIndex.Build(
            [.. data.Nodes.Select(n => new GraphNode(n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle, n.Status, n.DomainId, n.Kind, n.Tier, n.IsInternal))],
            [.. data.Relationships.Select(r => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId))],
            [.. data.RedundancyGroups.Select(g => new RedundancyGroupInfo(g.Id, g.MinimumUp))]);
        var contracts = data.Contracts.ToDictionary(c => c.Id);
        var targets = data.SlaTargets.ToDictionary(t => t.Id);
        var outcomes = data.Measurements
            .Where(m => m.PeriodStart == Month)
            .Select(m =>
            {
                var t = targets[m.SlaTargetId];
                var supplier = contracts[t.ContractId].SupplierId;
                return new SlaOutcome(t.Id, t.Key, t.Name, t.ServiceId, supplier, data.Node(supplier).Name, Month,
                    SlaEvaluator.Evaluate(t.Direction, t.Target, t.WarningBand, m.Value), m.Value, t.Target, t.Direction, t.Unit);
            })
            .ToList();
        _inputs = new HealthInputs(Month, true, outcomes);
        _supplierId = data.Nodes.First(n => n.NodeType == NodeType.Supplier && n.IsInternal == false).Id;
        _report = HealthEngine.Compute(_index, _inputs);
        Console.WriteLine(
            $"// {_index.NodeCount} nodes, {_index.EdgeCount} relationships, {outcomes.Count} SLA outcomes, " +
            $"{_report.Impact.Seeds.Count} failed seeds, {_report.Impact.Count} nodes affected");
    }

    [Benchmark(Baseline = true, Description = "Full roll-up")]
    public HealthReport FullRollup() => HealthEngine.Compute(_index, _inputs);

    [Benchmark(Description = "Roll-up + what-if supplier")]
    public HealthReport WhatIf() => HealthEngine.Compute(_index, _inputs with { WhatIfFailed = [_supplierId] });

    /// <summary>The graph engine's share: the same impact analysis without own health, effective levels or domains.</summary>
    [Benchmark(Description = "ImpactAnalyzer alone, same seeds")]
    public ImpactResult ImpactAlone() => new ImpactAnalyzer(_index).Analyze(_report!.Impact.Seeds);

    [Benchmark(Description = "Domain health (weighted)")]
    public IReadOnlyList<DomainHealthFigure> DomainHealth() => DomainHealthRules.Compute(_report!);
}
