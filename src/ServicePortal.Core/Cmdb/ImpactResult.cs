using System.Collections;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Cmdb;

/// <summary>A node assumed failed (what-if) or found failing (recorded status), the start of an impact analysis.</summary>
public readonly record struct ImpactSeed(int NodeId, ImpactLevel Level = ImpactLevel.Down);

/// <summary>
/// A node hit by the analysed failures: its level, and the number of relationships between it and the nearest
/// failed node along the path that explains that level (0 for a failed node itself).
/// </summary>
public readonly record struct AffectedNode(int NodeId, ImpactLevel Level, int Distance);

/// <summary>One page of ranked affected nodes (see <see cref="ImpactResult.Ranked"/>) and how many there are in all.</summary>
public sealed record AffectedPage(int Total, IReadOnlyList<AffectedNode> Nodes);

/// <summary>
/// The blast radius of one or more failed nodes: every affected node (the failed ones included, at distance 0),
/// nearest first, with its <see cref="ImpactLevel"/>; <see cref="GraphTraversal.PathTo"/> gives the shortest path
/// from a failed node that explains a node's level.
/// </summary>
public sealed class ImpactResult : GraphTraversal
{
    private readonly IReadOnlyDictionary<int, List<SeedDependency>> _seedDependencies;

    internal ImpactResult(GraphIndex index, IReadOnlyList<ImpactSeed> seeds, WalkEntry[] entries, IReadOnlyDictionary<int, List<SeedDependency>>? seedDependencies = null)
        : base(index, entries)
    {
        Seeds = seeds;
        _seedDependencies = seedDependencies ?? new Dictionary<int, List<SeedDependency>>();
        foreach (var entry in entries)
        {
            switch (PropagationRules.ToImpact((PropagatedLevel)entry.Level))
            {
                case ImpactLevel.Down:
                    DownCount++;
                    break;
                case ImpactLevel.Degraded:
                    DegradedCount++;
                    break;
                default:
                    AtRiskCount++;
                    break;
            }
        }

        Affected = new AffectedList(this);
    }

    /// <summary>What the analysis started from.</summary>
    public IReadOnlyList<ImpactSeed> Seeds { get; }

    /// <summary>Every affected node, nearest first.</summary>
    public IReadOnlyList<AffectedNode> Affected { get; }

    public int DownCount { get; }

    public int DegradedCount { get; }

    public int AtRiskCount { get; }

    /// <summary>The node's level; <see cref="ImpactLevel.None"/> for a node the failures do not reach.</summary>
    public ImpactLevel LevelOf(int nodeId) => EntryOf(nodeId) is var entry and >= 0 ? PropagationRules.ToImpact((PropagatedLevel)EntryAt(entry).Level) : ImpactLevel.None;

    /// <summary>The level as it travels: tells a risk that is passed on from a contained one (<see cref="PropagatedLevel"/>).</summary>
    public PropagatedLevel PropagatedLevelOf(int nodeId) => EntryOf(nodeId) is var entry and >= 0 ? (PropagatedLevel)EntryAt(entry).Level : PropagatedLevel.None;

    /// <summary>True for a node the analysis started from (a failed node; distance 0).</summary>
    public bool IsSeed(int nodeId) => EntryOf(nodeId) is var entry and >= 0 && EntryAt(entry).Distance == 0;

