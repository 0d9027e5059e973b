namespace ServicePortal.Core.Cmdb;

/// <summary>A node of a <see cref="Neighbourhood"/> and its distance from the centre, ignoring edge directions.</summary>
public sealed record NeighbourhoodNode(GraphNode Node, int Hops);

/// <summary>
/// The part of the graph around one node that a diagram shows: every node within <see cref="Hops"/> relationships
/// of the centre, whichever way the relationships point, and every relationship between two of those nodes.
/// At most <c>maxNodes</c> nodes are taken, nearest first; <see cref="Truncated"/> says some were left out.
/// </summary>
public sealed record Neighbourhood(int CentreId, int Hops, IReadOnlyList<NeighbourhoodNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated)
{
    public const int MinHops = 1;
    public const int MaxHops = 3;

    /// <summary>About what a diagram can show readably (see <see cref="LayeredLayout"/>).</summary>
    public const int DefaultMaxNodes = 300;

    public static Neighbourhood Of(GraphIndex index, int nodeId, int hops = 1, int maxNodes = DefaultMaxNodes)
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

                void Take(int v)
                {
                    if (seen[v] == epoch)
                    {
                        return;
                    }

                    if (tail == maxNodes)
                    {
                        truncated = true;
                        return;
                    }

                    seen[v] = epoch;
                    entries[tail++] = new WalkEntry { Node = v, Distance = next };
                }
            }

            var nodes = new NeighbourhoodNode[tail];
            var edges = new List<GraphEdge>();
            for (var entry = 0; entry < tail; entry++)
            {
                var u = entries[entry].Node;
                nodes[entry] = new NeighbourhoodNode(index.NodeAt(u), entries[entry].Distance);
                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    if (seen[GraphIndex.NodeOf(outLinks[e])] == epoch)
                    {
                        edges.Add(index.EdgeAt(e));
                    }
                }
            }

            return new Neighbourhood(nodeId, hops, nodes, edges, truncated);
        }
        finally
        {
            index.ReturnScratch(scratch);
        }
    }
}
