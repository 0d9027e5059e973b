namespace ServicePortal.Core.Seeding;

/// <summary>
/// Finds cycles in a directed graph given as an edge list (used for "part of", which must never form a cycle).
/// Iterative depth-first search, so deep chains of a generated CMDB do not overflow the stack.
/// </summary>
internal static class GraphCycles
{
    /// <summary>A cycle found through a back edge: the index of that edge and the nodes from its target round to it.</summary>
    internal sealed record Cycle<TNode>(int ClosingEdge, IReadOnlyList<TNode> Path);

    public static IReadOnlyList<Cycle<TNode>> Find<TNode>(IReadOnlyList<(TNode Source, TNode Target)> edges)
        where TNode : notnull
    {
        var outgoing = new Dictionary<TNode, List<int>>();
        for (var i = 0; i < edges.Count; i++)
        {
            if (!outgoing.TryGetValue(edges[i].Source, out var list))
            {
                outgoing[edges[i].Source] = list = [];
            }

            list.Add(i);
        }

        var state = new Dictionary<TNode, bool>(); // absent: not visited; false: on the current path; true: done
        var cycles = new List<Cycle<TNode>>();
        var path = new List<TNode>();
        var stack = new Stack<(TNode Node, int Next)>();
        foreach (var root in outgoing.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            state[root] = false;
            path.Add(root);
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var edgesOut = outgoing.GetValueOrDefault(node);
                if (edgesOut is null || next >= edgesOut.Count)
                {
                    state[node] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((node, next + 1));
                var edge = edgesOut[next];
                var target = edges[edge].Target;
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    path.Add(target);
                    stack.Push((target, 0));
                }
                else if (!done)
                {
                    var start = path.LastIndexOf(target);
                    cycles.Add(new Cycle<TNode>(edge, [.. path.Skip(start), target]));
                }
            }
        }

        return cycles;
    }
}
