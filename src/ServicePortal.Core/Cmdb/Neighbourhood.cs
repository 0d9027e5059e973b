namespace ServicePortal.Core.Cmdb;

/// <summary>A node of a <see cref="Neighbourhood"/> and its distance from the centre, ignoring edge directions.</summary>
public sealed record NeighbourhoodNode(GraphNode Node, int Hops);

/// <summary>
/// The part of the graph around one node that a diagram shows: every node within <see cref="Hops"/> relationships
/// of the centre, whichever way the relationships point, and every relationship between two of those nodes.
/// At most <c>maxNodes</c> nodes are taken, nearest first; <see cref="Truncated"/> says some were left out, and
/// <see cref="HiddenNeighbours"/> says, per node, how many of its neighbours within the hops were left out (so a diagram
/// shows a "+N more" handle instead of dropping those relationships silently). Every neighbour of an expanded node is
/// taken whatever the limit.
/// </summary>
public sealed record Neighbourhood(int CentreId, int Hops, IReadOnlyList<NeighbourhoodNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated)
{
    /// <summary>Node id → how many of its neighbours (within the hops) the node limit left out; only nodes missing some.</summary>
    public IReadOnlyDictionary<int, int> HiddenNeighbours { get; init; } = new Dictionary<int, int>();

    public const int MinHops = 1;
    public const int MaxHops = 3;

    /// <summary>About what a diagram can show readably (see <see cref="LayeredLayout"/>).</summary>
    public const int DefaultMaxNodes = 300;

    public static Neighbourhood Of(
        GraphIndex index, int nodeId, int hops = 1, int maxNodes = DefaultMaxNodes, IReadOnlyCollection<int>? expanded = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(hops, MinHops);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hops, MaxHops);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        var centre = index.IndexOf(nodeId);
        if (centre < 0)
        {
            throw new ArgumentException($"Node {nodeId} is not in the CMDB graph.", nameof(nodeId));
        }

        var scratch = index.RentScratch();
        try
        {
            var epoch = scratch.NextEpoch();
            var (seen, entries) = (scratch.Seen, scratch.Entries);
            var (outOffsets, inOffsets) = (index.OutOffsets, index.InOffsets);
            var (inLinks, outLinks) = (index.InLinks, index.OutLinks);

            seen[centre] = epoch;
            entries[0] = new WalkEntry { Node = centre };
            var tail = 1;
            var truncated = false;
            for (var head = 0; head < tail && entries[head].Distance < hops; head++)
            {
                var u = entries[head].Node;
                var next = entries[head].Distance + 1;
                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    Take(GraphIndex.NodeOf(outLinks[e]));
                }

                for (var p = inOffsets[u]; p < inOffsets[u + 1]; p++)
                {
                    Take(GraphIndex.NodeOf(inLinks[p]));
                }

                void Take(int v) => truncated |= !TakeNode(v, next, force: false);
            }

            // An expanded node (already shown) brings all its neighbours, past the limit: the "+N more" handle opened.
            foreach (var id in expanded ?? [])
            {
                var u = index.IndexOf(id);
                if (u < 0 || seen[u] != epoch)
                {
                    continue;
                }

                var next = Math.Min(hops, DistanceOf(u) + 1);
                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    TakeNode(GraphIndex.NodeOf(outLinks[e]), next, force: true);
                }

                for (var p = inOffsets[u]; p < inOffsets[u + 1]; p++)
                {
                    TakeNode(GraphIndex.NodeOf(inLinks[p]), next, force: true);
                }
            }

            bool TakeNode(int v, int distance, bool force)
            {
                if (seen[v] == epoch)
                {
                    return true;
                }

                if (tail >= maxNodes && !force)
                {
                    return false;
                }

                if (tail == entries.Length)
                {
                    return false;
                }

                seen[v] = epoch;
                entries[tail++] = new WalkEntry { Node = v, Distance = distance };
                return true;
            }

            int DistanceOf(int u)
            {
                for (var i = 0; i < tail; i++)
                {
                    if (entries[i].Node == u)
                    {
                        return entries[i].Distance;
                    }
                }

                return hops;
            }

            var nodes = new NeighbourhoodNode[tail];
            var edges = new List<GraphEdge>();
            var hidden = new Dictionary<int, int>();
            var missing = new HashSet<int>();
            for (var entry = 0; entry < tail; entry++)
            {
                var u = entries[entry].Node;
                nodes[entry] = new NeighbourhoodNode(index.NodeAt(u), entries[entry].Distance);
                if (truncated && entries[entry].Distance < hops)
                {
                    missing.Clear();
                    for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                    {
                        if (seen[GraphIndex.NodeOf(outLinks[e])] != epoch)
                        {
                            missing.Add(GraphIndex.NodeOf(outLinks[e]));
                        }
                    }

                    for (var p = inOffsets[u]; p < inOffsets[u + 1]; p++)
                    {
                        if (seen[GraphIndex.NodeOf(inLinks[p])] != epoch)
                        {
                            missing.Add(GraphIndex.NodeOf(inLinks[p]));
                        }
                    }

                    if (missing.Count > 0)
                    {
                        hidden[nodes[entry].Node.Id] = missing.Count;
                    }
                }

                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    if (seen[GraphIndex.NodeOf(outLinks[e])] == epoch)
                    {
                        edges.Add(index.EdgeAt(e));
                    }
                }
            }

            return new Neighbourhood(nodeId, hops, nodes, edges, truncated) { HiddenNeighbours = hidden };
        }
        finally
        {
            index.ReturnScratch(scratch);
        }
    }
}
