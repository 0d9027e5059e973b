namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Impact analysis on a <see cref="GraphIndex"/>: the blast radius of failed nodes (downstream: who is hit) and the
/// supply chain of a service (upstream: what it relies on). Pure computation, no database, nothing changed: a
/// what-if marks nodes as failed for the duration of one call. Safe to use from many threads at once.
/// <para>The blast radius follows <see cref="PropagationRules"/> in three breadth-first passes over the CSR arrays.
/// Pass 1 finds every node that goes Down (only Down dependencies make a node Down) and counts the Down members of
/// each redundancy group. Pass 2 finds every node with a fault (Down, a Degraded seed, or at risk because of a fault
/// below over hard dependencies) and counts the faulty members of each group; its look at the Down nodes' edges is
/// made by pass 1 on the same read of each edge, so pass 2 itself walks only the faulty nodes that are not Down. Pass 3 walks from the failed nodes
/// again and reaches a node only over an edge whose effect equals the node's final level, so the first time it is
/// reached gives the shortest path that explains its level; contained risks (lost spare capacity, a troubled part or
/// interface partner) are reached here and go no further. Each pass looks once at each edge of the nodes it reaches,
/// over span slices of the packed CSR links (4 bytes per edge), with pooled epoch-stamped scratch arrays. For the
/// failed nodes themselves the result also keeps what they inherit from their own dependencies (see
/// <see cref="ImpactResult.InheritedOf"/>), so own trouble and inherited risk stay apart.</para>
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
        var started = PortalTelemetry.StartImpact();
        var scratch = Index.RentScratch();
        try
        {
            var result = Run(seedList, scratch);
            PortalTelemetry.RecordImpact("blast_radius", started, result.Affected.Count);
            return result;
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

        var started = PortalTelemetry.StartImpact();
        var scratch = Index.RentScratch();
        try
        {
            var epoch = scratch.NextEpoch();
            var (seen, entries) = (scratch.Seen, scratch.Entries);
            var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InOffsets, Index.InPartOfEnd);
            var (outLinks, inLinks, inEdges) = (Index.OutLinks, Index.InLinks, Index.InEdges);

            seen[start] = epoch;
            entries[0] = new WalkEntry { Node = start, Parent = -1, Via = -1 };
            var tail = 1;
            for (var head = 0; head < tail; head++)
            {
                var u = entries[head].Node;
                var next = entries[head].Distance + 1;

                // What can hit u (the propagation edges walked backwards): targets of its non-PartOf edges, and its
                // parts. Not the wholes it is part of: a whole's failure does not take its parts down.
                var first = outPartOfEnd[u];
                var dependencies = outLinks.AsSpan(first, outOffsets[u + 1] - first);
                for (var i = 0; i < dependencies.Length; i++)
                {
                    var v = GraphIndex.NodeOf(dependencies[i]);
                    if (seen[v] != epoch)
                    {
                        seen[v] = epoch;
                        entries[tail++] = new WalkEntry { Node = v, Parent = head, Via = first + i, Distance = next };
                    }
                }

                first = inOffsets[u];
                var parts = inLinks.AsSpan(first, inPartOfEnd[u] - first);
                for (var i = 0; i < parts.Length; i++)
                {
                    var v = GraphIndex.NodeOf(parts[i]);
                    if (seen[v] != epoch)
                    {
                        seen[v] = epoch;
                        entries[tail++] = new WalkEntry { Node = v, Parent = head, Via = inEdges[first + i], Distance = next };
                    }
                }
            }

            PortalTelemetry.RecordImpact("supply_chain", started, tail);
            return new SupplyChainResult(Index, serviceId, entries[..tail]);
        }
        finally
        {
            Index.ReturnScratch(scratch);
        }
    }

    /// <summary>
    /// Pass 1 of <see cref="Analyze(IEnumerable{ImpactSeed})"/> alone, once for each of many single failures: for each
    /// node in <paramref name="failedNodeIds"/>, <paramref name="visit"/> gets a <see cref="SingleFailure"/> naming
    /// every node its failure alone takes Down (the node itself first), with the path that explains each. The same rule
    /// and the same code as the blast radius's Down set, without the risk and path passes, so a screening of thousands
    /// of candidates (single points of failure) costs one walk of each Down set. Ids not in the index are skipped; the
    /// <see cref="SingleFailure"/> is only valid during the call.
    /// </summary>
    public void ForEachSingleFailure(IEnumerable<int> failedNodeIds, Action<SingleFailure> visit)
    {
        ArgumentNullException.ThrowIfNull(failedNodeIds);
        ArgumentNullException.ThrowIfNull(visit);
        var scratch = Index.RentScratch();
        try
        {
            var (flags, entries) = (scratch.Flags, scratch.Entries);
            Array.Clear(flags);
            var seed = new List<int>(1) { 0 };
            var failure = new SingleFailure(Index, entries);
            foreach (var id in failedNodeIds)
            {
                var node = Index.IndexOf(id);
                if (node < 0)
                {
                    continue;
                }

                var epoch = scratch.NextEpoch();
                var groups = new GroupCounts(Index, epoch, scratch.SlotMark, scratch.SlotDown, scratch.SlotFaultMark, scratch.SlotFault);
                seed[0] = node;
                var count = MarkDown(seed, flags, entries, ref groups);
                for (var i = 0; i < count; i++)
                {
                    flags[entries[i].Node] = 0; // only the flags this walk set: the next walk starts clean
                }

                failure.Reset(id, count);
                visit(failure);
            }
        }
        finally
        {
            Index.ReturnScratch(scratch);
        }
    }

    private ImpactResult Run(List<ImpactSeed> seeds, TraversalScratch scratch)
    {
        var epoch = scratch.NextEpoch();
        var (flags, entries, seedMark, seedLevel) = (scratch.Flags, scratch.Entries, scratch.SeedMark, scratch.SeedLevel);
        Array.Clear(flags);
        var groups = new GroupCounts(Index, epoch, scratch.SlotMark, scratch.SlotDown, scratch.SlotFaultMark, scratch.SlotFault);

        // Seeds: distinct nodes, each at its worst level (an At risk seed passes nothing on and is left out).
        var seedNodes = new List<int>(seeds.Count);
        foreach (var seed in seeds)
        {
            var node = Index.IndexOf(seed.NodeId);
            if (node < 0)
            {
                throw new ArgumentException($"Node {seed.NodeId} is not in the CMDB graph.", nameof(seeds));
            }

            var level = (byte)PropagationRules.FromSeed(seed.Level);
            if (level == 0)
            {
                continue;
            }

            if (seedMark[node] != epoch)
            {
                seedMark[node] = epoch;
                seedLevel[node] = level;
                seedNodes.Add(node);
            }
            else if (level > seedLevel[node])
            {
                seedLevel[node] = level;
            }
        }

        var downSeeds = seedNodes.Where(n => seedLevel[n] == (byte)PropagatedLevel.Down).ToList();
        var faults = scratch.FaultQueue;
        var faultCount = MarkDownAndFaults(downSeeds, flags, scratch.DownQueue, faults, ref groups);
        MarkFaults(faultCount, seedNodes.Where(n => seedLevel[n] == (byte)PropagatedLevel.Degraded), flags, faults, ref groups);

        // Pass 3 starts from the seeds whose seed level is their final level (a Degraded seed may have gone Down).
        var tail = 0;
        foreach (var node in seedNodes)
        {
            var final = (flags[node] & TraversalScratch.DownFlag) != 0 ? (byte)PropagatedLevel.Down : (byte)PropagatedLevel.Degraded;
            if (seedLevel[node] == final)
            {
                flags[node] |= TraversalScratch.SeenFlag;
                entries[tail++] = new WalkEntry { Node = node, Parent = -1, Via = -1, Level = final };
            }
        }

        tail = Reach(tail, flags, entries, ref groups);

        var result = GC.AllocateUninitializedArray<WalkEntry>(tail);
        Array.Copy(entries, result, tail);
        var inherited = new Dictionary<int, List<SeedDependency>>();
        foreach (var node in seedNodes)
        {
            if (SeedDependencies(node, flags, seedMark, seedLevel, epoch, ref groups) is { Count: > 0 } list)
            {
                inherited[Index.IdAt(node)] = list;
            }
        }

        return new ImpactResult(Index, seeds, result, inherited);
    }

    /// <summary>
    /// Pass 1: flags every node that goes Down, breadth-first from the Down seeds, and counts the Down members of
    /// each redundancy group on the way. Uses the entries as its queue, each with the entry and edge it was reached by
    /// (an edge that carried Down at that moment); returns how many it holds (the Down nodes).
    /// </summary>
    private int MarkDown(List<int> downSeeds, byte[] flags, WalkEntry[] queue, ref GroupCounts groups)
    {
        var (outOffsets, outPartOfEnd, inPartOfEnd, inConnectsToStart) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InPartOfEnd, Index.InConnectsToStart);
        var (outLinks, outSlots, inLinks, inSlots) = (Index.OutLinks, Index.OutSlots, Index.InLinks, Index.InSlots);
        var carriesDownByType = CarriesDownByType;
        var tail = 0;
        foreach (var node in downSeeds)
        {
            flags[node] = TraversalScratch.DownFlag;
            queue[tail++] = new WalkEntry { Node = node, Parent = -1, Via = -1 };
        }

        var inEdges = Index.InEdges;
        for (var head = 0; head < tail; head++)
        {
            var u = queue[head].Node;

            // Dependants over the non-PartOf edges into u, then the wholes u is part of (Down only through a group).
            // ConnectsTo edges (last in the slice) never pass Down on, so the Down walk stops before them.
            var first = inPartOfEnd[u];
            var dependants = inLinks.AsSpan(first, inConnectsToStart[u] - first);
            for (var i = 0; i < dependants.Length; i++)
            {
                var link = dependants[i];
                var carriesDown = (link & GraphIndex.GroupedBit) == 0 ? carriesDownByType[link & 7] : groups.CountDown(inSlots[first + i]);
                var v = GraphIndex.NodeOf(link);
                if (carriesDown && flags[v] == 0)
                {
                    flags[v] = TraversalScratch.DownFlag;
                    queue[tail++] = new WalkEntry { Node = v, Parent = head, Via = inEdges[first + i] };
                }
            }

            first = outOffsets[u];
            var wholes = outLinks.AsSpan(first, outPartOfEnd[u] - first);
            for (var i = 0; i < wholes.Length; i++)
            {
                var link = wholes[i];
                var v = GraphIndex.NodeOf(link);
                if ((link & GraphIndex.GroupedBit) != 0 && groups.CountDown(outSlots[first + i]) && flags[v] == 0)
                {
                    flags[v] = TraversalScratch.DownFlag;
                    queue[tail++] = new WalkEntry { Node = v, Parent = head, Via = first + i };
                }
            }
        }

        return tail;
    }

    /// <summary>
    /// Pass 1 (<see cref="MarkDown"/>) with the Down nodes' share of pass 2 done on the same look at each edge: while
    /// it flags every node that goes Down and counts the Down members of each redundancy group, it also counts the
    /// faulty members (a Down node is faulty) and flags the dependants a Down node puts at risk. Those that are not
    /// Down (yet) go into <paramref name="faults"/> for <see cref="MarkFaults"/>; returns how many. Pass 2 on its own
    /// walked the Down nodes' edges a second time (at the worst hub of 100k nodes, 88k of 92k reached nodes are Down).
    /// The flags and counts at the end are those of the two passes apart: both only ever grow, and each faulty node's
    /// edges are still counted once (a node queued as a fault that later went Down is skipped by pass 2). Its queue
    /// holds node indexes only: pass 3 finds the paths, so this pass keeps no parent or edge per node.
    /// </summary>
    private int MarkDownAndFaults(List<int> downSeeds, byte[] flags, int[] queue, int[] faults, ref GroupCounts groups)
    {
        var (outOffsets, outPartOfEnd, inPartOfEnd, inConnectsToStart) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InPartOfEnd, Index.InConnectsToStart);
        var (outLinks, outSlots, inLinks, inSlots) = (Index.OutLinks, Index.OutSlots, Index.InLinks, Index.InSlots);
        var (carriesDownByType, carriesRiskByType) = (CarriesDownByType, CarriesRiskByType);
        var tail = 0;
        var faultTail = 0;
        foreach (var node in downSeeds)
        {
            flags[node] = DownAndFault;
            queue[tail++] = node;
        }

        for (var head = 0; head < tail; head++)
        {
            var u = queue[head];

            // As in MarkDown: dependants over the non-PartOf edges into u (not ConnectsTo, which carries neither Down
            // nor a risk on), then the wholes u is part of (only through a group).
            var first = inPartOfEnd[u];
            var dependants = inLinks.AsSpan(first, inConnectsToStart[u] - first);
            for (var i = 0; i < dependants.Length; i++)
            {
                var link = dependants[i];
                bool carriesDown, carriesRisk;
                if ((link & GraphIndex.GroupedBit) == 0)
                {
                    carriesDown = carriesDownByType[link & 7];
                    carriesRisk = carriesRiskByType[link & 7];
                }
                else
                {
                    var slot = inSlots[first + i];
                    carriesDown = groups.CountDown(slot);
                    carriesRisk = groups.CountFault(slot);
                }

                Reach(GraphIndex.NodeOf(link), carriesDown, carriesRisk, flags, queue, ref tail, faults, ref faultTail);
            }

            first = outOffsets[u];
            var wholes = outLinks.AsSpan(first, outPartOfEnd[u] - first);
            for (var i = 0; i < wholes.Length; i++)
            {
                var link = wholes[i];
                if ((link & GraphIndex.GroupedBit) == 0)
                {
                    continue;
                }

                var slot = outSlots[first + i];
                Reach(GraphIndex.NodeOf(link), groups.CountDown(slot), groups.CountFault(slot), flags, queue, ref tail, faults, ref faultTail);
            }
        }

        return faultTail;
    }

    private const byte DownAndFault = TraversalScratch.DownFlag | TraversalScratch.FaultFlag;

    /// <summary>
    /// A dependant <paramref name="v"/> reached over an edge that carries Down and/or a risk: queued to go Down, or
    /// else (the first time) noted as faulty for pass 2. The flags only grow, so each node is queued at most once.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Reach(int v, bool carriesDown, bool carriesRisk, byte[] flags, int[] queue, ref int tail, int[] faults, ref int faultTail)
    {
        var f = flags[v];
        if (carriesDown && (f & TraversalScratch.DownFlag) == 0)
        {
            flags[v] = (byte)(f | DownAndFault);
            queue[tail++] = v;
        }
        else if (carriesRisk && (f & TraversalScratch.FaultFlag) == 0)
        {
            flags[v] = (byte)(f | TraversalScratch.FaultFlag);
            faults[faultTail++] = v;
        }
    }

    /// <summary>
    /// Pass 2, the rest after <see cref="MarkDownAndFaults"/>: flags every node with a fault (Down, a Degraded seed, or
    /// at risk because of a fault below), breadth-first over the hard edges from the faulty nodes that are not Down
    /// (queued by pass 1) and the Degraded seeds, counting the faulty members of each redundancy group on the way. The
    /// Down nodes' edges were looked at in pass 1.
    /// </summary>
    private void MarkFaults(int tail, IEnumerable<int> degradedSeeds, byte[] flags, int[] queue, ref GroupCounts groups)
    {
        var (outOffsets, outPartOfEnd, inPartOfEnd, inConnectsToStart) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InPartOfEnd, Index.InConnectsToStart);
        var (outLinks, outSlots, inLinks, inSlots) = (Index.OutLinks, Index.OutSlots, Index.InLinks, Index.InSlots);
        var carriesRiskByType = CarriesRiskByType;
        foreach (var node in degradedSeeds)
        {
            if ((flags[node] & TraversalScratch.FaultFlag) == 0)
            {
                flags[node] |= TraversalScratch.FaultFlag;
                queue[tail++] = node;
            }
        }

        for (var head = 0; head < tail; head++)
        {
            var u = queue[head];
            if ((flags[u] & TraversalScratch.DownFlag) != 0)
            {
                continue; // went Down after it was queued: pass 1 looked at its edges
            }

            var first = inPartOfEnd[u];
            var dependants = inLinks.AsSpan(first, inConnectsToStart[u] - first);
            for (var i = 0; i < dependants.Length; i++)
            {
                var link = dependants[i];
                var carries = (link & GraphIndex.GroupedBit) == 0 ? carriesRiskByType[link & 7] : groups.CountFault(inSlots[first + i]);
                var v = GraphIndex.NodeOf(link);
                if (carries && (flags[v] & TraversalScratch.FaultFlag) == 0)
                {
                    flags[v] |= TraversalScratch.FaultFlag;
                    queue[tail++] = v;
                }
            }

            first = outOffsets[u];
            var wholes = outLinks.AsSpan(first, outPartOfEnd[u] - first);
            for (var i = 0; i < wholes.Length; i++)
            {
                var link = wholes[i];
                var v = GraphIndex.NodeOf(link);
                if ((link & GraphIndex.GroupedBit) != 0 && groups.CountFault(outSlots[first + i]) && (flags[v] & TraversalScratch.FaultFlag) == 0)
                {
                    flags[v] |= TraversalScratch.FaultFlag;
                    queue[tail++] = v;
                }
            }
        }
    }

    /// <summary>The final level of a node not yet reached by pass 3: Down, a passed-on risk, or (at most) a contained risk.</summary>
    private static byte FinalOf(byte flags) =>
        (flags & TraversalScratch.DownFlag) != 0 ? (byte)PropagatedLevel.Down
        : (flags & TraversalScratch.FaultFlag) != 0 ? (byte)PropagatedLevel.Risk
        : (byte)PropagatedLevel.ContainedRisk;

    /// <summary>
    /// Pass 3: breadth-first from the entries already queued, reaching a node only over an edge whose effect equals
    /// its final level (from the flags of passes 1 and 2). Returns the number of entries.
    /// </summary>
    private int Reach(int tail, byte[] flags, WalkEntry[] entries, ref GroupCounts groups)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InOffsets, Index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots, inEdges) = (Index.OutLinks, Index.OutSlots, Index.InLinks, Index.InSlots, Index.InEdges);
        var ungroupedEffect = UngroupedEffect;
        for (var head = 0; head < tail; head++)
        {
            var u = entries[head].Node;
            var uLevel = entries[head].Level;
            if (uLevel <= (byte)PropagatedLevel.ContainedRisk)
            {
                continue;
            }

            // Dependants over non-PartOf edges into u (reverse positions: the edge index comes from InEdges).
            var first = inPartOfEnd[u];
            var links = inLinks.AsSpan(first, inOffsets[u + 1] - first);
            for (var i = 0; i < links.Length; i++)
            {
                var link = links[i];
                var v = GraphIndex.NodeOf(link);
                var f = flags[v];
                if ((f & TraversalScratch.SeenFlag) != 0)
                {
                    continue;
                }

                var final = FinalOf(f);
                var effect = (link & GraphIndex.GroupedBit) == 0 ? ungroupedEffect[((link & 7) * Levels) + uLevel] : groups.Effect(inSlots[first + i], uLevel);
                if (effect == final)
                {
                    flags[v] = (byte)(f | TraversalScratch.SeenFlag);
                    entries[tail++] = new WalkEntry { Node = v, Parent = head, Via = inEdges[first + i], Distance = entries[head].Distance + 1, Level = final };
                }
            }

            // The wholes u is part of (forward positions, which are edge indexes).
            first = outOffsets[u];
            links = outLinks.AsSpan(first, outPartOfEnd[u] - first);
            for (var i = 0; i < links.Length; i++)
            {
                var link = links[i];
                var v = GraphIndex.NodeOf(link);
                var f = flags[v];
                if ((f & TraversalScratch.SeenFlag) != 0)
                {
                    continue;
                }

                var final = FinalOf(f);
                var effect = (link & GraphIndex.GroupedBit) == 0 ? ungroupedEffect[((link & 7) * Levels) + uLevel] : groups.Effect(outSlots[first + i], uLevel);
                if (effect == final)
                {
                    flags[v] = (byte)(f | TraversalScratch.SeenFlag);
                    entries[tail++] = new WalkEntry { Node = v, Parent = head, Via = first + i, Distance = entries[head].Distance + 1, Level = final };
                }
            }
        }

        return tail;
    }

    /// <summary>
    /// What a failed (seed) node inherits from its own dependencies, apart from its own failure: every dependency edge
    /// with a non-zero effect (the caller picks the worst, nearest one that does not lead back to the seed itself).
    /// </summary>
    private List<SeedDependency>? SeedDependencies(int s, byte[] flags, int[] seedMark, byte[] seedLevel, int epoch, ref GroupCounts groups)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (Index.OutOffsets, Index.OutPartOfEnd, Index.InOffsets, Index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots, inEdges) = (Index.OutLinks, Index.OutSlots, Index.InLinks, Index.InSlots, Index.InEdges);
        List<SeedDependency>? list = null;
        byte LevelOf(int node) =>
            (flags[node] & TraversalScratch.DownFlag) != 0 ? (byte)PropagatedLevel.Down
            : seedMark[node] == epoch && seedLevel[node] == (byte)PropagatedLevel.Degraded ? (byte)PropagatedLevel.Degraded
            : (flags[node] & TraversalScratch.FaultFlag) != 0 ? (byte)PropagatedLevel.Risk
            : (byte)PropagatedLevel.None;

        for (var e = outPartOfEnd[s]; e < outOffsets[s + 1]; e++)
        {
            var d = GraphIndex.NodeOf(outLinks[e]);
            var level = LevelOf(d);
            if (level == 0)
            {
                continue;
            }

            var effect = (outLinks[e] & GraphIndex.GroupedBit) == 0 ? UngroupedEffect[((outLinks[e] & 7) * Levels) + level] : groups.Effect(outSlots[e], level);
            if (effect != 0)
            {
                (list ??= []).Add(new SeedDependency(Index.IdAt(d), e, (PropagatedLevel)effect));
            }
        }

        for (var p = inOffsets[s]; p < inPartOfEnd[s]; p++)
        {
            var d = GraphIndex.NodeOf(inLinks[p]);
            var level = LevelOf(d);
            if (level == 0)
            {
                continue;
            }

            var effect = (inLinks[p] & GraphIndex.GroupedBit) == 0 ? UngroupedEffect[((inLinks[p] & 7) * Levels) + level] : groups.Effect(inSlots[p], level);
            if (effect != 0)
            {
                (list ??= []).Add(new SeedDependency(Index.IdAt(d), inEdges[p], (PropagatedLevel)effect));
            }
        }

        return list;
    }

    private const int Levels = 5;

    /// <summary>Whether an edge outside any group passes Down on, by type (from <see cref="PropagationRules.Cap"/>).</summary>
    private static readonly bool[] CarriesDownByType = [.. Enumerable.Range(0, 8).Select(t =>
        Enum.IsDefined((RelationshipType)t) && PropagationRules.Cap((RelationshipType)t, grouped: false) == PropagatedLevel.Down)];

    /// <summary>Whether an edge outside any group passes a fault below on as a risk, by type (from <see cref="PropagationRules.Effect"/>).</summary>
    private static readonly bool[] CarriesRiskByType = [.. Enumerable.Range(0, 8).Select(t =>
        Enum.IsDefined((RelationshipType)t) && PropagationRules.Effect((RelationshipType)t, PropagatedLevel.Risk) == PropagatedLevel.Risk)];

    /// <summary>[type * 5 + dependency level] → the level an edge outside any group passes on (from <see cref="PropagationRules.Effect"/>).</summary>
    private static readonly byte[] UngroupedEffect = [.. Enumerable.Range(0, 8 * Levels).Select(i =>
        Enum.IsDefined((RelationshipType)(i / Levels)) ? (byte)PropagationRules.Effect((RelationshipType)(i / Levels), (PropagatedLevel)(i % Levels)) : (byte)0)];

    /// <summary>Down and faulty members per redundancy slot during one walk (slots untouched in this epoch count as zero).</summary>
    private readonly struct GroupCounts(GraphIndex index, int epoch, int[] slotMark, int[] slotDown, int[] faultMark, int[] slotFault)
    {
        private readonly int[] _sizes = index.SlotSizes;
        private readonly int[] _minimumUp = index.SlotMinimumUp;
        private readonly byte[] _caps = index.SlotCaps;

        /// <summary>Counts one more Down member of the slot's group; true once that leaves fewer than MinimumUp up.</summary>
        public bool CountDown(int slot)
        {
            if (slotMark[slot] != epoch)
            {
                slotMark[slot] = epoch;
                slotDown[slot] = 0;
            }

            var membersDown = ++slotDown[slot];
            return _caps[slot] == (byte)PropagatedLevel.Down && _sizes[slot] - membersDown < _minimumUp[slot];
        }

        /// <summary>Counts one more faulty member of the slot's group; true once that leaves fewer than MinimumUp sound.</summary>
        public bool CountFault(int slot)
        {
            if (faultMark[slot] != epoch)
            {
                faultMark[slot] = epoch;
                slotFault[slot] = 0;
            }

            var faulty = ++slotFault[slot];
            return _caps[slot] == (byte)PropagatedLevel.Down && _sizes[slot] - faulty < _minimumUp[slot];
        }

        /// <summary>The level a member at <paramref name="memberLevel"/> passes on, given the final counts.</summary>
        public byte Effect(int slot, byte memberLevel)
        {
            var tooFewUp = slotMark[slot] == epoch && _sizes[slot] - slotDown[slot] < _minimumUp[slot];
            var tooFewSound = faultMark[slot] == epoch && _sizes[slot] - slotFault[slot] < _minimumUp[slot];
            return (byte)PropagationRules.GroupEffect((PropagatedLevel)_caps[slot], (PropagatedLevel)memberLevel, tooFewUp, tooFewSound);
        }
    }
}

