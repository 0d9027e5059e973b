using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

public enum HealthCauseKind
{
    /// <summary>One of the node's own SLA targets was breached in the period.</summary>
    SlaBreached,

    /// <summary>One of the node's own SLA targets was met only inside its warning band.</summary>
    SlaAtRisk,

    /// <summary>The node's recorded operational status (present only).</summary>
    RecordedStatus,

    /// <summary>Marked failed in what-if mode.</summary>
    WhatIf,

    /// <summary>Something it relies on failed: <see cref="HealthCause.Path"/> runs from that node to this one.</summary>
    Dependency,
}

/// <summary>One reason for a node's health. <see cref="RootCauseId"/> is the node where the trouble starts (the node itself for own causes).</summary>
public sealed record HealthCause(
    HealthCauseKind Kind,
    OperationalStatus Level,
    string Text,
    int RootCauseId,
    SlaOutcome? Sla = null,
    DependencyPath? Path = null);

/// <summary>Why a node has the health it has.</summary>
public sealed record HealthExplanation(int NodeId, OperationalStatus Own, OperationalStatus Effective, IReadOnlyList<HealthCause> Causes)
{
    /// <summary>Distinct root-cause nodes, the node itself first when its own results are a cause.</summary>
    public IReadOnlyList<int> RootCauseIds => [.. Causes.Select(c => c.RootCauseId).Distinct()];
}

/// <summary>The outcome of <see cref="HealthEngine.Compute"/>: own and effective health of every node, explanations on request.</summary>
public sealed class HealthReport
{
    private readonly byte[] _own;
    private readonly byte[] _inherited;
    private readonly byte[] _effective;
    private readonly IReadOnlyDictionary<int, List<SlaOutcome>> _outcomes;
    private readonly HashSet<int> _whatIf;

    internal HealthReport(
        GraphIndex index, HealthInputs inputs, byte[] own, byte[] inherited, byte[] effective, ImpactResult impact,
        IReadOnlyDictionary<int, List<SlaOutcome>> outcomes, HashSet<int> whatIf)
    {
        Index = index;
        Inputs = inputs;
        _own = own;
        _inherited = inherited;
        _effective = effective;
        Impact = impact;
        _outcomes = outcomes;
        _whatIf = whatIf;
    }

    public GraphIndex Index { get; }

    private IReadOnlyList<DomainHealthFigure>? _domainFigures;

    /// <summary>
    /// <see cref="DomainHealthRules.Compute"/> of this report, worked out once: a report is immutable, and the dashboard
    /// reads the figures of twelve months on every rebuild, eleven of which usually stand.
    /// </summary>
    public IReadOnlyList<DomainHealthFigure> DomainFigures => _domainFigures ??= DomainHealthRules.Compute(this);

    public HealthInputs Inputs { get; }

    public DateOnly Period => Inputs.Period;

    /// <summary>The roll-up's blast radius: every node a Degraded/Down own health (or a what-if failure) reaches.</summary>
    public ImpactResult Impact { get; }

    public IReadOnlyCollection<int> WhatIfFailed => _whatIf;

    public OperationalStatus OwnOf(int nodeId) => Index.IndexOf(nodeId) is var i and >= 0 ? (OperationalStatus)_own[i] : OperationalStatus.Unknown;

    /// <summary>What the node inherits from what it relies on (None, At risk or Down), apart from its own health.</summary>
    public ImpactLevel InheritedOf(int nodeId) => Index.IndexOf(nodeId) is var i and >= 0 ? (ImpactLevel)_inherited[i] : ImpactLevel.None;

    /// <summary>True when the node's effective level comes from what it relies on rather than from itself (a tie counts as inherited: that is where the trouble starts).</summary>
    public bool IsInherited(int nodeId)
    {
        var i = Index.IndexOf(nodeId);
        return i >= 0 && _effective[i] >= (byte)OperationalStatus.AtRisk && !_whatIf.Contains(nodeId)
            && (byte)HealthEngine.FromImpact((ImpactLevel)_inherited[i]) >= _own[i] && _inherited[i] != (byte)ImpactLevel.None;
    }

    public OperationalStatus EffectiveOf(int nodeId) => Index.IndexOf(nodeId) is var i and >= 0 ? (OperationalStatus)_effective[i] : OperationalStatus.Unknown;

    /// <summary>The measured SLA outcomes of a service in the period (Met ones included).</summary>
    public IReadOnlyList<SlaOutcome> OutcomesOf(int serviceId) => _outcomes.TryGetValue(serviceId, out var list) ? list : [];

    /// <summary>Every measured SLA outcome of the period.</summary>
    public IEnumerable<SlaOutcome> Outcomes => _outcomes.Values.SelectMany(l => l);

    /// <summary>Ids of nodes whose effective health is AtRisk, Degraded or Down, in node-id order.</summary>
    public IEnumerable<int> NeedingAttention()
    {
        for (var i = 0; i < _effective.Length; i++)
        {
            if (_effective[i] >= (byte)OperationalStatus.AtRisk)
            {
                yield return Index.IdAt(i);
            }
        }
    }

