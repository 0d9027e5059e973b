using System.Collections;

namespace ServicePortal.Core.Cmdb;

/// <summary>A node assumed failed (what-if) or found failing (recorded status), the start of an impact analysis.</summary>
public readonly record struct ImpactSeed(int NodeId, ImpactLevel Level = ImpactLevel.Down);

/// <summary>
/// A node hit by the analysed failures: its level, and the number of relationships between it and the nearest
/// failed node along the path that explains that level (0 for a failed node itself).
/// </summary>
public readonly record struct AffectedNode(int NodeId, ImpactLevel Level, int Distance);

/// <summary>
/// The blast radius of one or more failed nodes: every affected node (the failed ones included, at distance 0),
/// nearest first, with its <see cref="ImpactLevel"/>; <see cref="GraphTraversal.PathTo"/> gives the shortest path
/// from a failed node that explains a node's level.
/// </summary>
public sealed class ImpactResult : GraphTraversal
{
    internal ImpactResult(GraphIndex index, IReadOnlyList<ImpactSeed> seeds, WalkEntry[] entries)
        : base(index, entries)
    {
        Seeds = seeds;
        foreach (var entry in entries)
        {
            if (entry.Level == (byte)ImpactLevel.Down)
            {
                DownCount++;
            }
        }

        DegradedCount = entries.Length - DownCount;
        Affected = new AffectedList(this);
    }

    /// <summary>What the analysis started from.</summary>
    public IReadOnlyList<ImpactSeed> Seeds { get; }

    /// <summary>Every affected node, nearest first.</summary>
    public IReadOnlyList<AffectedNode> Affected { get; }

    public int DownCount { get; }

    public int DegradedCount { get; }

    /// <summary>The node's level; <see cref="ImpactLevel.None"/> for a node the failures do not reach.</summary>
    public ImpactLevel LevelOf(int nodeId) => EntryOf(nodeId) is var entry and >= 0 ? (ImpactLevel)EntryAt(entry).Level : ImpactLevel.None;

    public bool TryGet(int nodeId, out AffectedNode affected)
    {
        var entry = EntryOf(nodeId);
        affected = entry >= 0 ? At(entry) : default;
        return entry >= 0;
    }

    private AffectedNode At(int entry)
    {
        ref readonly var e = ref EntryAt(entry);
        return new AffectedNode(Index.IdAt(e.Node), (ImpactLevel)e.Level, e.Distance);
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
