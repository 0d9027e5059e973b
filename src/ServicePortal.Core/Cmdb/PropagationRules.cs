namespace ServicePortal.Core.Cmdb;

/// <summary>How badly a node is hit by a failure elsewhere. Ordered: a higher value is worse.</summary>
public enum ImpactLevel : byte
{
    /// <summary>Not affected.</summary>
    None = 0,

    /// <summary>Still working, but with reduced capacity, redundancy or functionality.</summary>
    Degraded = 1,

    /// <summary>Not working (failed).</summary>
    Down = 2,
}

/// <summary>
/// How a failure travels through the CMDB. Every relationship is read as a sentence "Source … Target"
/// (see <see cref="RelationshipType"/>); each type names one side the <em>dependant</em> and the other the
/// <em>dependency</em>, and an impact only ever travels from a dependency to its dependant:
/// <list type="table">
/// <listheader><term>Edge Source → Target</term><description>What happens when …</description></listheader>
/// <item><term>DependsOn, RunsOn, ProvidedBy</term><description>
/// … the Target is Down: the Source is Down. The Target is Degraded: the Source is Degraded.
/// A supplier failing therefore hits everything it provides (Source provided by Supplier).</description></item>
/// <item><term>PartOf (Source is a part of the whole Target)</term><description>
/// … a part is Down or Degraded: the whole is Degraded (it still works with one part less). The whole never takes
/// its parts down: a whole that fails for its own reasons (a site losing power) is an effect of its parts for this
/// rule, so model "the racks need the site" as RunsOn/DependsOn. When a whole really needs k of its n parts, put
/// the PartOf edges in a <see cref="RedundancyGroup"/> with MinimumUp k: it is Down once fewer than k parts are up.
/// When a whole needs every part, use MinimumUp = n.</description></item>
/// <item><term>ConnectsTo</term><description>
/// … the Target is Down or Degraded: the Source is Degraded, never Down (a broken link or interface reduces
/// what the Source can do, it does not stop it). Directional: the Target failing does not make the Source's
/// counterpart fail the other way.</description></item>
/// </list>
/// <para><b>Redundancy.</b> Edges of one <see cref="RedundancyGroup"/> are judged together per dependant (the
/// Source of the edges, or the whole for PartOf): a member counts as up unless it is Down. While at least
/// MinimumUp members are up, the dependant is only Degraded (by any member that is Down or Degraded). Once fewer
/// than MinimumUp are up, the dependant is Down (only Degraded when every edge of the group to it is ConnectsTo).
/// MinimumUp is clamped to 1 … number of members.</para>
/// <para><b>Levels.</b> A node's level is the worst level any of its dependencies gives it; the failed (seed) nodes
/// keep at least their seed level. Degraded never turns into Down on the way: only Down dependencies can make a
/// dependant Down. Cycles (DependsOn cycles are common in real CMDBs) terminate because a level only ever rises,
/// at most twice per node.</para>
/// <para><b>Paths.</b> For each affected node the engine reports the shortest path from a failed node along edges
/// that explain its level: a Down node's path runs through Down nodes only (for a breached redundancy group,
/// through its nearest Down member), a Degraded node's path may run through Down or Degraded nodes.</para>
/// </summary>
public static class PropagationRules
{
    /// <summary>True when the edge's dependant is its Target (PartOf: the part's failure reaches the whole).</summary>
    public static bool DependantIsTarget(RelationshipType type) => type == RelationshipType.PartOf;

    /// <summary>
    /// The highest level one edge of <paramref name="type"/> can pass on: Degraded for ConnectsTo and for a PartOf
    /// edge outside a redundancy group, Down for everything else.
    /// </summary>
    public static ImpactLevel Cap(RelationshipType type, bool grouped) => type switch
    {
        RelationshipType.ConnectsTo => ImpactLevel.Degraded,
        RelationshipType.PartOf => grouped ? ImpactLevel.Down : ImpactLevel.Degraded,
        _ => ImpactLevel.Down,
    };

    /// <summary>The level a dependency at <paramref name="dependencyLevel"/> gives its dependant over one edge outside any redundancy group.</summary>
    public static ImpactLevel Effect(RelationshipType type, ImpactLevel dependencyLevel)
    {
        var cap = Cap(type, grouped: false);
        return dependencyLevel < cap ? dependencyLevel : cap;
    }

    /// <summary>
    /// The level one member at <paramref name="memberLevel"/> of a redundancy group gives the group's dependant.
    /// <paramref name="breached"/>: fewer than MinimumUp members are up. <paramref name="groupCap"/>: the highest
    /// <see cref="Cap"/> among the group's edges to that dependant (Down unless they are all ConnectsTo).
    /// </summary>
    public static ImpactLevel GroupEffect(ImpactLevel groupCap, ImpactLevel memberLevel, bool breached) => memberLevel switch
    {
        ImpactLevel.None => ImpactLevel.None,
        ImpactLevel.Down when breached => groupCap,
        _ => ImpactLevel.Degraded,
    };
}
