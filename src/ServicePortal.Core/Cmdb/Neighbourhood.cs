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
            var (seen, queue, distance) = (scratch.Seen, scratch.Queue, scratch.Distance);
            var (outOffsets, inOffsets, inEdges) = (index.OutOffsets, index.InOffsets, index.InEdges);
            var (edgeSources, edgeTargets) = (index.EdgeSources, index.EdgeTargets);

            seen[centre] = epoch;
            queue[0] = centre;
            distance[0] = 0;
            var tail = 1;
            var truncated = false;
            for (var head = 0; head < tail && distance[head] < hops; head++)
            {
                var u = queue[head];
                var next = distance[head] + 1;
                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    Take(edgeTargets[e]);
                }

                for (var p = inOffsets[u]; p < inOffsets[u + 1]; p++)
                {
                    Take(edgeSources[inEdges[p]]);
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
                    queue[tail] = v;
                    distance[tail] = next;
                    tail++;
                }
            }

            var nodes = new NeighbourhoodNode[tail];
            var edges = new List<GraphEdge>();
            for (var entry = 0; entry < tail; entry++)
            {
                var u = queue[entry];
                nodes[entry] = new NeighbourhoodNode(index.NodeAt(u), distance[entry]);
                for (var e = outOffsets[u]; e < outOffsets[u + 1]; e++)
                {
                    if (seen[edgeTargets[e]] == epoch)
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