    /// <summary>
    /// What the node inherits from what it relies on, apart from its own failure, and the path that explains it
    /// (null when it inherits nothing). For a node that did not fail itself this is its level and path; for a failed
    /// node it is the worst level its own dependencies give it (nearest first), leaving out what only echoes its
    /// own failure back to it through a cycle.
    /// </summary>
    public (ImpactLevel Level, DependencyPath? Path) InheritedOf(int nodeId)
    {
        var entry = EntryOf(nodeId);
        if (entry < 0)
        {
            return (ImpactLevel.None, null);
        }

        if (EntryAt(entry).Distance > 0)
        {
            return (PropagationRules.ToImpact((PropagatedLevel)EntryAt(entry).Level), PathTo(nodeId));
        }

        if (!_seedDependencies.TryGetValue(nodeId, out var candidates))
        {
            return (ImpactLevel.None, null);
        }

        SeedDependency? via = null;
        DependencyPath? reach = null;
        foreach (var candidate in candidates)
        {
            var path = PathTo(candidate.DependencyId);
            if (path.NodeIds[0] == nodeId)
            {
                continue;
            }

            var level = PropagationRules.ToImpact(candidate.Level);
            if (via is not { } known || level > PropagationRules.ToImpact(known.Level) || (level == PropagationRules.ToImpact(known.Level) && path.Length < reach!.Length))
            {
                via = candidate;
                reach = path;
            }
        }

        if (via is not { } chosen)
        {
            return (ImpactLevel.None, null);
        }

        return (PropagationRules.ToImpact(chosen.Level), new DependencyPath([.. reach!.NodeIds, nodeId], [.. reach.Edges, Index.EdgeAt(chosen.Edge)]));
    }

    /// <summary>
    /// The level of <see cref="InheritedOf"/> without building any path: cheap enough for every failed node of a
    /// large roll-up.
    /// </summary>
    public ImpactLevel InheritedLevelOf(int nodeId)
    {
        var entry = EntryOf(nodeId);
        if (entry < 0)
        {
            return ImpactLevel.None;
        }

        if (EntryAt(entry).Distance > 0)
        {
            return PropagationRules.ToImpact((PropagatedLevel)EntryAt(entry).Level);
        }

        var worst = ImpactLevel.None;
        if (_seedDependencies.TryGetValue(nodeId, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                var level = PropagationRules.ToImpact(candidate.Level);
                if (level > worst && RootIdOf(candidate.DependencyId) != nodeId)
                {
                    worst = level;
                }
            }
        }

        return worst;
    }

    /// <summary>
    /// One page of the affected nodes ranked worst first (Down, Degraded, At risk), then nearest first, then by id, and
    /// how many there are in all: only those of <paramref name="nodeType"/> when given, and without
    /// <paramref name="exceptNodeId"/> (e.g. the failed node itself). Counts per (level, distance) in one pass over
    /// the walk (which is in distance order already) and sorts only the buckets the page falls in, instead of sorting
    /// every affected node (92k at the worst hub of 100k) for a page of 200.
    /// </summary>
    public AffectedPage Ranked(int skip, int take, NodeType? nodeType = null, int? exceptNodeId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var count = Count;
        if (count == 0)
        {
            return new AffectedPage(0, []);
        }

        var except = exceptNodeId is { } id ? Index.IndexOf(id) : -1;
        var types = Index.NodeTypes;
        var wanted = nodeType is { } t ? (int)(byte)t : -1;
        var distances = EntryAt(count - 1).Distance + 1; // entries are in distance order: the last is the farthest
        var counts = new int[3 * distances];
        for (var entry = 0; entry < count; entry++)
        {
            ref readonly var e = ref EntryAt(entry);
            if (e.Node != except && (wanted < 0 || types[e.Node] == wanted))
            {
                counts[BucketOf(e, distances)]++;
            }
        }

        // Buckets in rank order: Down (nearest first), Degraded, At risk. Find those the page [skip, skip + take) spans.
        var total = 0;
        var firstBucket = -1;
        var lastBucket = -1;
        var before = 0; // ranked nodes before the first bucket of the page
        var end = (long)skip + take;
        for (var b = 0; b < counts.Length; b++)
        {
            if (counts[b] > 0 && total + counts[b] > skip && total < end)
            {
                if (firstBucket < 0)
                {
                    firstBucket = b;
                    before = total;
                }

                lastBucket = b;
            }

            total += counts[b];
        }

        if (firstBucket < 0)
        {
            return new AffectedPage(total, []);
        }

        // The nodes of those buckets, each bucket sorted by node index (= by id: nodes are numbered in id order).
        var offsets = new int[lastBucket - firstBucket + 2];
        for (var b = firstBucket; b <= lastBucket; b++)
        {
            offsets[b - firstBucket + 1] = offsets[b - firstBucket] + counts[b];
        }

        var nodes = new int[offsets[^1]];
        var fill = offsets[..^1];
        for (var entry = 0; entry < count; entry++)
        {
            ref readonly var e = ref EntryAt(entry);
            if (e.Node != except && (wanted < 0 || types[e.Node] == wanted) && BucketOf(e, distances) is var b && b >= firstBucket && b <= lastBucket)
            {
                nodes[fill[b - firstBucket]++] = e.Node;
            }
        }

        for (var b = 0; b < offsets.Length - 1; b++)
        {
            Array.Sort(nodes, offsets[b], offsets[b + 1] - offsets[b]);
        }

        var from = skip - before;
        var length = (int)Math.Min(take, nodes.Length - from);
        var page = new AffectedNode[length];
        for (var i = 0; i < length; i++)
        {
            var node = nodes[from + i];
            ref readonly var e = ref EntryAt(EntryOfNode(node));
            page[i] = new AffectedNode(Index.IdAt(node), PropagationRules.ToImpact((PropagatedLevel)e.Level), e.Distance);
        }

        return new AffectedPage(total, page);
    }

