using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

/// <summary>What health is judged from, besides the graph (which carries every node's recorded status).</summary>
/// <param name="Period">The month health is judged for ("as of" its end).</param>
/// <param name="RecordedApplies">Whether recorded statuses count (true for the present, false for a past period; see <see cref="OwnHealth"/>).</param>
/// <param name="Outcomes">SLA results of the period, one per target (see <see cref="HealthService"/> for how a quarterly target's period is chosen).</param>
public sealed record HealthInputs(DateOnly Period, bool RecordedApplies, IReadOnlyList<SlaOutcome> Outcomes)
{
    /// <summary>What-if: nodes assumed Down on top of the real state; nothing is stored.</summary>
    public IReadOnlyCollection<int> WhatIfFailed { get; init; } = [];
}

/// <summary>
/// The health roll-up. For every node of the graph:
/// <list type="number">
/// <item><b>Own health</b> from its SLA results and recorded status (<see cref="OwnHealth"/>).</item>
/// <item><b>Inherited risk</b>: every node whose own health is Degraded or Down (plus any what-if failure, as Down)
/// seeds one <see cref="ImpactAnalyzer"/> run, so failure travels exactly as the graph engine's
/// <see cref="PropagationRules"/> say: an outage of a hard dependency takes its dependants down, a fault below puts
/// them at risk, a redundancy group with enough sound members turns a failed member into a risk for its dependant
/// only, ConnectsTo and PartOf only ever make a contained risk, cycles terminate. A node's inherited risk is what its
/// dependencies give it (None, At risk or Down, never Degraded), kept apart from its own health, also for a node that
/// failed itself. Own At risk and Unknown do not travel.</item>
/// <item><b>Effective health</b> = the worse of own health and inherited risk (a what-if node is Down).</item>
/// <item><b>Explanation</b> (<see cref="HealthReport.Explain"/>): its own breached or at-risk SLAs and recorded status,
/// and the shortest path from the failed node that explains its level (the root cause), computed on request.</item>
/// </list>
/// One pass over the nodes, one two-pass breadth-first walk over the affected part of the graph: linear in nodes
/// plus affected edges. Pure: no database, safe from any thread.
/// </summary>
public static class HealthEngine
{
    public static HealthReport Compute(GraphIndex index, HealthInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(inputs);
        var n = index.NodeCount;

        // Worst measured SLA result per node, and the outcomes an explanation names.
        var worstSla = new byte[n];
        var outcomes = new Dictionary<int, List<SlaOutcome>>();
        foreach (var outcome in inputs.Outcomes)
        {
            var node = index.IndexOf(outcome.ServiceId);
            if (node < 0 || outcome.Result == SlaResult.NoData)
            {
                continue;
            }

            var rank = (byte)OwnHealth.Rank(outcome.Result);
            if (rank > worstSla[node])
            {
                worstSla[node] = rank;
            }

            if (!outcomes.TryGetValue(outcome.ServiceId, out var list))
            {
                outcomes[outcome.ServiceId] = list = [];
            }

            list.Add(outcome);
        }

        var own = new byte[n];
        var seeds = new List<ImpactSeed>();
        for (var i = 0; i < n; i++)
        {
            var sla = worstSla[i] switch { 3 => SlaResult.Breached, 2 => SlaResult.AtRisk, 1 => SlaResult.Met, _ => SlaResult.NoData };
            var level = OwnHealth.Of(sla, index.StatusAt(i), inputs.RecordedApplies);
            own[i] = (byte)level;
            if (level >= OperationalStatus.Degraded)
            {
                seeds.Add(new ImpactSeed(index.IdAt(i), level == OperationalStatus.Down ? ImpactLevel.Down : ImpactLevel.Degraded));
            }
        }

        var whatIf = new HashSet<int>();
        foreach (var id in inputs.WhatIfFailed)
        {
            if (index.IndexOf(id) >= 0 && whatIf.Add(id))
            {
                seeds.Add(new ImpactSeed(id, ImpactLevel.Down));
            }
        }

        var impact = new ImpactAnalyzer(index).Analyze(seeds);
        var inherited = new byte[n];
        var effective = (byte[])own.Clone();
        foreach (var affected in impact.Affected)
        {
            var node = index.IndexOf(affected.NodeId);
            var level = affected.Distance > 0 ? affected.Level : impact.InheritedLevelOf(affected.NodeId);
            inherited[node] = (byte)level;
            var status = (byte)FromImpact(level);
            if (whatIf.Contains(affected.NodeId))
            {
                status = (byte)OperationalStatus.Down;
            }

            if (status > effective[node])
            {
                effective[node] = status;
            }
        }

        return new HealthReport(index, inputs, own, inherited, effective, impact, outcomes, whatIf);
    }

    public static OperationalStatus FromImpact(ImpactLevel level) => level switch
    {
        ImpactLevel.Down => OperationalStatus.Down,
        ImpactLevel.Degraded => OperationalStatus.Degraded,
        ImpactLevel.AtRisk => OperationalStatus.AtRisk,
        _ => OperationalStatus.Unknown,
    };
}
