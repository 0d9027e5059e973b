namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Cycles and paths in a small directed graph of keys, for checking "part of" (which must never form a cycle) in data
/// that is not stored yet: seed files and imports. Stored data is checked on the graph index (<see cref="CycleDetector"/>).
/// Iterative searches, so deep chains of a generated CMDB do not overflow the stack.
/// </summary>
internal static class KeyGraph
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

    /// <summary>The nodes on a shortest path from <paramref name="from"/> to <paramref name="to"/>, or null when there is none.</summary>
    public static List<TNode>? PathBetween<TNode>(IReadOnlyDictionary<TNode, List<TNode>> outgoing, TNode from, TNode to)
        where TNode : notnull
    {
        var parents = new Dictionary<TNode, TNode>();
        var seen = new HashSet<TNode> { from };
        var queue = new Queue<TNode>([from]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (EqualityComparer<TNode>.Default.Equals(node, to))
            {
                var path = new List<TNode> { node };
                while (parents.TryGetValue(path[^1], out var parent))
                {
                    path.Add(parent);
                }

                path.Reverse();
                return path;
            }

            foreach (var next in outgoing.GetValueOrDefault(node) ?? [])
            {
                if (seen.Add(next))
                {
                    parents[next] = node;
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
