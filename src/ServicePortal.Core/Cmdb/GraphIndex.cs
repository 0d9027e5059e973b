using System.Collections.Concurrent;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// An immutable in-memory adjacency index of the whole CMDB, built once and then read by any number of threads.
/// <para>Nodes are numbered 0 … <see cref="NodeCount"/>-1 in ascending id order; their attributes live in parallel
/// arrays. Edges are stored in compressed sparse row (CSR) layout: an edge's index is its position in the
/// forward list, whose per-node slice <c>[outOffsets[n], outOffsets[n+1])</c> holds the node's outgoing edges, and
/// a reverse list of edge indexes per node holds its incoming edges. In both slices PartOf edges come first (and in
/// the incoming slice ConnectsTo edges come last), so a traversal takes just the edges it follows without testing
/// each one. Edges of a
/// redundancy group carry a <em>slot</em>: one slot per (dependant, group) pair, with its member count and
/// minimum, which is what the propagation rules judge (see <see cref="PropagationRules"/>).</para>
/// <para>Size: about 28 bytes per edge and 40 bytes per node plus the key and name strings, so 100k nodes and
/// 500k edges take roughly 20 MB. Traversals borrow scratch arrays from a small pool held by the index, so a query
/// allocates little more than its result.</para>
/// </summary>
public sealed partial class GraphIndex
{
    private const sbyte NoValue = -1;

    // Nodes, by node index.
    private readonly int[] _ids;
    private readonly int[]? _denseIndex; // id → node index + 1 (0: unknown), when ids are dense enough
    private readonly string[] _keys;
    private readonly string[] _names;
    private readonly byte[] _nodeTypes;
    private readonly byte[] _lifecycles;
    private readonly byte[] _statuses;
    private readonly sbyte[] _kinds;
    private readonly sbyte[] _tiers;
    private readonly sbyte[] _internal;
    private readonly int[] _domainIds; // 0: none

    // Edges: forward CSR (edge index = position), reverse CSR of edge indexes.
    private readonly int[] _outOffsets;
    private readonly int[] _outPartOfEnd;
    private readonly int[] _inOffsets;
    private readonly int[] _inPartOfEnd;
    private readonly int[] _inConnectsToStart;
    private readonly int[] _inEdges;
    private readonly int[] _edgeSource;
    private readonly int[] _outLinks; // per edge: its target and type packed in one int (see Link)
    private readonly int[] _outSlots; // per edge: its redundancy slot, -1 when not in a group
    private readonly int[] _inLinks; // per reverse position: the edge's source and type, so walks read one int per edge
    private readonly int[] _inSlots;
    private readonly int[] _relationshipIds;

    // Redundancy slots: one per (dependant, group).
    private readonly int[] _slotGroupIds;
    private readonly int[] _slotSizes;
    private readonly int[] _slotMinimumUp;
    private readonly byte[] _slotCaps;

    private readonly ConcurrentBag<TraversalScratch> _scratch = [];

    private GraphIndex(
        int[] ids, int[]? denseIndex, string[] keys, string[] names, byte[] nodeTypes, byte[] lifecycles, byte[] statuses,
        sbyte[] kinds, sbyte[] tiers, sbyte[] isInternal, int[] domainIds,
        int[] outOffsets, int[] outPartOfEnd, int[] inOffsets, int[] inPartOfEnd, int[] inConnectsToStart, int[] inEdges,
        int[] edgeSource, int[] outLinks, int[] outSlots, int[] inLinks, int[] inSlots, int[] relationshipIds,
        int[] slotGroupIds, int[] slotSizes, int[] slotMinimumUp, byte[] slotCaps, int droppedEdges)
    {
        _ids = ids;
        _denseIndex = denseIndex;
        _keys = keys;
        _names = names;
        _nodeTypes = nodeTypes;
        _lifecycles = lifecycles;
        _statuses = statuses;
        _kinds = kinds;
        _tiers = tiers;
        _internal = isInternal;
        _domainIds = domainIds;
        _outOffsets = outOffsets;
        _outPartOfEnd = outPartOfEnd;
        _inOffsets = inOffsets;
        _inPartOfEnd = inPartOfEnd;
        _inConnectsToStart = inConnectsToStart;
        _inEdges = inEdges;
        _edgeSource = edgeSource;
        _outLinks = outLinks;
        _outSlots = outSlots;
        _inLinks = inLinks;
        _inSlots = inSlots;
        _relationshipIds = relationshipIds;
        _slotGroupIds = slotGroupIds;
        _slotSizes = slotSizes;
        _slotMinimumUp = slotMinimumUp;
        _slotCaps = slotCaps;
        DroppedEdgeCount = droppedEdges;
    }