    internal OperationalStatus EffectiveAt(int nodeIndex) => (OperationalStatus)_effective[nodeIndex];

    internal OperationalStatus OwnAt(int nodeIndex) => (OperationalStatus)_own[nodeIndex];

    /// <summary>
    /// Why the node is as healthy as it is: a what-if failure; each breached or at-risk SLA of its own; its recorded
    /// status when it is worse than Healthy and counts; and, when something it relies on failed, the shortest path
    /// from that root cause (see <see cref="PropagationRules"/>). A Healthy or Unknown node has no causes.
    /// </summary>
    public HealthExplanation Explain(int nodeId)
    {
        var i = Index.IndexOf(nodeId);
        if (i < 0)
        {
            throw new ArgumentException($"Node {nodeId} is not in the CMDB graph.", nameof(nodeId));
        }

        var own = (OperationalStatus)_own[i];
        var effective = (OperationalStatus)_effective[i];
        var causes = new List<HealthCause>();
        if (_whatIf.Contains(nodeId))
        {
            causes.Add(new HealthCause(HealthCauseKind.WhatIf, OperationalStatus.Down, $"{Index.NameAt(i)} is marked failed (what-if)", nodeId));
        }

        causes.AddRange(OwnCauses(nodeId, i));
        var (inheritedLevel, path) = Impact.InheritedOf(nodeId);
        if (inheritedLevel != ImpactLevel.None && path is not null)
        {
            var root = path.NodeIds[0];
            var rootReason = _whatIf.Contains(root) ? "marked failed (what-if)" : OwnSummary(root);
            var level = HealthEngine.FromImpact(inheritedLevel);
            causes.Add(new HealthCause(
                HealthCauseKind.Dependency,
                level,
                $"{HealthLevels.Text(level)} because {Index.NameAt(Index.IndexOf(root))} is {rootReason}{Contained(path)}: {path.Describe(Index)}",
                root,
                Path: path));
        }

        return new HealthExplanation(nodeId, own, effective, causes);
    }

    /// <summary>
    /// The node where the trouble that decides the node's effective level starts, without building any text: the
    /// start of its impact path when a dependency gives it a level at least as bad as its own, else the node itself;
    /// -1 when it needs no attention. Agrees with <see cref="PrimaryCause"/>.
    /// </summary>
    public int RootOf(int nodeId)
    {
        var i = Index.IndexOf(nodeId);
        if (i < 0 || _effective[i] < (byte)OperationalStatus.AtRisk)
        {
            return -1;
        }

        return IsInherited(nodeId) ? Impact.InheritedOf(nodeId).Path!.NodeIds[0] : nodeId;
    }

    /// <summary>A note when the node's risk is lost spare capacity: the last step is a redundancy group that still has enough sound members.</summary>
    private string Contained(DependencyPath path)
    {
        var node = path.NodeIds[^1];
        return path.Edges[^1].RedundancyGroupId is not null && !Impact.IsSeed(node) && Impact.PropagatedLevelOf(node) == PropagatedLevel.ContainedRisk
            ? " (lost spare capacity: the redundancy group still has enough members)"
            : "";
    }

    /// <summary>The cause that decides the node's effective level (the worst; a dependency wins a tie, being where the trouble starts), or null when healthy.</summary>
    public HealthCause? PrimaryCause(int nodeId) =>
        Explain(nodeId).Causes.OrderByDescending(c => c.Level).ThenBy(c => c.Kind == HealthCauseKind.Dependency ? 0 : 1).FirstOrDefault();

    private IEnumerable<HealthCause> OwnCauses(int nodeId, int i)
    {
        foreach (var outcome in OutcomesOf(nodeId).OrderByDescending(o => OwnHealth.Rank(o.Result)).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            if (outcome.Result == SlaResult.Breached)
            {
                yield return new HealthCause(HealthCauseKind.SlaBreached, OperationalStatus.Degraded, $"SLA breached: {outcome.Describe()}", nodeId, outcome);
            }
            else if (outcome.Result == SlaResult.AtRisk)
            {
                yield return new HealthCause(HealthCauseKind.SlaAtRisk, OperationalStatus.AtRisk, $"SLA at risk: {outcome.Describe()}", nodeId, outcome);
            }
        }

        var recorded = Index.NodeAt(i).Status;
        if (Inputs.RecordedApplies && recorded >= OperationalStatus.AtRisk)
        {
            yield return new HealthCause(HealthCauseKind.RecordedStatus, recorded, $"Recorded status: {HealthLevels.Text(recorded)}", nodeId);
        }
    }

    private string OwnSummary(int nodeId)
    {
        var i = Index.IndexOf(nodeId);
        var first = OwnCauses(nodeId, i).FirstOrDefault();
        return first switch
        {
            { Kind: HealthCauseKind.SlaBreached, Sla: { } sla } => $"breaching {sla.Name}",
            { Kind: HealthCauseKind.RecordedStatus } => $"recorded {HealthLevels.Text(first.Level).ToLowerInvariant()}",
            _ => HealthLevels.Text((OperationalStatus)_own[i]).ToLowerInvariant(),
        };
    }
}
