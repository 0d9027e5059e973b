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

    private readonly IReadOnlyDictionary<int, int> _groupMinimumUp;

    private GraphIndex(NodeTable nodes, EdgeTable edges, IReadOnlyDictionary<int, int> groupMinimumUp, int droppedEdges)
    {
        _ids = nodes.Ids;
        _denseIndex = nodes.Dense;
        _keys = nodes.Keys;
        _names = nodes.Names;
        _nodeTypes = nodes.NodeTypes;
        _lifecycles = nodes.Lifecycles;
        _statuses = nodes.Statuses;
        _kinds = nodes.Kinds;
        _tiers = nodes.Tiers;
        _internal = nodes.IsInternal;
        _domainIds = nodes.DomainIds;
        _outOffsets = edges.OutOffsets;
        _outPartOfEnd = edges.OutPartOfEnd;
        _inOffsets = edges.InOffsets;
        _inPartOfEnd = edges.InPartOfEnd;
        _inConnectsToStart = edges.InConnectsToStart;
        _inEdges = edges.InEdges;
        _edgeSource = edges.EdgeSource;
        _outLinks = edges.OutLinks;
        _outSlots = edges.OutSlots;
        _inLinks = edges.InLinks;
        _inSlots = edges.InSlots;
        _relationshipIds = edges.RelationshipIds;
        _slotGroupIds = edges.SlotGroupIds;
        _slotSizes = edges.SlotSizes;
        _slotMinimumUp = edges.SlotMinimumUp;
        _slotCaps = edges.SlotCaps;
        _groupMinimumUp = groupMinimumUp;
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
        var table = NodeTable.From(nodes);
        var minimumUp = new Dictionary<int, int>();
        foreach (var group in groups ?? [])
        {
            minimumUp[group.Id] = group.MinimumUp;
        }

        var (edgeTable, dropped) = EdgeTable.From(table, edges, minimumUp, lenient);
        return new GraphIndex(table, edgeTable, minimumUp, dropped);
    }

    /// <summary>The node attributes, by node index (nodes in ascending id order).</summary>
    private sealed record NodeTable(
        int[] Ids, int[]? Dense, string[] Keys, string[] Names, byte[] NodeTypes, byte[] Lifecycles, byte[] Statuses,
        sbyte[] Kinds, sbyte[] Tiers, sbyte[] IsInternal, int[] DomainIds)
    {
        public int Count => Ids.Length;

        public static NodeTable From(IReadOnlyList<GraphNode> nodes)
        {
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

            var table = new NodeTable(
                ids, DenseOf(ids), new string[n], new string[n], new byte[n], new byte[n], new byte[n], new sbyte[n], new sbyte[n], new sbyte[n], new int[n]);
            for (var i = 0; i < n; i++)
            {
                table.Set(i, nodes[order[i]]);
            }

            return table;
        }

        /// <summary>Ids are usually 1 … n (database identities): then a plain array maps an id to its index in O(1).</summary>
        public static int[]? DenseOf(int[] ids)
        {
            var n = ids.Length;
            if (n == 0 || ids[0] < 0 || ids[n - 1] > (4L * n) + 1024)
            {
                return null;
            }

            var dense = new int[ids[n - 1] + 1];
            for (var i = 0; i < n; i++)
            {
                dense[ids[i]] = i + 1;
            }

            return dense;
        }

        /// <summary>This table with the attributes of existing nodes replaced; only the arrays that change are copied.</summary>
        public NodeTable Updated(IReadOnlyList<GraphNode> changed)
        {
            var (keys, names, types, lifecycles, statuses, kinds, tiers, isInternal, domains) =
                (Keys, Names, NodeTypes, Lifecycles, Statuses, Kinds, Tiers, IsInternal, DomainIds);
            foreach (var node in changed)
            {
                var i = IndexOf(Ids, Dense, node.Id);
                keys = Put(keys, Keys, i, node.Key);
                names = Put(names, Names, i, node.Name);
                types = Put(types, NodeTypes, i, (byte)node.NodeType);
                lifecycles = Put(lifecycles, Lifecycles, i, (byte)node.Lifecycle);
                statuses = Put(statuses, Statuses, i, (byte)node.Status);
                kinds = Put(kinds, Kinds, i, node.Kind is { } kind ? (sbyte)kind : NoValue);
                tiers = Put(tiers, Tiers, i, node.Tier is { } tier ? (sbyte)Math.Clamp(tier, 0, sbyte.MaxValue) : NoValue);
                isInternal = Put(isInternal, IsInternal, i, node.IsInternal is { } flag ? (sbyte)(flag ? 1 : 0) : NoValue);
                domains = Put(domains, DomainIds, i, node.DomainId ?? 0);
            }

            return new NodeTable(Ids, Dense, keys, names, types, lifecycles, statuses, kinds, tiers, isInternal, domains);
        }

        /// <summary>This table with nodes added after the last one (their ids are higher than every id here, ascending).</summary>
        public NodeTable Appended(IReadOnlyList<GraphNode> added)
        {
            var n = Count + added.Count;
            var ids = new int[n];
            Array.Copy(Ids, ids, Count);
            for (var i = 0; i < added.Count; i++)
            {
                ids[Count + i] = added[i].Id;
            }

            var table = new NodeTable(
                ids, DenseOf(ids), Grown(Keys, n), Grown(Names, n), Grown(NodeTypes, n), Grown(Lifecycles, n), Grown(Statuses, n),
                Grown(Kinds, n), Grown(Tiers, n), Grown(IsInternal, n), Grown(DomainIds, n));
            for (var i = 0; i < added.Count; i++)
            {
                table.Set(Count + i, added[i]);
            }

            return table;
        }

        private static T[] Grown<T>(T[] values, int length)
        {
            var copy = new T[length];
            Array.Copy(values, copy, values.Length);
            return copy;
        }

        /// <summary>A new table: these nodes without the removed ones, with the added and changed ones.</summary>
        public NodeTable Rebuilt(GraphDelta delta)
        {
            var replaced = new HashSet<int>(delta.RemovedNodes);
            replaced.UnionWith(delta.Nodes.Select(n => n.Id));
            var list = new List<GraphNode>(Count + delta.Nodes.Count);
            for (var i = 0; i < Count; i++)
            {
                if (!replaced.Contains(Ids[i]))
                {
                    list.Add(NodeAt(i));
                }
            }

            var removed = delta.RemovedNodes as IReadOnlySet<int> ?? new HashSet<int>(delta.RemovedNodes);
            list.AddRange(delta.Nodes.Where(n => !removed.Contains(n.Id)));
            return From(list);
        }

        public GraphNode NodeAt(int i) => new(
            Ids[i], Keys[i], Names[i], (NodeType)NodeTypes[i], (Lifecycle)Lifecycles[i], (OperationalStatus)Statuses[i],
            DomainIds[i] == 0 ? null : DomainIds[i],
            Kinds[i] == NoValue ? null : (ServiceKind)Kinds[i],
            Tiers[i] == NoValue ? null : Tiers[i],
            IsInternal[i] == NoValue ? null : IsInternal[i] == 1);

        /// <summary>Copies <paramref name="array"/> the first time one of its values changes; later changes write into the copy.</summary>
        private static T[] Put<T>(T[] array, T[] original, int index, T value)
        {
            if (EqualityComparer<T>.Default.Equals(array[index], value))
            {
                return array;
            }

            var target = ReferenceEquals(array, original) ? (T[])original.Clone() : array;
            target[index] = value;
            return target;
        }

        public void Set(int i, GraphNode node)
        {
            Keys[i] = node.Key;
            Names[i] = node.Name;
            NodeTypes[i] = (byte)node.NodeType;
            Lifecycles[i] = (byte)node.Lifecycle;
            Statuses[i] = (byte)node.Status;
            Kinds[i] = node.Kind is { } kind ? (sbyte)kind : NoValue;
            Tiers[i] = node.Tier is { } tier ? (sbyte)Math.Clamp(tier, 0, sbyte.MaxValue) : NoValue;
            IsInternal[i] = node.IsInternal is { } flag ? (sbyte)(flag ? 1 : 0) : NoValue;
            DomainIds[i] = node.DomainId ?? 0;
        }
    }

    /// <summary>The edges in CSR layout with their redundancy slots (see the class summary).</summary>
    private sealed record EdgeTable(
        int[] OutOffsets, int[] OutPartOfEnd, int[] InOffsets, int[] InPartOfEnd, int[] InConnectsToStart, int[] InEdges,
        int[] EdgeSource, int[] OutLinks, int[] OutSlots, int[] InLinks, int[] InSlots, int[] RelationshipIds,
        int[] SlotGroupIds, int[] SlotSizes, int[] SlotMinimumUp, byte[] SlotCaps)
    {
        public static (EdgeTable Table, int Dropped) From(
            NodeTable nodes, IReadOnlyList<GraphEdge> edges, IReadOnlyDictionary<int, int> minimumUpByGroup, bool lenient)
        {
            var n = nodes.Count;
            var ids = nodes.Ids;
            var dense = nodes.Dense;

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

            int[] groupIds = [.. slotGroupIds];
            int[] sizes = [.. slotSizes];
            var table = new EdgeTable(
                outOffsets, outPartOfEnd, inOffsets, inPartOfEnd, inConnectsToStart, inEdges,
                edgeSource, outLinks, outSlots, inLinks, inSlots, relationshipIds,
                groupIds, sizes, MinimumsOf(groupIds, sizes, minimumUpByGroup), [.. slotCaps]);
            return (table, m - kept);
        }

        /// <summary>This table for <paramref name="nodeCount"/> nodes, the new ones (at the end) without edges.</summary>
        public EdgeTable Extended(int nodeCount)
        {
            var edges = EdgeSource.Length;
            int[] Grow(int[] values, int length)
            {
                var copy = new int[length];
                Array.Copy(values, copy, values.Length);
                Array.Fill(copy, edges, values.Length, length - values.Length);
                return copy;
            }

            return this with
            {
                OutOffsets = Grow(OutOffsets, nodeCount + 1),
                InOffsets = Grow(InOffsets, nodeCount + 1),
                OutPartOfEnd = Grow(OutPartOfEnd, nodeCount),
                InPartOfEnd = Grow(InPartOfEnd, nodeCount),
                InConnectsToStart = Grow(InConnectsToStart, nodeCount),
            };
        }

        public static int[] MinimumsOf(int[] slotGroupIds, int[] slotSizes, IReadOnlyDictionary<int, int> minimumUpByGroup)
        {
            var slotMinimumUp = new int[slotGroupIds.Length];
            for (var slot = 0; slot < slotMinimumUp.Length; slot++)
            {
                var minimum = minimumUpByGroup.GetValueOrDefault(slotGroupIds[slot], 1);
                slotMinimumUp[slot] = Math.Clamp(minimum, 1, Math.Max(1, slotSizes[slot]));
            }

            return slotMinimumUp;
        }
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

    /// <summary>
    /// True when this index and <paramref name="other"/> hold the same nodes, attributes and edges except for recorded
    /// statuses: everything else is shared, as a <see cref="Patch"/> of status changes leaves it. A judgement that does
    /// not read recorded statuses (health of a past month) made on one holds for the other.
    /// </summary>
    public bool DiffersOnlyInStatuses(GraphIndex other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other) || (
            ReferenceEquals(_ids, other._ids) && ReferenceEquals(_keys, other._keys) && ReferenceEquals(_names, other._names)
            && ReferenceEquals(_nodeTypes, other._nodeTypes) && ReferenceEquals(_lifecycles, other._lifecycles) && ReferenceEquals(_kinds, other._kinds)
            && ReferenceEquals(_tiers, other._tiers) && ReferenceEquals(_internal, other._internal) && ReferenceEquals(_domainIds, other._domainIds)
            && ReferenceEquals(_outLinks, other._outLinks) && ReferenceEquals(_inLinks, other._inLinks) && ReferenceEquals(_relationshipIds, other._relationshipIds)
            && ReferenceEquals(_slotMinimumUp, other._slotMinimumUp) && ReferenceEquals(_groupMinimumUp, other._groupMinimumUp));
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

    /// <summary>Per node: its <see cref="NodeType"/> as a byte (for roll-ups over thousands of reached nodes).</summary>
    internal byte[] NodeTypes => _nodeTypes;

    /// <summary>Per node: its <see cref="ServiceKind"/> as a signed byte, -1 when it has none.</summary>
    internal sbyte[] Kinds => _kinds;

    /// <summary>Per node: its tier, -1 when it has none.</summary>
    internal sbyte[] Tiers => _tiers;

    internal string KeyAt(int index) => _keys[index];

    /// <summary>
    /// The domains of the nodes as dense ordinals, made on first use and kept with this (immutable) index, so a patched
    /// index (a new instance) makes its own: per node the ordinal of its domain (-1: none), and per ordinal the domain id.
    /// Lets an impact summary count per domain in arrays instead of a dictionary lookup per reached node.
    /// </summary>
    internal DomainOrdinalTable DomainOrdinals
    {
        get
        {
            if (_domainOrdinals is { } known)
            {
                return known;
            }

            var ordinalOfNode = new int[_domainIds.Length];
            var ordinalOfDomain = new Dictionary<int, int>();
            var domainIdOf = new List<int>();
            for (var i = 0; i < _domainIds.Length; i++)
            {
                var domainId = _domainIds[i];
                if (domainId == 0)
                {
                    ordinalOfNode[i] = -1;
                    continue;
                }

                if (!ordinalOfDomain.TryGetValue(domainId, out var ordinal))
                {
                    ordinal = domainIdOf.Count;
                    ordinalOfDomain[domainId] = ordinal;
                    domainIdOf.Add(domainId);
                }

                ordinalOfNode[i] = ordinal;
            }

            // Benign race: two threads may build the same table; either one is correct.
            var table = new DomainOrdinalTable(ordinalOfNode, [.. domainIdOf]);
            _domainOrdinals = table;
            return table;
        }
    }

    private DomainOrdinalTable? _domainOrdinals;

    internal sealed class DomainOrdinalTable(int[] ordinalOfNode, int[] domainIdOf)
    {
        private readonly Dictionary<int, int> _ordinalOfDomain = domainIdOf.Select((id, ordinal) => (id, ordinal)).ToDictionary(x => x.id, x => x.ordinal);

        /// <summary>Per node index: the ordinal of its domain, -1 when it has none.</summary>
        public int[] OrdinalOfNode => ordinalOfNode;

        /// <summary>Per ordinal: the domain id.</summary>
        public int[] DomainIdOf => domainIdOf;

        /// <summary>The ordinal of a domain, -1 when no node of the index is in it.</summary>
        public int OrdinalOf(int domainId) => _ordinalOfDomain.TryGetValue(domainId, out var ordinal) ? ordinal : -1;
    }
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

    /// <summary>Per redundancy slot: the id of its redundancy group.</summary>
    internal int[] SlotGroupIds => _slotGroupIds;

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