    /// <summary>An index with no nodes.</summary>
    public static GraphIndex Empty { get; } = Build([], []);

    public int NodeCount => _ids.Length;

    public int EdgeCount => _edgeSource.Length;

    /// <summary>Edges left out by a lenient build because an end was unknown (see <see cref="LoadAsync"/>).</summary>
    public int DroppedEdgeCount { get; }

    /// <summary>
    /// Builds an index from plain records. Node ids must be unique and every edge must join two known nodes; an edge
    /// naming a redundancy group missing from <paramref name="groups"/> gets a minimum of 1.
    /// </summary>
    public static GraphIndex Build(
        IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, IReadOnlyList<RedundancyGroupInfo>? groups = null) =>
        Build(nodes, edges, groups, lenient: false);

    internal static GraphIndex Build(
        IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, IReadOnlyList<RedundancyGroupInfo>? groups, bool lenient)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var n = nodes.Count;
        if (n >= MaxNodes)
        {
            throw new ArgumentException($"The graph index holds at most {MaxNodes - 1} nodes.", nameof(nodes));
        }

        // Nodes in ascending id order.
        var order = new int[n];
        var sorted = true;
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            sorted &= i == 0 || nodes[i - 1].Id < nodes[i].Id;
        }

        var ids = new int[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = nodes[i].Id;
        }

        if (!sorted)
        {
            Array.Sort(ids, order);
            for (var i = 1; i < n; i++)
            {
                if (ids[i] == ids[i - 1])
                {
                    throw new ArgumentException($"Node id {ids[i]} occurs more than once.", nameof(nodes));
                }
            }
        }

        var keys = new string[n];
        var names = new string[n];
        var nodeTypes = new byte[n];
        var lifecycles = new byte[n];
        var statuses = new byte[n];
        var kinds = new sbyte[n];
        var tiers = new sbyte[n];
        var isInternal = new sbyte[n];
        var domainIds = new int[n];
        for (var i = 0; i < n; i++)
        {
            var node = nodes[order[i]];
            keys[i] = node.Key;
            names[i] = node.Name;
            nodeTypes[i] = (byte)node.NodeType;
            lifecycles[i] = (byte)node.Lifecycle;
            statuses[i] = (byte)node.Status;
            kinds[i] = node.Kind is { } kind ? (sbyte)kind : NoValue;
            tiers[i] = node.Tier is { } tier ? (sbyte)Math.Clamp(tier, 0, sbyte.MaxValue) : NoValue;
            isInternal[i] = node.IsInternal is { } flag ? (sbyte)(flag ? 1 : 0) : NoValue;
            domainIds[i] = node.DomainId ?? 0;
        }

        // Ids are usually 1 … n (database identities): then a plain array maps an id to its index in O(1).
        int[]? dense = null;
        if (n > 0 && ids[0] >= 0 && ids[n - 1] <= (4L * n) + 1024)
        {
            dense = new int[ids[n - 1] + 1];
            for (var i = 0; i < n; i++)
            {
                dense[ids[i]] = i + 1;
            }
        }

        // Resolve edge ends; count degrees, PartOf edges counted separately so they can be placed first.
        var m = edges.Count;
        var sources = new int[m];
        var targets = new int[m];
        var outDegree = new int[n + 1];
        var outPartOf = new int[n];
        var inDegree = new int[n + 1];
        var inPartOf = new int[n];
        var inConnectsTo = new int[n];
        var kept = 0;
        for (var e = 0; e < m; e++)
        {
            var edge = edges[e];
            var s = IndexOf(ids, dense, edge.SourceId);
            var t = IndexOf(ids, dense, edge.TargetId);
            if (s < 0 || t < 0)
            {
                if (lenient)
                {
                    sources[e] = -1;
                    continue;
                }

                throw new ArgumentException(
                    $"Edge {edge.SourceId} → {edge.TargetId} ({edge.Type}) names a node that is not in the index.", nameof(edges));
            }

            sources[e] = s;
            targets[e] = t;
            outDegree[s + 1]++;
            inDegree[t + 1]++;
            if (edge.Type == RelationshipType.PartOf)
            {
                outPartOf[s]++;
                inPartOf[t]++;
            }
            else if (edge.Type == RelationshipType.ConnectsTo)
            {
                inConnectsTo[t]++;
            }

            kept++;
        }

        for (var i = 0; i < n; i++)
        {
            outDegree[i + 1] += outDegree[i];
            inDegree[i + 1] += inDegree[i];
        }

        var outOffsets = outDegree;
        var inOffsets = inDegree;
        var outPartOfEnd = new int[n];
        var inPartOfEnd = new int[n];
        var inConnectsToStart = new int[n];
        var outCursorPartOf = new int[n];
        var outCursorOther = new int[n];
        var inCursorPartOf = new int[n];
        var inCursorOther = new int[n];
        var inCursorConnectsTo = new int[n];
        for (var i = 0; i < n; i++)
        {
            outCursorPartOf[i] = outOffsets[i];
            outPartOfEnd[i] = outCursorOther[i] = outOffsets[i] + outPartOf[i];
            inCursorPartOf[i] = inOffsets[i];
            inPartOfEnd[i] = inCursorOther[i] = inOffsets[i] + inPartOf[i];
            inConnectsToStart[i] = inCursorConnectsTo[i] = inOffsets[i + 1] - inConnectsTo[i];
        }

        var minimumUpByGroup = new Dictionary<int, int>();
        foreach (var group in groups ?? [])
        {
            minimumUpByGroup[group.Id] = group.MinimumUp;
        }

        var edgeSource = new int[kept];
        var outLinks = new int[kept];
        var outSlots = new int[kept];
        var inPositions = new int[kept];
        var relationshipIds = new int[kept];
        var inEdges = new int[kept];
        var slotByKey = new Dictionary<long, int>();
        var slotGroupIds = new List<int>();
        var slotSizes = new List<int>();
        var slotCaps = new List<byte>();
        for (var e = 0; e < m; e++)
        {
            var s = sources[e];
            if (s < 0)
            {
                continue;
            }

            var t = targets[e];
            var edge = edges[e];
            var partOf = edge.Type == RelationshipType.PartOf;
            var position = partOf ? outCursorPartOf[s]++ : outCursorOther[s]++;
            edgeSource[position] = s;
            relationshipIds[position] = edge.RelationshipId;
            var inPosition = partOf ? inCursorPartOf[t]++ : edge.Type == RelationshipType.ConnectsTo ? inCursorConnectsTo[t]++ : inCursorOther[t]++;
            inEdges[inPosition] = position;
            inPositions[position] = inPosition;

            var slot = -1;
            if (edge.RedundancyGroupId is { } groupId)
            {
                var dependant = PropagationRules.DependantIsTarget(edge.Type) ? t : s;
                var key = ((long)dependant << 32) | (uint)groupId;
                if (!slotByKey.TryGetValue(key, out slot))
                {
                    slot = slotGroupIds.Count;
                    slotByKey.Add(key, slot);
                    slotGroupIds.Add(groupId);
                    slotSizes.Add(0);
                    slotCaps.Add((byte)ImpactLevel.None);
                }

                slotSizes[slot]++;
                slotCaps[slot] = Math.Max(slotCaps[slot], (byte)PropagationRules.Cap(edge.Type, grouped: true));
            }

            outLinks[position] = Link(t, edge.Type, slot >= 0);
            outSlots[position] = slot;
        }

        var inLinks = new int[kept];
        var inSlots = new int[kept];
        for (var e = 0; e < kept; e++)
        {
            inLinks[inPositions[e]] = Link(edgeSource[e], TypeOf(outLinks[e]), outSlots[e] >= 0);
            inSlots[inPositions[e]] = outSlots[e];
        }

        var slotMinimumUp = new int[slotGroupIds.Count];
        for (var slot = 0; slot < slotMinimumUp.Length; slot++)
        {
            var minimum = minimumUpByGroup.GetValueOrDefault(slotGroupIds[slot], 1);
            slotMinimumUp[slot] = Math.Clamp(minimum, 1, slotSizes[slot]);
        }

        return new GraphIndex(
            ids, dense, keys, names, nodeTypes, lifecycles, statuses, kinds, tiers, isInternal, domainIds,
            outOffsets, outPartOfEnd, inOffsets, inPartOfEnd, inConnectsToStart, inEdges,
            edgeSource, outLinks, outSlots, inLinks, inSlots, relationshipIds,
            [.. slotGroupIds], [.. slotSizes], slotMinimumUp, [.. slotCaps], m - kept);
    }

    public bool Contains(int nodeId) => IndexOf(nodeId) >= 0;

    /// <summary>The node with this id; throws <see cref="KeyNotFoundException"/> when it is not in the index.</summary>
    public GraphNode Node(int nodeId) =>
        TryGetNode(nodeId, out var node) ? node : throw new KeyNotFoundException($"Node {nodeId} is not in the CMDB graph.");

    public bool TryGetNode(int nodeId, out GraphNode node)
    {
        var index = IndexOf(nodeId);
        node = index >= 0 ? NodeAt(index) : default;
        return index >= 0;
    }

    /// <summary>Every node, in ascending id order.</summary>
    public IEnumerable<GraphNode> Nodes
    {
        get
        {
            for (var i = 0; i < _ids.Length; i++)
            {
                yield return NodeAt(i);
            }
        }
    }

    /// <summary>Every edge, grouped by source in ascending source id order.</summary>
    public IEnumerable<GraphEdge> Edges
    {
        get
        {
            for (var e = 0; e < _edgeSource.Length; e++)
            {
                yield return EdgeAt(e);
            }
        }
    }

    /// <summary>The edges whose Source is the node (empty for an unknown node).</summary>
    public IEnumerable<GraphEdge> OutgoingOf(int nodeId)
    {
        var node = IndexOf(nodeId);
        if (node < 0)
        {
            yield break;
        }

        for (var e = _outOffsets[node]; e < _outOffsets[node + 1]; e++)
        {
            yield return EdgeAt(e);
        }
    }

    /// <summary>The edges whose Target is the node (empty for an unknown node).</summary>
    public IEnumerable<GraphEdge> IncomingOf(int nodeId)
    {
        var node = IndexOf(nodeId);
        if (node < 0)
        {
            yield break;
        }

        for (var p = _inOffsets[node]; p < _inOffsets[node + 1]; p++)
        {
            yield return EdgeAt(_inEdges[p]);
        }
    }

    /// <summary>The edge Source → Target of this type, if there is one.</summary>
    public GraphEdge? FindEdge(int sourceId, int targetId, RelationshipType type)
    {
        var s = IndexOf(sourceId);
        var t = IndexOf(targetId);
        if (s < 0 || t < 0)
        {
            return null;
        }

        for (var e = _outOffsets[s]; e < _outOffsets[s + 1]; e++)
        {
            if (NodeOf(_outLinks[e]) == t && TypeOf(_outLinks[e]) == type)
            {
                return EdgeAt(e);
            }
        }

        return null;
    }

    /// <summary>
    /// The nodes whose recorded status already is Down or Degraded, as seeds for an impact analysis of the
    /// present state (the effective health roll-up); add what-if failures to them as needed. Retired nodes are left
    /// out: their last recorded status is history, not a failure.
    /// </summary>
    public IEnumerable<ImpactSeed> RecordedFailures()
    {
        for (var i = 0; i < _statuses.Length; i++)
        {
            if (_lifecycles[i] == (byte)Lifecycle.Retired)
            {
                continue;
            }

            switch ((OperationalStatus)_statuses[i])
            {
                case OperationalStatus.Down:
                    yield return new ImpactSeed(_ids[i], ImpactLevel.Down);
                    break;
                case OperationalStatus.Degraded:
                    yield return new ImpactSeed(_ids[i], ImpactLevel.Degraded);
                    break;
            }
        }
    }

    internal int IndexOf(int nodeId) => IndexOf(_ids, _denseIndex, nodeId);

    /// <summary>
    /// One end of an edge as a walk reads it, in one int so the walk streams 4 bytes per edge: the node at the other
    /// end above bit 4, <see cref="GroupedBit"/> when the edge is in a redundancy group (its slot is then in the slot
    /// array at the same position), and the <see cref="RelationshipType"/> in the low 3 bits.
    /// </summary>
    internal static int Link(int node, RelationshipType type, bool grouped) => (node << 4) | (grouped ? GroupedBit : 0) | (int)type;

    internal const int GroupedBit = 8;

    internal const int MaxNodes = 1 << 27;

    internal static int NodeOf(int link) => link >>> 4;

    internal static RelationshipType TypeOf(int link) => (RelationshipType)(link & 7);

    private static int IndexOf(int[] ids, int[]? dense, int nodeId)
    {
        if (dense is not null)
        {
            return (uint)nodeId < (uint)dense.Length ? dense[nodeId] - 1 : -1;
        }

        var index = Array.BinarySearch(ids, nodeId);
        return index >= 0 ? index : -1;
    }

    internal int IdAt(int index) => _ids[index];

    internal string NameAt(int index) => _names[index];

    internal OperationalStatus StatusAt(int index) => (OperationalStatus)_statuses[index];

    internal NodeType NodeTypeAt(int index) => (NodeType)_nodeTypes[index];

    internal bool IsExternalSupplierAt(int index) => _nodeTypes[index] == (byte)NodeType.Supplier && _internal[index] != 1;

    internal GraphNode NodeAt(int index) => new(
        _ids[index],
        _keys[index],
        _names[index],
        (NodeType)_nodeTypes[index],
        (Lifecycle)_lifecycles[index],
        (OperationalStatus)_statuses[index],
        _domainIds[index] == 0 ? null : _domainIds[index],
        _kinds[index] == NoValue ? null : (ServiceKind)_kinds[index],
        _tiers[index] == NoValue ? null : _tiers[index],
        _internal[index] == NoValue ? null : _internal[index] == 1);

    internal GraphEdge EdgeAt(int edge) => new(
        _ids[_edgeSource[edge]],
        _ids[NodeOf(_outLinks[edge])],
        TypeOf(_outLinks[edge]),
        _outSlots[edge] is var slot and >= 0 ? _slotGroupIds[slot] : null,
        _relationshipIds[edge]);

    // Raw arrays for the traversals in this namespace; nothing outside the engine mutates them.
    internal int[] OutOffsets => _outOffsets;

    internal int[] OutPartOfEnd => _outPartOfEnd;

    internal int[] InOffsets => _inOffsets;

    internal int[] InPartOfEnd => _inPartOfEnd;

    /// <summary>Per node: where the ConnectsTo edges start in its incoming slice (they come last; a Down walk skips them).</summary>
    internal int[] InConnectsToStart => _inConnectsToStart;

    internal int[] InEdges => _inEdges;

    internal int[] EdgeSources => _edgeSource;

    /// <summary>Per edge (forward position): its target and type (see <see cref="Link"/>).</summary>
    internal int[] OutLinks => _outLinks;

    /// <summary>Per edge (forward position): its redundancy slot, -1 when not in a group.</summary>
    internal int[] OutSlots => _outSlots;

    /// <summary>Per reverse position: the edge's source and type (see <see cref="Link"/>).</summary>
    internal int[] InLinks => _inLinks;

    /// <summary>Per reverse position: the edge's redundancy slot, -1 when not in a group.</summary>
    internal int[] InSlots => _inSlots;

    internal int[] SlotSizes => _slotSizes;

    internal int[] SlotMinimumUp => _slotMinimumUp;

    internal byte[] SlotCaps => _slotCaps;

    internal int SlotCount => _slotSizes.Length;

    internal TraversalScratch RentScratch() =>
        _scratch.TryTake(out var scratch) ? scratch : new TraversalScratch(NodeCount, SlotCount);

    internal void ReturnScratch(TraversalScratch scratch)
    {
        // A handful is enough for the concurrent readers of a web server; more would only hold memory.
        if (_scratch.Count < Environment.ProcessorCount * 2)
        {
            _scratch.Add(scratch);
        }
    }
}