    /// <summary>Rank bucket of an entry: level Down 0, Degraded 1, At risk 2, times the distances, plus its distance.</summary>
    private static int BucketOf(in WalkEntry e, int distances) => (RankOfLevel[e.Level] * distances) + e.Distance;

    /// <summary>[propagated level] → its rank in <see cref="Ranked"/>: Down 0, Degraded 1, a risk 2 (a table, not a switch per entry).</summary>
    private static readonly int[] RankOfLevel = [.. Enumerable.Range(0, 8).Select(l =>
        PropagationRules.ToImpact((PropagatedLevel)l) switch { ImpactLevel.Down => 0, ImpactLevel.Degraded => 1, _ => 2 })];

    public bool TryGet(int nodeId, out AffectedNode affected)
    {
        var entry = EntryOf(nodeId);
        affected = entry >= 0 ? At(entry) : default;
        return entry >= 0;
    }

    private AffectedNode At(int entry)
    {
        ref readonly var e = ref EntryAt(entry);
        return new AffectedNode(Index.IdAt(e.Node), PropagationRules.ToImpact((PropagatedLevel)e.Level), e.Distance);
    }

    private sealed class AffectedList(ImpactResult result) : IReadOnlyList<AffectedNode>
    {
        public int Count => result.Count;

        public AffectedNode this[int index] =>
            (uint)index < (uint)result.Count ? result.At(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<AffectedNode> GetEnumerator()
        {
            for (var entry = 0; entry < result.Count; entry++)
            {
                yield return result.At(entry);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// Everything a service relies on, directly or transitively, nearest first: what it depends on, runs on, is
/// provided by or connects to, and its own parts, and so on down the chain (not the wholes it is part of: see
/// <see cref="PropagationRules"/>). Paths run from the service to the dependency.
/// </summary>
public sealed class SupplyChainResult : GraphTraversal
{
    internal SupplyChainResult(GraphIndex index, int serviceId, WalkEntry[] entries)
        : base(index, entries)
    {
        ServiceId = serviceId;
        var suppliers = new List<int>();
        var external = new List<int>();
        for (var entry = 1; entry < entries.Length; entry++)
        {
            var node = entries[entry].Node;
            if (index.NodeTypeAt(node) == Catalog.NodeType.Supplier)
            {
                suppliers.Add(index.IdAt(node));
                if (index.IsExternalSupplierAt(node))
                {
                    external.Add(index.IdAt(node));
                }
            }
        }

        Suppliers = suppliers;
        ExternalSuppliers = external;
    }

    /// <summary>The node whose supply chain this is.</summary>
    public int ServiceId { get; }

    /// <summary>Every node the service relies on (the service itself excluded), nearest first.</summary>
    public IEnumerable<int> DependencyIds => NodeIds.Skip(1);

    /// <summary>Every supplier in the chain, internal or external, nearest first.</summary>
    public IReadOnlyList<int> Suppliers { get; }

    /// <summary>The external suppliers (not internal teams) the service ultimately depends on, nearest first.</summary>
    public IReadOnlyList<int> ExternalSuppliers { get; }
}
