namespace ServicePortal.Core.Cmdb;

/// <summary>How badly a node is hit by a failure elsewhere. Ordered: a higher value is worse.</summary>
public enum ImpactLevel : byte
{
    /// <summary>Not affected.</summary>
    None = 0,

    /// <summary>Still delivering, but something it relies on is in trouble or its spare capacity is gone: a risk, not an outage.</summary>
    AtRisk = 1,

    /// <summary>Working below its promise (a failed node's own level; never passed on as such: see <see cref="PropagationRules"/>).</summary>
    Degraded = 2,

    /// <summary>Not working (failed).</summary>
    Down = 3,
}

/// <summary>
/// The level a failure has while it travels: <see cref="ImpactLevel"/> with "At risk" split in two, a risk that is
/// passed on (<see cref="Risk"/>: a fault somewhere below) and one that stays where it arises
/// (<see cref="ContainedRisk"/>: lost spare capacity, a troubled interface partner or part). Ordered: higher is worse.
/// </summary>
public enum PropagatedLevel : byte
{
    None = 0,

    /// <summary>At risk, and passes nothing on.</summary>
    ContainedRisk = 1,

    /// <summary>At risk because a fault lies below it; passed on over hard dependencies.</summary>
    Risk = 2,

    /// <summary>Degraded: only ever a failed node's own level (a seed).</summary>
    Degraded = 3,

    Down = 4,
}

/// <summary>
/// How a failure travels through the CMDB: the one rule that the health roll-up, impact analysis, what-if and the
/// API all use. It separates cause from consequence: a node is <b>Degraded</b> only by its own SLA results or recorded
/// status; from what it relies on it inherits <b>Down</b> (an outage of something it cannot work without) or
/// <b>At risk</b>, never Degraded. Every relationship is read as "Source … Target" (see <see cref="RelationshipType"/>);
/// one side is the <em>dependant</em>, the other the <em>dependency</em> (for PartOf the whole is the dependant of its
/// parts), and an effect only ever travels from a dependency to its dependant.
/// <list type="table">
/// <listheader><term>Edge (dependant ← dependency)</term><description>dependency Down / Degraded / At risk because of a fault below / otherwise at risk</description></listheader>
/// <item><term>DependsOn, RunsOn, ProvidedBy ("hard")</term><description>Down / At risk (passed on) / At risk (passed on) /
/// nothing. So a fault puts everything that needs it, directly or through other hard dependencies, at risk, and an
/// outage takes it down.</description></item>
/// <item><term>PartOf, not in a group (the whole ← a part)</term><description>At risk (contained) / At risk (contained) /
/// nothing / nothing: a whole still works with one part less. When a whole needs its parts, put the PartOf edges in a
/// redundancy group (MinimumUp = n when it needs every one).</description></item>
/// <item><term>ConnectsTo (the Source ← the Target it talks to)</term><description>At risk (contained) / nothing /
/// nothing / nothing: a broken interface partner is a risk for the Source, not for those relying on the Source.</description></item>
/// </list>
/// <para><b>Redundancy groups</b> (k of n: a group's edges to one dependant with MinimumUp = k) are judged together:
/// the dependant gets what its k-th best member would give over a single edge. Concretely: fewer than k members up
/// (not Down) → the group's cap (Down for hard and PartOf edges; contained At risk when all its edges are ConnectsTo);
/// else fewer than k members free of faults (not Down, Degraded or at risk because of a fault) → At risk, passed on;
/// else any member Down or Degraded → At risk, contained: <em>lost spare capacity is a risk, not an outage</em>.
/// MinimumUp is clamped to 1 … n.</para>
/// <para><b>Own "At risk"</b> (an SLA in its warning band, a recorded At risk) is an early warning about the node
/// itself and is not passed on; nor is Unknown (no information is not a failure).</para>
/// <para><b>Levels</b>: a node's inherited level is the worst any of its dependencies gives it; a failed (seed) node
/// keeps at least its seed level. Cycles terminate because a level only rises. <b>Paths</b>: for each affected node
/// the shortest path from a failed node along edges whose effect equals its level explains it.</para>
/// </summary>
public static class PropagationRules
{
    /// <summary>One row of the documented rule: what an edge of a type passes on for each level of its dependency (outside groups).</summary>
    public sealed record Rule(RelationshipType Type, PropagatedLevel WhenDown, PropagatedLevel WhenDegraded, PropagatedLevel WhenRisk, string Reading);

