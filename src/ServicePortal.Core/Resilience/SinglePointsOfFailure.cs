using System.Numerics;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Resilience;

/// <summary>A business service a single failure takes Down.</summary>
public sealed record BusinessServiceHit(int NodeId, string Key, string Name, int Tier);

/// <summary>
/// A node (component, service or supplier) whose failure alone takes at least one live tier-1/2 business service Down.
/// </summary>
/// <param name="BusinessServicesDown">
/// The live tier-1/2 business services it takes Down on its own, most critical first (tier, then name); at most
/// <see cref="SinglePointsOfFailureAnalysis.ListedServices"/> of them, <see cref="BusinessServicesDownCount"/> counts all.
/// </param>
/// <param name="BusinessServicesDownCount">How many live tier-1/2 business services it takes Down on its own.</param>
/// <param name="Tier1Count">How many of those are tier 1.</param>
/// <param name="Path">The path from this node to the first of <see cref="BusinessServicesDown"/>, as a sentence.</param>
/// <param name="PathNodeIds">The same path's nodes, from this node to the business service.</param>
/// <param name="Alternates">
/// Nodes that could stand in for it but do not save the service on their own: the other members of a redundancy group it
/// is in (a group that needs them all, or a shared dependency beneath them), or another supplier providing the same thing
/// outside a redundancy group (at most <see cref="SinglePointsOfFailureAnalysis.ListedAlternates"/>, by name). Empty when nothing could stand in.
/// </param>
public sealed record SinglePointOfFailure(
    int Rank,
    int NodeId,
    string Key,
    string Name,
    NodeType NodeType,
    IReadOnlyList<BusinessServiceHit> BusinessServicesDown,
    int BusinessServicesDownCount,
    int Tier1Count,
    string Path,
    IReadOnlyList<int> PathNodeIds,
    IReadOnlyList<string> Alternates)
{
    public bool IsSupplier => NodeType == NodeType.Supplier;

    public bool HasAlternate => Alternates.Count > 0;

    /// <summary>The most critical tier it takes down (1 or 2).</summary>
    public int TopTier => BusinessServicesDown[0].Tier;
}

/// <summary>The single points of failure of one graph index, ranked, and how much was checked to find them.</summary>
/// <param name="WalkedByEngine">Candidates whose failure the engine's Down pass walked one by one (those that can bring a redundancy group down).</param>
public sealed record SinglePointsOfFailureReport(
    IReadOnlyList<SinglePointOfFailure> Items, int BusinessServicesChecked, int CandidatesChecked, int WalkedByEngine = 0)
{
    public static SinglePointsOfFailureReport Empty { get; } = new([], 0, 0);

    /// <summary>Node ids of the single points of failure, for lookups (e.g. renewals).</summary>
    public IReadOnlySet<int> NodeIds { get; } = Items.Select(i => i.NodeId).ToHashSet();
}

/// <summary>
/// Finds every <b>single point of failure</b>: a node whose failure <em>alone</em> takes a live tier-1 or tier-2 business
/// service Down, under the one set of propagation rules (<see cref="PropagationRules"/>, walked by
/// <see cref="ImpactAnalyzer"/>), so redundancy counts exactly as in a what-if: either card gateway alone is not one
/// (the group needs 1 of 2); a shared host beneath both members of a group is.
/// <para><b>How</b>, so it stays fast at 100k nodes without walking every candidate's whole blast radius:</para>
/// <list type="number">
/// <item><b>Candidates</b>: only nodes whose failure can reach a target service at all: one walk backwards from all
/// target services over the edges that can pass Down on (<see cref="DownEdges"/>).</item>
/// <item><b>Group breakers</b>: a node can only cross a redundancy group if it lies beneath at least n − k + 1 of the
/// group's n members (k = MinimumUp). Those nodes (and so everything beneath them) are the only ones whose failure may
/// reach further than the plain edges; each of them is failed alone by the engine's own Down pass
/// (<see cref="ImpactAnalyzer.ForEachSingleFailure"/>), which gives its exact Down set and path.</item>
/// <item><b>Everyone else</b> goes Down exactly with what reaches it over edges outside redundancy groups (a dependant
/// over a hard edge goes Down with its dependency), so which target services it takes down is the union of what its
/// dependants take down: one pass of bit sets (one bit per target service) from the targets downwards, repeated until
/// nothing changes (cycles). The path follows the dependants that carry the target's bit.</item>
/// </list>
/// <para><b>Ranking</b> (business impact): the most critical tier taken down (1 before 2), then the number of tier-1
/// business services, then of tier-1/2 business services taken down, then the name.</para>
/// </summary>
public static class SinglePointsOfFailureAnalysis
{
    /// <summary>How many of the business services a single point of failure takes down are listed (all are counted).</summary>
    public const int ListedServices = 10;

