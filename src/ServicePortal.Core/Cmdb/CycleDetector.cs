namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Finds PartOf cycles: "part of" must never form one (a thing cannot, through any chain, be part of itself).
/// Other types may form cycles (DependsOn cycles exist in real CMDBs); the impact analysis copes with them.
/// Cycles are given as node ids from a node back to itself: [A, B, C, A] reads "A → B → C → A".
/// </summary>
public sealed class CycleDetector(GraphIndex index)
{
    private readonly GraphIndex _index = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>
    /// The cycle that a new relationship "Source is part of Target" would close, or null when it closes none. Adding
    /// A → B closes a cycle when B already is, through PartOf edges, part of A; the shortest such chain is returned
    /// as [A, B, …, A]. A self-link is the cycle [A, A]. Nodes not in the index (new ones) close no cycle.
    /// </summary>
    public IReadOnlyList<int>? WouldCreatePartOfCycle(int sourceId, int targetId)
    {
        if (sourceId == targetId)
        {
            return [sourceId, sourceId];
        }

        var source = _index.IndexOf(sourceId);
        var target = _index.IndexOf(targetId);
        if (source < 0 || target < 0)
        {
            return null;
        }

        var scratch = _index.RentScratch();
        try
        {
            var epoch = scratch.NextEpoch();
            var (seen, entries) = (scratch.Seen, scratch.Entries);
            var (outOffsets, outPartOfEnd, outLinks) = (_index.OutOffsets, _index.OutPartOfEnd, _index.OutLinks);
            seen[target] = epoch;
            entries[0] = new WalkEntry { Node = target, Parent = -1 };
            var tail = 1;
            for (var head = 0; head < tail; head++)
            {
                var u = entries[head].Node;
                for (var e = outOffsets[u]; e < outPartOfEnd[u]; e++)
                {
                    var v = GraphIndex.NodeOf(outLinks[e]);
                    if (seen[v] == epoch)
                    {
                        continue;
                    }

                    seen[v] = epoch;
                    entries[tail] = new WalkEntry { Node = v, Parent = head };
                    if (v == source)
                    {
                        var chain = new List<int>();
                        for (var entry = tail; entry >= 0; entry = entries[entry].Parent)
                        {
                            chain.Add(_index.IdAt(entries[entry].Node));
                        }

                        chain.Add(sourceId);
                        chain.Reverse();
                        return chain;
                    }

                    tail++;
                }
            }

            return null;
        }
        finally
        {
            _index.ReturnScratch(scratch);
        }
    }

    /// <summary>A PartOf cycle already in the data (e.g. from an import), or null when there is none.</summary>
    public IReadOnlyList<int>? FindPartOfCycle()
    {
        var (outOffsets, outPartOfEnd, outLinks) = (_index.OutOffsets, _index.OutPartOfEnd, _index.OutLinks);
        var state = new byte[_index.NodeCount]; // 0 new, 1 on the path, 2 done
        var path = new List<int>();
        var next = new List<int>();
        for (var root = 0; root < state.Length; root++)
        {
            if (state[root] != 0 || outOffsets[root] == outPartOfEnd[root])
            {
                continue;
            }

            state[root] = 1;
            path.Add(root);
            next.Add(outOffsets[root]);
            while (path.Count > 0)
            {
                var top = path.Count - 1;
                var u = path[top];
                if (next[top] == outPartOfEnd[u])
                {
                    state[u] = 2;
                    path.RemoveAt(top);
                    next.RemoveAt(top);
                    continue;
                }

                var v = GraphIndex.NodeOf(outLinks[next[top]++]);
                if (state[v] == 1)
                {
                    var start = path.IndexOf(v);
                    return [.. path.Skip(start).Append(v).Select(_index.IdAt)];
                }

                if (state[v] == 0)
                {
                    state[v] = 1;
                    path.Add(v);
                    next.Add(outOffsets[v]);
                }
            }
        }

        return null;
    }

    /// <summary>"Web shop → Order platform → Web shop": the names along a cycle.</summary>
    public string Describe(IReadOnlyList<int> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return string.Join(" → ", cycle.Select(id => _index.TryGetNode(id, out var node) ? node.Name : $"#{id}"));
    }
}
