namespace ServicePortal.Core.Cmdb;

/// <summary>
/// What changed in the CMDB, as rows to put into a <see cref="GraphIndex"/> (added or changed, whole) and ids to take
/// out. Edges are matched by <see cref="GraphEdge.RelationshipId"/>, groups and nodes by id.
/// </summary>
public sealed record GraphDelta
{
    public IReadOnlyList<GraphNode> Nodes { get; init; } = [];

    public IReadOnlyCollection<int> RemovedNodes { get; init; } = [];

    public IReadOnlyList<GraphEdge> Edges { get; init; } = [];

    public IReadOnlyCollection<int> RemovedEdges { get; init; } = [];

    public IReadOnlyList<RedundancyGroupInfo> Groups { get; init; } = [];

    public IReadOnlyCollection<int> RemovedGroups { get; init; } = [];

    public bool IsEmpty =>
        Nodes.Count == 0 && RemovedNodes.Count == 0 && Edges.Count == 0 && RemovedEdges.Count == 0 && Groups.Count == 0 && RemovedGroups.Count == 0;
}

public sealed partial class GraphIndex
{
    /// <summary>
    /// A new index with <paramref name="delta"/> applied; this one is left as it is (readers holding it go on safely).
    /// What is unchanged is shared, not copied:
    /// <list type="bullet">
    /// <item>a node's attributes changed (status, lifecycle, name, tier…): only the attribute arrays that differ are
    /// copied (a few hundred KB at 100k nodes); the edges are shared;</item>
    /// <item>a redundancy group's minimum changed: only the slot minimums are recomputed;</item>
    /// <item>an edge added, removed or retyped, or a node added or deleted: the edge arrays are laid out again from
    /// this index's own arrays plus the delta (a linear pass in memory, no database read); node attributes are shared
    /// when no node was added or deleted.</item>
    /// </list>
    /// An edge whose end is not a node of the result is left out, as <see cref="LoadAsync"/> does.
    /// </summary>
    public GraphIndex Patch(GraphDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return this;
        }

        var minimums = _groupMinimumUp;
        if (delta.Groups.Count > 0 || delta.RemovedGroups.Count > 0)
        {
            var copy = new Dictionary<int, int>(_groupMinimumUp);
            foreach (var id in delta.RemovedGroups)
            {
                copy.Remove(id);
            }

            foreach (var group in delta.Groups)
            {
                copy[group.Id] = group.MinimumUp;
            }

            minimums = copy;
        }

        var current = CurrentNodes();
        var setChanged = delta.RemovedNodes.Any(Contains) || delta.Nodes.Any(n => !Contains(n.Id));
        var nodes = setChanged ? current.Rebuilt(delta) : current.Updated(delta.Nodes);

        EdgeTable edges;
        var dropped = DroppedEdgeCount;
        if (setChanged || delta.Edges.Count > 0 || delta.RemovedEdges.Count > 0)
        {
            var replaced = new HashSet<int>(delta.RemovedEdges);
            replaced.UnionWith(delta.Edges.Select(e => e.RelationshipId));
            var list = new List<GraphEdge>(EdgeCount + delta.Edges.Count);
            for (var e = 0; e < _edgeSource.Length; e++)
            {
                if (!replaced.Contains(_relationshipIds[e]))
                {
                    list.Add(EdgeAt(e));
                }
            }

            list.AddRange(delta.Edges);
            (edges, var left) = EdgeTable.From(nodes, list, minimums, lenient: true);
            dropped = left;
        }
        else
        {
            edges = CurrentEdges();
            if (!ReferenceEquals(minimums, _groupMinimumUp))
            {
                edges = edges with { SlotMinimumUp = EdgeTable.MinimumsOf(_slotGroupIds, _slotSizes, minimums) };
            }
        }

        return new GraphIndex(nodes, edges, minimums, dropped);
    }

    private NodeTable CurrentNodes() =>
        new(_ids, _denseIndex, _keys, _names, _nodeTypes, _lifecycles, _statuses, _kinds, _tiers, _internal, _domainIds);

    private EdgeTable CurrentEdges() =>
        new(_outOffsets, _outPartOfEnd, _inOffsets, _inPartOfEnd, _inConnectsToStart, _inEdges, _edgeSource, _outLinks, _outSlots,
            _inLinks, _inSlots, _relationshipIds, _slotGroupIds, _slotSizes, _slotMinimumUp, _slotCaps);
}