    /// <summary>The business services a single point of failure is judged against: live, business, tier 1 or 2.</summary>
    public static bool IsTarget(GraphNode node) =>
        node.NodeType == NodeType.Service && node.Kind == ServiceKind.Business && node.Lifecycle == Lifecycle.Live && node.Tier is <= 2;

    public static SinglePointsOfFailureReport Find(GraphIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);

        // Targets, most critical first: a target's bit is its position here, so the lowest set bit is the most critical.
        var targets = index.Nodes.Where(IsTarget)
            .OrderBy(n => n.Tier).ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id).ToList();
        if (targets.Count == 0)
        {
            return SinglePointsOfFailureReport.Empty;
        }

        var bitOf = new int[index.NodeCount];
        Array.Fill(bitOf, -1);
        for (var t = 0; t < targets.Count; t++)
        {
            bitOf[index.IndexOf(targets[t].Id)] = t;
        }

        var tier1 = targets.Count(t => t.Tier == 1); // bits 0 … tier1-1 are the tier-1 targets
        var candidates = DownEdges.Dependencies(index, targets.Select(t => t.Id)).Select(index.IndexOf).ToList();
        var isCandidate = new bool[index.NodeCount];
        foreach (var node in candidates)
        {
            isCandidate[node] = true;
        }

        var breakers = GroupBreakers(index, isCandidate);
        var found = new List<(int Node, List<int> Bits, DependencyPath Path)>();

        // Group breakers: the engine's Down pass, one failure at a time.
        new ImpactAnalyzer(index).ForEachSingleFailure(breakers.Select(index.IdAt), failure =>
        {
            List<int>? bits = null;
            for (var i = 1; i < failure.Count; i++)
            {
                if (bitOf[failure.NodeIndexAt(i)] is var bit and >= 0)
                {
                    (bits ??= []).Add(bit);
                }
            }

            if (bits is not null)
            {
                bits.Sort();
                found.Add((index.IndexOf(failure.FailedNodeId), bits, failure.PathTo(targets[bits[0]].Id)!));
            }
        });

        // Everyone else: the targets each one's dependants take down, as bit sets.
        var isBreaker = new bool[index.NodeCount];
        foreach (var node in breakers)
        {
            isBreaker[node] = true;
        }

        var words = (targets.Count + 63) / 64;
        var masks = TargetMasks(index, candidates, isBreaker, bitOf, words);
        var (lowest, towards) = PathsToLowestBit(index, targets, masks, isBreaker);
        foreach (var node in candidates)
        {
            if (isBreaker[node] || masks[node] is not { } mask)
            {
                continue;
            }

            var bits = new List<int>();
            for (var w = 0; w < words; w++)
            {
                for (var word = mask[w]; word != 0; word &= word - 1)
                {
                    var bit = (w * 64) + BitOperations.TrailingZeroCount(word);
                    if (bit != bitOf[node])
                    {
                        bits.Add(bit);
                    }
                }
            }

            if (bits.Count > 0)
            {
                var path = lowest[node] == bits[0]
                    ? Follow(index, node, towards)
                    : PlainPath(index, node, index.IndexOf(targets[bits[0]].Id), bits[0], masks, isBreaker); // a target whose own bit is lowest
                found.Add((node, bits, path));
            }
        }

        var ranked = found
            .Select(f => (f.Node, f.Bits, f.Path, Tier1: f.Bits.Count(b => b < tier1), Name: index.NameAt(f.Node)))
            .OrderBy(f => f.Bits[0] < tier1 ? 1 : 2)
            .ThenByDescending(f => f.Tier1)
            .ThenByDescending(f => f.Bits.Count)
            .ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Node)
            .ToList();
        var items = new List<SinglePointOfFailure>(ranked.Count);
        foreach (var f in ranked)
        {
            var node = index.NodeAt(f.Node);
            items.Add(new SinglePointOfFailure(
                items.Count + 1, node.Id, node.Key, node.Name, node.NodeType,
                [.. f.Bits.Take(ListedServices).Select(b => new BusinessServiceHit(targets[b].Id, targets[b].Key, targets[b].Name, targets[b].Tier!.Value))],
                f.Bits.Count, f.Tier1, f.Path.Describe(index), f.Path.NodeIds, Alternates(index, node.Id)));
        }

        return new SinglePointsOfFailureReport(items, targets.Count, candidates.Count, breakers.Count);
    }

    /// <summary>
    /// The candidates that lie beneath at least n − k + 1 members of a redundancy group a candidate relies on (k of n,
    /// MinimumUp clamped to 1 … n), over the edges that can pass Down on: only they can bring a group down on their own.
    /// Groups with the same members and need are looked at once.
    /// </summary>
    private static List<int> GroupBreakers(GraphIndex index, bool[] isCandidate)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (index.OutOffsets, index.OutPartOfEnd, index.InOffsets, index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots) = (index.OutLinks, index.OutSlots, index.InLinks, index.InSlots);
        var members = new List<int>[index.SlotCount];
        for (var u = 0; u < index.NodeCount; u++)
        {
            if (!isCandidate[u])
            {
                continue;
            }

            for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
            {
                if (outSlots[e] >= 0)
                {
                    (members[outSlots[e]] ??= []).Add(GraphIndex.NodeOf(outLinks[e]));
                }
            }

            for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
            {
                if (inSlots[p] >= 0)
                {
                    (members[inSlots[p]] ??= []).Add(GraphIndex.NodeOf(inLinks[p]));
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stamp = new int[index.NodeCount];
        var epoch = 0;
        var walk = new List<int>();
        var count = new int[index.NodeCount];
        var breaker = new bool[index.NodeCount];
        var breakers = new List<int>();
        for (var slot = 0; slot < members.Length; slot++)
        {
            if (members[slot] is not { } group || index.SlotCaps[slot] != (byte)PropagatedLevel.Down)
            {
                continue;
            }

            var need = group.Count - Math.Clamp(index.SlotMinimumUp[slot], 1, group.Count) + 1;
            if (!seen.Add($"{need}:{string.Join(',', group.Order())}"))
            {
                continue;
            }

            var touched = new List<int>();
            foreach (var member in group)
            {
                walk.Clear();
                DownEdges.Walk(index, member, stamp, ++epoch, walk);
                foreach (var v in walk)
                {
                    if (count[v]++ == 0)
                    {
                        touched.Add(v);
                    }
                }
            }

            foreach (var v in touched)
            {
                if (count[v] >= need && !breaker[v])
                {
                    breaker[v] = true;
                    breakers.Add(v);
                }

                count[v] = 0;
            }
        }

        return breakers;
    }

    /// <summary>
    /// Per candidate that is not a group breaker: the bit set of the targets its failure takes down, i.e. its own bit and
    /// its dependants' sets over the edges outside redundancy groups that pass Down on. Repeated until nothing changes, so
    /// cycles settle. Null for a node that takes no target down.
    /// </summary>
    private static ulong[]?[] TargetMasks(GraphIndex index, List<int> candidates, bool[] isBreaker, int[] bitOf, int words)
    {
        var (inPartOfEnd, inConnectsToStart, inLinks) = (index.InPartOfEnd, index.InConnectsToStart, index.InLinks);
        var masks = new ulong[]?[index.NodeCount];
        bool changed;
        do
        {
            changed = false;
            foreach (var v in candidates)
            {
                if (isBreaker[v])
                {
                    continue;
                }

                var mask = masks[v];
                if (mask is null && bitOf[v] >= 0)
                {
                    mask = masks[v] = new ulong[words];
                    mask[bitOf[v] / 64] |= 1UL << (bitOf[v] % 64);
                    changed = true;
                }

                // Dependants over ungrouped hard edges into v (PartOf outside a group and ConnectsTo never pass Down on).
                for (var p = inPartOfEnd[v]; p < inConnectsToStart[v]; p++)
                {
                    Merge(inLinks[p], ref mask);
                }

                // (The wholes v is part of go Down with it only through a redundancy group: breakers' business.)
                masks[v] = mask;
            }
        }
        while (changed);

        return masks;

        void Merge(int link, ref ulong[]? mask)
        {
            if ((link & GraphIndex.GroupedBit) != 0 || PropagationRules.Cap(GraphIndex.TypeOf(link), grouped: false) != PropagatedLevel.Down)
            {
                return;
            }

            if (masks[GraphIndex.NodeOf(link)] is not { } from)
            {
                return;
            }

            mask ??= new ulong[words];
            for (var w = 0; w < from.Length; w++)
            {
                var merged = mask[w] | from[w];
                if (merged != mask[w])
                {
                    mask[w] = merged;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// For every node with a bit set: its lowest bit (its most critical target) and the next step on a shortest way to
    /// that target. Everything on the way from a node to its lowest target has the same lowest bit (what lies above a
    /// node goes Down with it, so takes down no more than it does), so one walk down from each target through the nodes
    /// of its own lowest bit reaches each node once: linear in the edges.
    /// </summary>
    private static (int[] Lowest, (int Node, int Edge)[] Towards) PathsToLowestBit(GraphIndex index, List<GraphNode> targets, ulong[]?[] masks, bool[] isBreaker)
    {
        var (outOffsets, outPartOfEnd, outLinks) = (index.OutOffsets, index.OutPartOfEnd, index.OutLinks);
        var lowest = new int[index.NodeCount];
        var towards = new (int Node, int Edge)[index.NodeCount];
        for (var v = 0; v < lowest.Length; v++)
        {
            lowest[v] = -1;
            towards[v] = (-1, -1);
            if (masks[v] is { } mask && !isBreaker[v])
            {
                for (var w = 0; w < mask.Length; w++)
                {
                    if (mask[w] != 0)
                    {
                        lowest[v] = (w * 64) + BitOperations.TrailingZeroCount(mask[w]);
                        break;
                    }
                }
            }
        }

        var reached = new bool[index.NodeCount];
        var queue = new List<int>();
        for (var bit = 0; bit < targets.Count; bit++)
        {
            var target = index.IndexOf(targets[bit].Id);
            if (lowest[target] != bit || reached[target])
            {
                continue;
            }

            queue.Clear();
            queue.Add(target);
            reached[target] = true;
            for (var head = 0; head < queue.Count; head++)
            {
                var u = queue[head];
                for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
                {
                    var link = outLinks[e];
                    var v = GraphIndex.NodeOf(link);
                    if (!reached[v] && lowest[v] == bit && (link & GraphIndex.GroupedBit) == 0
                        && PropagationRules.Cap(GraphIndex.TypeOf(link), grouped: false) == PropagatedLevel.Down)
                    {
                        reached[v] = true;
                        towards[v] = (u, e);
                        queue.Add(v);
                    }
                }
            }
        }

        return (lowest, towards);
    }

    /// <summary>The path from a node up the <c>towards</c> steps to its lowest target.</summary>
    private static DependencyPath Follow(GraphIndex index, int from, (int Node, int Edge)[] towards)
    {
        var nodes = new List<int> { index.IdAt(from) };
        var edges = new List<GraphEdge>();
        for (var node = from; towards[node].Node >= 0 && nodes.Count <= index.NodeCount; node = towards[node].Node)
        {
            edges.Add(index.EdgeAt(towards[node].Edge));
            nodes.Add(index.IdAt(towards[node].Node));
        }

        return new DependencyPath(nodes, edges);
    }

    /// <summary>
    /// The shortest path from <paramref name="from"/> to the target <paramref name="to"/> over ungrouped edges that pass
    /// Down on, through dependants whose bit set holds the target's bit (so the walk stays on the way to it).
    /// </summary>
    private static DependencyPath PlainPath(GraphIndex index, int from, int to, int bit, ulong[]?[] masks, bool[] isBreaker)
    {
        var (inPartOfEnd, inConnectsToStart, inLinks, inEdges) = (index.InPartOfEnd, index.InConnectsToStart, index.InLinks, index.InEdges);
        var parent = new Dictionary<int, (int Node, int Edge)> { [from] = (-1, -1) };
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0 && !parent.ContainsKey(to))
        {
            var u = queue.Dequeue();
            for (var p = inPartOfEnd[u]; p < inConnectsToStart[u]; p++)
            {
                var link = inLinks[p];
                var v = GraphIndex.NodeOf(link);
                if ((link & GraphIndex.GroupedBit) == 0 && !parent.ContainsKey(v) && !isBreaker[v]
                    && masks[v] is { } mask && (mask[bit / 64] & (1UL << (bit % 64))) != 0)
                {
                    parent[v] = (u, inEdges[p]);
                    queue.Enqueue(v);
                }
            }
        }

        if (!parent.ContainsKey(to))
        {
            return new DependencyPath([index.IdAt(from)], []); // not expected: the bit says a way exists
        }

        var nodes = new List<int>();
        var edges = new List<GraphEdge>();
        for (var node = to; node >= 0; node = parent[node].Node)
        {
            nodes.Add(index.IdAt(node));
            if (parent[node].Edge >= 0)
            {
                edges.Add(index.EdgeAt(parent[node].Edge));
            }
        }

        nodes.Reverse();
        edges.Reverse();
        return new DependencyPath(nodes, edges);
    }

    /// <summary>How many alternates are named at most (sorted by name).</summary>
    public const int ListedAlternates = 10;

    /// <summary>
    /// What could stand in for the node: the other members of every redundancy group it is a member of, and the other
    /// suppliers (outside a group) of what it provides; at most <see cref="ListedAlternates"/>, by name.
    /// </summary>
    private static List<string> Alternates(GraphIndex index, int nodeId)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (index.OutOffsets, index.OutPartOfEnd, index.InOffsets, index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots) = (index.OutLinks, index.OutSlots, index.InLinks, index.InSlots);
        var n = index.IndexOf(nodeId);
        var isSupplier = index.NodeTypeAt(n) == NodeType.Supplier;
        var others = new HashSet<int>();

        // Where the node is the dependency: the edges into it (not PartOf) ...
        for (var p = inPartOfEnd[n]; p < inOffsets[n + 1]; p++)
        {
            var link = inLinks[p];
            var dependant = GraphIndex.NodeOf(link);
            if (inSlots[p] >= 0)
            {
                Peers(dependant, inSlots[p], providedBy: false);
            }
            else if (isSupplier && GraphIndex.TypeOf(link) == RelationshipType.ProvidedBy)
            {
                Peers(dependant, -1, providedBy: true);
            }
        }

        // ... and its own PartOf edges (it is a part of the whole).
        for (var e = outOffsets[n]; e < outPartOfEnd[n]; e++)
        {
            if (outSlots[e] >= 0)
            {
                Peers(GraphIndex.NodeOf(outLinks[e]), outSlots[e], providedBy: false);
            }
        }

        others.Remove(n);
        return [.. others.Select(index.NameAt).Order(StringComparer.OrdinalIgnoreCase).Take(ListedAlternates)];

        // The dependant's other dependencies in the same redundancy slot, or its other suppliers outside any group.
        void Peers(int dependant, int slot, bool providedBy)
        {
            for (var e = outPartOfEnd[dependant]; e < outOffsets[dependant + 1]; e++)
            {
                if (providedBy ? outSlots[e] < 0 && GraphIndex.TypeOf(outLinks[e]) == RelationshipType.ProvidedBy : outSlots[e] == slot)
                {
                    others.Add(GraphIndex.NodeOf(outLinks[e]));
                }
            }

            if (!providedBy)
            {
                for (var p = inOffsets[dependant]; p < inPartOfEnd[dependant]; p++)
                {
                    if (inSlots[p] == slot)
                    {
                        others.Add(GraphIndex.NodeOf(inLinks[p]));
                    }
                }
            }
        }
    }
}