    /// <summary>The rule table, one row per relationship type (outside redundancy groups), as the class summary states it.</summary>
    public static IReadOnlyList<Rule> Table { get; } =
    [
        .. new[] { RelationshipType.DependsOn, RelationshipType.RunsOn, RelationshipType.ProvidedBy }.Select(t => new Rule(
            t, PropagatedLevel.Down, PropagatedLevel.Risk, PropagatedLevel.Risk,
            "An outage takes the dependant down; a fault below puts it at risk, and that risk travels on.")),
        new Rule(
            RelationshipType.PartOf, PropagatedLevel.ContainedRisk, PropagatedLevel.ContainedRisk, PropagatedLevel.None,
            "A whole still works with one part less: at risk, and it stops there (use a redundancy group when the whole needs k of its parts)."),
        new Rule(
            RelationshipType.ConnectsTo, PropagatedLevel.ContainedRisk, PropagatedLevel.None, PropagatedLevel.None,
            "A broken interface partner is a risk for the Source alone."),
    ];

    /// <summary>True when the edge's dependant is its Target (PartOf: the part's failure reaches the whole).</summary>
    public static bool DependantIsTarget(RelationshipType type) => type == RelationshipType.PartOf;

    /// <summary>True for DependsOn, RunsOn and ProvidedBy: the dependant cannot work without the dependency.</summary>
    public static bool IsHard(RelationshipType type) => type is RelationshipType.DependsOn or RelationshipType.RunsOn or RelationshipType.ProvidedBy;

    /// <summary>
    /// The highest level one edge of <paramref name="type"/> can pass on: Down for hard edges and for PartOf inside a
    /// redundancy group, a contained risk for ConnectsTo and for PartOf outside a group.
    /// </summary>
    public static PropagatedLevel Cap(RelationshipType type, bool grouped) => type switch
    {
        RelationshipType.ConnectsTo => PropagatedLevel.ContainedRisk,
        RelationshipType.PartOf => grouped ? PropagatedLevel.Down : PropagatedLevel.ContainedRisk,
        _ => PropagatedLevel.Down,
    };

    /// <summary>The level a dependency at <paramref name="dependencyLevel"/> gives its dependant over one edge outside any redundancy group.</summary>
    public static PropagatedLevel Effect(RelationshipType type, PropagatedLevel dependencyLevel)
    {
        var rule = RuleOf(type);
        return dependencyLevel switch
        {
            PropagatedLevel.Down => rule.WhenDown,
            PropagatedLevel.Degraded => rule.WhenDegraded,
            PropagatedLevel.Risk => rule.WhenRisk,
            _ => PropagatedLevel.None,
        };
    }

    /// <summary>
    /// The level one member at <paramref name="memberLevel"/> of a redundancy group gives the group's dependant.
    /// <paramref name="groupCap"/>: the highest <see cref="Cap"/> among the group's edges to that dependant;
    /// <paramref name="tooFewUp"/>: fewer than MinimumUp members are not Down; <paramref name="tooFewSound"/>: fewer
    /// than MinimumUp members are free of faults (not Down, Degraded or at <see cref="PropagatedLevel.Risk"/>).
    /// </summary>
    public static PropagatedLevel GroupEffect(PropagatedLevel groupCap, PropagatedLevel memberLevel, bool tooFewUp, bool tooFewSound)
    {
        if (groupCap != PropagatedLevel.Down)
        {
            // All ConnectsTo: a Down member is a contained risk, whether or not enough are left.
            return memberLevel == PropagatedLevel.Down ? PropagatedLevel.ContainedRisk : PropagatedLevel.None;
        }

        return memberLevel switch
        {
            PropagatedLevel.Down when tooFewUp => PropagatedLevel.Down,
            PropagatedLevel.Down or PropagatedLevel.Degraded or PropagatedLevel.Risk when tooFewSound => PropagatedLevel.Risk,
            PropagatedLevel.Down or PropagatedLevel.Degraded => PropagatedLevel.ContainedRisk,
            _ => PropagatedLevel.None,
        };
    }

    /// <summary>The public level of a propagated one (both kinds of risk are At risk).</summary>
    public static ImpactLevel ToImpact(PropagatedLevel level) => level switch
    {
        PropagatedLevel.Down => ImpactLevel.Down,
        PropagatedLevel.Degraded => ImpactLevel.Degraded,
        PropagatedLevel.Risk or PropagatedLevel.ContainedRisk => ImpactLevel.AtRisk,
        _ => ImpactLevel.None,
    };

    /// <summary>The propagated level a seed (a failed node) starts at: Down or Degraded; an At risk seed passes nothing on.</summary>
    public static PropagatedLevel FromSeed(ImpactLevel level) => level switch
    {
        ImpactLevel.Down => PropagatedLevel.Down,
        ImpactLevel.Degraded => PropagatedLevel.Degraded,
        _ => PropagatedLevel.None,
    };

    private static Rule RuleOf(RelationshipType type)
    {
        foreach (var rule in Table)
        {
            if (rule.Type == type)
            {
                return rule;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "No propagation rule for this relationship type.");
    }
}
