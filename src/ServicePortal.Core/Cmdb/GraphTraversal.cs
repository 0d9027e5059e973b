namespace ServicePortal.Core.Cmdb;

/// <summary>
/// A path through the graph: <see cref="NodeIds"/> from its start to its end, and between each two of them the
/// relationship that joins them (<c>Edges[i]</c> joins <c>NodeIds[i]</c> and <c>NodeIds[i + 1]</c>, in the
/// relationship's own direction, which may point either way along the path).
/// </summary>
public sealed record DependencyPath(IReadOnlyList<int> NodeIds, IReadOnlyList<GraphEdge> Edges)
{
    /// <summary>The number of relationships on the path.</summary>
    public int Length => Edges.Count;

    /// <summary>"Payment gateway → Payments (DependsOn) → Checkout (DependsOn)": names along the path with the type of each step.</summary>
    public string Describe(GraphIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var parts = new List<string>(NodeIds.Count);
        for (var i = 0; i < NodeIds.Count; i++)
        {
            var name = index.TryGetNode(NodeIds[i], out var node) ? node.Name : $"#{NodeIds[i]}";
            parts.Add(i == 0 ? name : $"{name} ({Edges[i - 1].Type})");
        }

        return string.Join(" → ", parts);
    }
}

/// <summary>
/// The outcome of a breadth-first walk from one or more start nodes: each reached node once, in the order it was
/// reached (so by ascending distance), with the edge it was first reached by. Paths are only made on request.
/// </summary>
public abstract class GraphTraversal
{
    private readonly WalkEntry[] _entries;
    private Dictionary<int, int>? _entryByNode;

    private protected GraphTraversal(GraphIndex index, WalkEntry[] entries)
    {
        Index = index;
        _entries = entries;
    }

    /// <summary>The index the walk ran on (for names and attributes of the reached nodes).</summary>
    public GraphIndex Index { get; }

    /// <summary>The number of reached nodes, the start nodes included.</summary>
    public int Count => _entries.Length;

    /// <summary>The ids of the reached nodes, nearest first.</summary>
    public IEnumerable<int> NodeIds => _entries.Select(e => Index.IdAt(e.Node));

    public bool Contains(int nodeId) => EntryOf(nodeId) >= 0;

    /// <summary>The number of relationships between the node and the nearest start node, or -1 when not reached.</summary>
    public int DistanceOf(int nodeId) => EntryOf(nodeId) is var entry and >= 0 ? _entries[entry].Distance : -1;

    /// <summary>The shortest path from the nearest start node to this node; throws when the node was not reached.</summary>
    public DependencyPath PathTo(int nodeId)
    {
        var entry = EntryOf(nodeId);
        if (entry < 0)
        {
            throw new KeyNotFoundException($"Node {nodeId} was not reached.");
        }

        var length = _entries[entry].Distance;
        var nodeIds = new int[length + 1];
        var edges = new GraphEdge[length];
        for (var i = length; i >= 0; i--)
        {
            nodeIds[i] = Index.IdAt(_entries[entry].Node);
            if (i > 0)
            {
                edges[i - 1] = Index.EdgeAt(_entries[entry].Via);
                entry = _entries[entry].Parent;
            }
        }

        return new DependencyPath(nodeIds, edges);
    }

    /// <summary>The start node of the path to a reached node (the node itself for a start node), without building the path; -1 when not reached.</summary>
    public int RootIdOf(int nodeId)
    {
        var entry = EntryOf(nodeId);
        if (entry < 0)
        {
            return -1;
        }

        while (_entries[entry].Parent >= 0)
        {
            entry = _entries[entry].Parent;
        }

        return Index.IdAt(_entries[entry].Node);
    }

    private protected ref readonly WalkEntry EntryAt(int entry) => ref _entries[entry];

    private protected int EntryOf(int nodeId)
    {
        var node = Index.IndexOf(nodeId);
        if (node < 0)
        {
            return -1;
        }

        var map = _entryByNode;
        if (map is null)
        {
            map = new Dictionary<int, int>(_entries.Length);
            for (var entry = 0; entry < _entries.Length; entry++)
            {
                map[_entries[entry].Node] = entry;
            }

            // Benign race: two threads may build the same map; either one is correct.
            _entryByNode = map;
        }

        return map.TryGetValue(node, out var found) ? found : -1;
    }
}
