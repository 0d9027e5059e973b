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
    /// <item>a node added (with the highest id, as identities give): the node arrays grow by one;</item>
    /// <item>up to <see cref="MaxSplicedEdges"/> edges added, removed or retyped: each is spliced into the edge arrays
    /// (array moves, no database read, no relayout);</item>
    /// <item>a node deleted, or more edges at once: the arrays are laid out again from this index's own arrays plus the
    /// delta (a linear pass in memory, no database read).</item>
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
        var removesNodes = delta.RemovedNodes.Any(Contains);
        var added = delta.Nodes.Where(n => !Contains(n.Id)).OrderBy(n => n.Id).ToList();
        var lastId = NodeCount > 0 ? _ids[^1] : int.MinValue;
        var appendOnly = !removesNodes && (added.Count == 0 || (added[0].Id > lastId && added.Select(n => n.Id).Distinct().Count() == added.Count));
        var edgeChanges = delta.Edges.Count + delta.RemovedEdges.Count;

        NodeTable nodes;
        EdgeTable edges;
        var dropped = DroppedEdgeCount;
        if (appendOnly && edgeChanges <= MaxSplicedEdges)
        {
            // The usual case: attributes changed, nodes appended (new ids are the highest), a few edges spliced.
            nodes = current.Updated([.. delta.Nodes.Where(n => Contains(n.Id))]);
            edges = CurrentEdges();
            if (added.Count > 0)
            {
                nodes = nodes.Appended(added);
                edges = edges.Extended(nodes.Count);
            }

            if (edgeChanges > 0)
            {
                var splicer = new EdgeSplicer(edges, nodes.Count, minimums);
                foreach (var id in delta.RemovedEdges)
                {
                    splicer.Remove(id);
                }

                foreach (var edge in delta.Edges)
                {
                    splicer.Remove(edge.RelationshipId);
                    var s = IndexOf(nodes.Ids, nodes.Dense, edge.SourceId);
                    var t = IndexOf(nodes.Ids, nodes.Dense, edge.TargetId);
                    if (s < 0 || t < 0)
                    {
                        dropped++;
                        continue;
                    }

                    splicer.Insert(s, t, edge.Type, edge.RedundancyGroupId, edge.RelationshipId);
                }

                edges = splicer.Table;
            }
            else if (!ReferenceEquals(minimums, _groupMinimumUp))
            {
                edges = edges with { SlotMinimumUp = EdgeTable.MinimumsOf(_slotGroupIds, _slotSizes, minimums) };
            }
        }
        else
        {
            // Nodes deleted (or inserted below the highest id), or many edges at once: lay the arrays out afresh, in memory.
            nodes = current.Rebuilt(delta);
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
            (edges, dropped) = EdgeTable.From(nodes, list, minimums, lenient: true);
        }

        return new GraphIndex(nodes, edges, minimums, dropped);
    }

    private NodeTable CurrentNodes() =>
        new(_ids, _denseIndex, _keys, _names, _nodeTypes, _lifecycles, _statuses, _kinds, _tiers, _internal, _domainIds);

    private EdgeTable CurrentEdges() =>
        new(_outOffsets, _outPartOfEnd, _inOffsets, _inPartOfEnd, _inConnectsToStart, _inEdges, _edgeSource, _outLinks, _outSlots,
            _inLinks, _inSlots, _relationshipIds, _slotGroupIds, _slotSizes, _slotMinimumUp, _slotCaps);
}
