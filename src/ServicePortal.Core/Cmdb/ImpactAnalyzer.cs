namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Impact analysis on a <see cref="GraphIndex"/>: the blast radius of failed nodes (downstream: who is hit) and the
/// supply chain of a service (upstream: what it relies on). Pure computation, no database, nothing changed: a
/// what-if marks nodes as failed for the duration of one call. Safe to use from many threads at once.
/// <para>The blast radius follows <see cref="PropagationRules"/> in two breadth-first passes over the CSR arrays.
/// Pass 1 finds every node that goes Down (only Down dependencies make a node Down, so this needs no Degraded
/// levels); it also counts the Down members of each redundancy group. Pass 2 walks from the failed nodes again and
/// reaches a node only over an edge whose effect equals the node's final level, so the first time it is reached
/// gives the shortest path that explains its level. Both passes look at each edge of an affected node once.</para>
/// </summary>
public sealed class ImpactAnalyzer(GraphIndex index)
{
    public GraphIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>What-if: the blast radius when these nodes are Down.</summary>
    public ImpactResult Analyze(IEnumerable<int> failedNodeIds)
    {
        ArgumentNullException.ThrowIfNull(failedNodeIds);
        return Analyze(failedNodeIds.Select(id => new ImpactSeed(id, ImpactLevel.Down)));
    }

    /// <summary>
    /// The blast radius of nodes at given levels (e.g. <see cref="GraphIndex.RecordedFailures"/> plus what-if
    /// failures). A node named twice takes its worse level; seeds at <see cref="ImpactLevel.None"/> are ignored.
    /// Throws <see cref="ArgumentException"/> for a node that is not in the index.
    /// </summary>
    public ImpactResult Analyze(IEnumerable<ImpactSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var seedList = seeds.ToList();
        var scratch = Index.RentScratch();
        try
        {
            return Run(seedList, scratch);
        }
        finally
        {
            Index.ReturnScratch(scratch);
        }
    }

