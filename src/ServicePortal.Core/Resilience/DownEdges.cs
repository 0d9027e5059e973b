using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Resilience;

/// <summary>
/// Reachability over the edges that can take a dependant Down (<see cref="PropagationRules.Cap"/> is Down: DependsOn,
/// RunsOn and ProvidedBy, grouped or not, and PartOf inside a redundancy group), ignoring levels and redundancy: which
/// nodes <em>could</em> matter. The impact engine then decides what a failure actually does.
/// </summary>
internal static class DownEdges
{
    /// <summary>The starts and every node they rely on (their dependencies, transitively).</summary>
    public static List<int> Dependencies(GraphIndex index, IEnumerable<int> startIds) => Walk(index, startIds, towardsDependants: false);

    /// <summary>The starts and every node that relies on them (their dependants, transitively).</summary>
    public static List<int> Dependants(GraphIndex index, IEnumerable<int> startIds) => Walk(index, startIds, towardsDependants: true);

    /// <summary>
    /// The node index <paramref name="start"/> and every node index it relies on, appended to <paramref name="output"/>;
    /// <paramref name="stamp"/> marks what is seen with <paramref name="epoch"/> (reused across many walks).
    /// </summary>
    public static void Walk(GraphIndex index, int start, int[] stamp, int epoch, List<int> output)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (index.OutOffsets, index.OutPartOfEnd, index.InOffsets, index.InPartOfEnd);
        var (outLinks, inLinks) = (index.OutLinks, index.InLinks);
        var first = output.Count;
        stamp[start] = epoch;
        output.Add(start);
        for (var head = first; head < output.Count; head++)
        {
            var u = output[head];
            for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
            {
                Visit(outLinks[e]);
            }

            for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
            {
                Visit(inLinks[p]);
            }
        }

        void Visit(int link)
        {
            var v = GraphIndex.NodeOf(link);
            if (stamp[v] != epoch && PropagationRules.Cap(GraphIndex.TypeOf(link), (link & GraphIndex.GroupedBit) != 0) == PropagatedLevel.Down)
            {
                stamp[v] = epoch;
                output.Add(v);
            }
        }
    }

    private static List<int> Walk(GraphIndex index, IEnumerable<int> startIds, bool towardsDependants)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (index.OutOffsets, index.OutPartOfEnd, index.InOffsets, index.InPartOfEnd);
        var (outLinks, inLinks) = (index.OutLinks, index.InLinks);
        var seen = new bool[index.NodeCount];
        var queue = new List<int>();
        foreach (var id in startIds)
        {
            var node = index.IndexOf(id);
            if (node >= 0 && !seen[node])
            {
                seen[node] = true;
                queue.Add(node);
            }
        }

        for (var head = 0; head < queue.Count; head++)
        {
            var u = queue[head];
            if (towardsDependants)
            {
                // Sources of the non-PartOf edges into u; the wholes u is part of.
                for (var p = inPartOfEnd[u]; p < inOffsets[u + 1]; p++)
                {
                    Visit(inLinks[p]);
                }

                for (var e = outOffsets[u]; e < outPartOfEnd[u]; e++)
                {
                    Visit(outLinks[e]);
                }
            }
            else
            {
                // Targets of u's non-PartOf edges; u's parts.
                for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
                {
                    Visit(outLinks[e]);
                }

                for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
                {
                    Visit(inLinks[p]);
                }
            }
        }

        return [.. queue.Select(index.IdAt)];

        void Visit(int link)
        {
            var v = GraphIndex.NodeOf(link);
            if (!seen[v] && PropagationRules.Cap(GraphIndex.TypeOf(link), (link & GraphIndex.GroupedBit) != 0) == PropagatedLevel.Down)
            {
                seen[v] = true;
                queue.Add(v);
            }
        }
    }
}