/// <summary>A dependency edge that gives a failed (seed) node an inherited level besides its own.</summary>
internal readonly record struct SeedDependency(int DependencyId, int Edge, PropagatedLevel Level);

/// <summary>
/// What one node's failure alone takes Down, as pass 1 of the impact engine found it (see
/// <see cref="ImpactAnalyzer.ForEachSingleFailure"/>). Valid only during the visit it is handed to.
/// </summary>
public sealed class SingleFailure : IReadOnlyList<int>
{
    private readonly GraphIndex _index;
    private readonly WalkEntry[] _entries;
    private int _count;

    internal SingleFailure(GraphIndex index, WalkEntry[] entries)
    {
        _index = index;
        _entries = entries;
    }

    /// <summary>The failed node.</summary>
    public int FailedNodeId { get; private set; }

    /// <summary>How many nodes go Down, the failed node included.</summary>
    public int Count => _count;

    /// <summary>The id of the i-th node that goes Down, in the order reached (the failed node first).</summary>
    public int this[int index] => (uint)index < (uint)_count ? _index.IdAt(_entries[index].Node) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>
    /// The path from the failed node to a node it takes Down, over the edges that carried the outage (null when the node
    /// does not go Down).
    /// </summary>
    public DependencyPath? PathTo(int nodeId)
    {
        var node = _index.IndexOf(nodeId);
        var entry = -1;
        for (var i = 0; i < _count && entry < 0; i++)
        {
            entry = _entries[i].Node == node ? i : -1;
        }

        if (node < 0 || entry < 0)
        {
            return null;
        }

        var nodes = new List<int>();
        var edges = new List<GraphEdge>();
        for (; entry >= 0; entry = _entries[entry].Parent)
        {
            nodes.Add(_index.IdAt(_entries[entry].Node));
            if (_entries[entry].Parent >= 0)
            {
                edges.Add(_index.EdgeAt(_entries[entry].Via));
            }
        }

        nodes.Reverse();
        edges.Reverse();
        return new DependencyPath(nodes, edges);
    }

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The node index (not id) of the i-th node that goes Down, for callers inside the Core that index arrays by it.</summary>
    internal int NodeIndexAt(int index) => _entries[index].Node;

    internal void Reset(int failedNodeId, int count)
    {
        FailedNodeId = failedNodeId;
        _count = count;
    }
}