    /// <summary>
    /// Everything the node (usually a service) relies on, with the external suppliers at the end of its chains: every
    /// node whose failure can reach it under <see cref="PropagationRules"/>, i.e. the blast radius walked backwards.
    /// </summary>
    public SupplyChainResult SupplyChain(int serviceId)
    {
        var start = Index.IndexOf(serviceId);
        if (start < 0)
        {
            throw new ArgumentException($"Node {serviceId} is not in the CMDB graph.", nameof(serviceId));
        }

        var scratch = Index.RentScratch();
        try
        {
            var epoch = scratch.NextEpoch();
            var (seen, queue, parent, via, distance) = (scratch.Seen, scratch.Queue, scratch.Parent, scratch.Via, scratch.Distance);
            var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InOffsets, Index.InPartOfEnd);
            var (inEdges, edgeSources, edgeTargets) = (Index.InEdges, Index.EdgeSources, Index.EdgeTargets);

            seen[start] = epoch;
            queue[0] = start;
            parent[0] = -1;
            via[0] = -1;
            distance[0] = 0;
            var tail = 1;
            for (var head = 0; head < tail; head++)
            {
                var u = queue[head];
                var next = distance[head] + 1;

                // What can hit u (the propagation edges walked backwards): targets of its non-PartOf edges, and its
                // parts. Not the wholes it is part of: a whole's failure does not take its parts down.
                for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
                {
                    Visit(edgeTargets[e], e);
                }

                for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
                {
                    var e = inEdges[p];
                    Visit(edgeSources[e], e);
                }

                void Visit(int v, int e)
                {
                    if (seen[v] == epoch)
                    {
                        return;
                    }

                    seen[v] = epoch;
                    queue[tail] = v;
                    parent[tail] = head;
                    via[tail] = e;
                    distance[tail] = next;
                    tail++;
                }
            }

            return new SupplyChainResult(
                Index, serviceId, queue[..tail], parent[..tail], via[..tail], distance[..tail]);
        }
        finally
        {
            Index.ReturnScratch(scratch);
        }
    }

    private ImpactResult Run(List<ImpactSeed> seeds, TraversalScratch scratch)
    {
        var epoch = scratch.NextEpoch();
        var (seen, down, queue) = (scratch.Seen, scratch.Down, scratch.Queue);
        var (parent, via, distance, level) = (scratch.Parent, scratch.Via, scratch.Distance, scratch.Level);
        var (seedMark, seedLevel, slotMark, slotDown) = (scratch.SeedMark, scratch.SeedLevel, scratch.SlotMark, scratch.SlotDown);
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InOffsets, Index.InPartOfEnd);
        var (inEdges, edgeSources, edgeTargets, edgeTypes) = (Index.InEdges, Index.EdgeSources, Index.EdgeTargets, Index.EdgeTypes);
        var (edgeSlots, slotSizes, slotMinimumUp, slotCaps) = (Index.EdgeSlots, Index.SlotSizes, Index.SlotMinimumUp, Index.SlotCaps);

        // Seeds: distinct nodes, each at its worst level.
        var seedNodes = new List<int>(seeds.Count);
        foreach (var seed in seeds)
        {
            var node = Index.IndexOf(seed.NodeId);
            if (node < 0)
            {
                throw new ArgumentException($"Node {seed.NodeId} is not in the CMDB graph.", nameof(seeds));
            }

            if (seed.Level == ImpactLevel.None)
            {
                continue;
            }

            if (seedMark[node] != epoch)
            {
                seedMark[node] = epoch;
                seedLevel[node] = (byte)seed.Level;
                seedNodes.Add(node);
            }
            else if ((byte)seed.Level > seedLevel[node])
            {
                seedLevel[node] = (byte)seed.Level;
            }
        }

        // Pass 1: the Down set. Queue holds Down nodes; every Down member of a redundancy group is counted once.
        var tail = 0;
        foreach (var node in seedNodes)
        {
            if (seedLevel[node] == (byte)ImpactLevel.Down)
            {
                down[node] = epoch;
                queue[tail++] = node;
            }
        }

        for (var head = 0; head < tail; head++)
        {
            var u = queue[head];
            for (var p = inPartOfEnd[u]; p < inOffsets[u + 1]; p++)
            {
                var e = inEdges[p];
                FailOver(edgeSources[e], e, edgeTypes[e] != (byte)RelationshipType.ConnectsTo);
            }

            for (var e = outOffsets[u]; e < outPartOfEnd[u]; e++)
            {
                FailOver(edgeTargets[e], e, carriesDown: false);
            }

            // One edge from a Down dependency to dependant v; carriesDown: the edge passes Down when not in a group.
            void FailOver(int v, int e, bool carriesDown)
            {
                var slot = edgeSlots[e];
                if (slot >= 0)
                {
                    if (slotMark[slot] != epoch)
                    {
                        slotMark[slot] = epoch;
                        slotDown[slot] = 0;
                    }

                    var membersDown = ++slotDown[slot];
                    carriesDown = slotCaps[slot] == (byte)ImpactLevel.Down && slotSizes[slot] - membersDown < slotMinimumUp[slot];
                }

                if (carriesDown && down[v] != epoch)
                {
                    down[v] = epoch;
                    queue[tail++] = v;
                }
            }
        }

        // Pass 2: breadth-first from the seeds that start at their final level, over edges that explain the level.
        tail = 0;
        foreach (var node in seedNodes)
        {
            var final = down[node] == epoch ? (byte)ImpactLevel.Down : (byte)ImpactLevel.Degraded;
            if (seedLevel[node] == final)
            {
                seen[node] = epoch;
                queue[tail] = node;
                parent[tail] = -1;
                via[tail] = -1;
                distance[tail] = 0;
                level[tail] = final;
                tail++;
            }
        }

        for (var head = 0; head < tail; head++)
        {
            var u = queue[head];
            var uLevel = (ImpactLevel)level[head];
            for (var p = inPartOfEnd[u]; p < inOffsets[u + 1]; p++)
            {
                var e = inEdges[p];
                Reach(edgeSources[e], e);
            }

            for (var e = outOffsets[u]; e < outPartOfEnd[u]; e++)
            {
                Reach(edgeTargets[e], e);
            }

            void Reach(int v, int e)
            {
                if (seen[v] == epoch)
                {
                    return;
                }

                var slot = edgeSlots[e];
                ImpactLevel effect;
                if (slot < 0)
                {
                    effect = PropagationRules.Effect((RelationshipType)edgeTypes[e], uLevel);
                }
                else
                {
                    var breached = slotMark[slot] == epoch && slotSizes[slot] - slotDown[slot] < slotMinimumUp[slot];
                    effect = PropagationRules.GroupEffect((ImpactLevel)slotCaps[slot], uLevel, breached);
                }

                var final = down[v] == epoch ? ImpactLevel.Down : ImpactLevel.Degraded;
                if (effect != final)
                {
                    return;
                }

                seen[v] = epoch;
                queue[tail] = v;
                parent[tail] = head;
                via[tail] = e;
                distance[tail] = distance[head] + 1;
                level[tail] = (byte)final;
                tail++;
            }
        }

        return new ImpactResult(
            Index, seeds, queue[..tail], parent[..tail], via[..tail], distance[..tail], level[..tail]);
    }
}
