using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Resilience;

/// <summary>An availability SLA target (metric Availability, at least, under an active contract): what it promises, in percent.</summary>
public sealed record AvailabilityTarget(int Id, string Key, string Name, int ServiceId, int ContractId, string ContractReference, double TargetPercent);

/// <summary>
/// One factor of an SLA chain's product: a node with an availability SLA target (<see cref="TargetKey"/> set), or a
/// redundancy group (<see cref="MinimumUp"/> and <see cref="Members"/> set) combined in parallel.
/// </summary>
/// <param name="AvailabilityPercent">What this factor can deliver, in percent.</param>
public sealed record ChainLink(string Name, string? Key, double AvailabilityPercent, string? TargetKey, int? MinimumUp = null, IReadOnlyList<string>? Members = null)
{
    /// <summary>"Parcel carrier API (SWL-AVAIL, 99.5 %)" or "1 of 2 of Northbridge gateway, StellarPay gateway (99.99995 %)".</summary>
    public string Describe() => MinimumUp is { } k
        ? $"{k} of {Members!.Count} of {string.Join(", ", Members)} ({SlaChainAnalysis.Percent(AvailabilityPercent)})"
        : $"{Name} ({TargetKey}, {SlaChainAnalysis.Percent(AvailabilityPercent)})";
}

/// <summary>
/// A business service's SLA chain: what it promises (null when no availability target is held against it) and the
/// availability its dependency chain can deliver from the SLA targets beneath it, with the weakest links first.
/// </summary>
/// <param name="DeliverablePercent">What the chain can deliver, in percent (100 when nothing beneath it is underpinned).</param>
/// <param name="TargetsUsed">How many availability targets beneath the service the figure is built from.</param>
public sealed record SlaChainResult(
    int ServiceId,
    string Key,
    string Name,
    int Tier,
    int? DomainId,
    double? PromisedPercent,
    string? PromiseKey,
    double DeliverablePercent,
    int TargetsUsed,
    IReadOnlyList<ChainLink> WeakestLinks)
{
    /// <summary>True when the promise exceeds what the chain can deliver: a governance gap.</summary>
    public bool HasShortfall => PromisedPercent is { } promised && promised > DeliverablePercent + SlaChainAnalysis.Tolerance;
}

/// <summary>
/// <b>SLA chain check</b>: for each live business service, the availability its dependency chain can deliver from the
/// availability SLA targets beneath it, held against what it promises (an availability SLA target on the business
/// service itself; with several, the highest promise is checked).
/// <para><b>The arithmetic</b> (<see cref="Availability"/>; failures assumed independent):</para>
/// <list type="bullet">
/// <item>A node's own availability is the lowest availability target held on it (the weakest promise counts), or 100 %
/// when none is (nothing underpins it, so it lowers nothing: the figure is what the <em>SLA targets</em> can
/// underpin).</item>
/// <item>The edges that count are those that can take a dependant Down (<see cref="PropagationRules.Cap"/> is Down):
/// DependsOn, RunsOn and ProvidedBy, and PartOf inside a redundancy group. ConnectsTo and a PartOf outside a group never
/// take a service down, so they do not lower its availability, as the impact engine's rules say.</item>
/// <item><b>Series</b>: every node reached from the service over such edges outside any redundancy group counts once
/// (a platform that many applications share is one factor, not one per application): the product of their own
/// availabilities.</item>
/// <item><b>Parallel</b>: each redundancy group met on the way (counted once per group) is one factor, the probability
/// that at least MinimumUp of its members are up (k of n, <see cref="Availability.AtLeast"/>), where each member's
/// availability is its own whole chain worked out the same way. A dependency shared beneath several members is counted
/// with each member (a cautious figure).</item>
/// <item>A cycle is cut where it closes: a node already being worked out counts as 100 % there.</item>
/// </list>
/// <para><b>Weakest links</b>: the factors below 100 %, lowest first (at most <see cref="WeakestLinkCount"/>); equal
/// figures list nodes before groups, then by name.</para>
/// <para><b>All services at once</b>: <see cref="Compute"/> does not walk from each service; it gives the same figures in
/// one pass over the edges per 64 services (see <c>Chains</c>), a redundancy group's factor worked out once (its members
/// as seen from the first dependant in index order).</para>
/// </summary>
public sealed class SlaChainAnalysis
{
    /// <summary>A promise may exceed the deliverable figure by this much (percentage points) before it is a shortfall (rounding).</summary>
    public const double Tolerance = 1e-9;

    public const int WeakestLinkCount = 3;

    private readonly GraphIndex _index;
    private readonly Dictionary<int, AvailabilityTarget> _ownTarget = []; // node index → its lowest availability target
    private readonly Dictionary<int, (double Availability, int TargetsUsed)> _memberChain = []; // node index → availability of its whole chain (own included)
    private readonly HashSet<int> _inProgress = [];
    private readonly List<int[]> _stamps = [];
    private readonly List<List<int>> _queues = [];
    private int _epoch;

    private SlaChainAnalysis(GraphIndex index, IReadOnlyList<AvailabilityTarget> targets)
    {
        _index = index;
        foreach (var target in targets)
        {
            var node = index.IndexOf(target.ServiceId);
            if (node >= 0 && (!_ownTarget.TryGetValue(node, out var known) || target.TargetPercent < known.TargetPercent))
            {
                _ownTarget[node] = target;
            }
        }
    }

    /// <summary>
    /// The SLA chain of every live business service (or, with <paramref name="promisedOnly"/>, of those that promise an
    /// availability: all the governance rule needs), shortfalls first, then by tier and name.
    /// </summary>
    public static IReadOnlyList<SlaChainResult> Compute(GraphIndex index, IReadOnlyList<AvailabilityTarget> targets, bool promisedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(targets);
        var analysis = new SlaChainAnalysis(index, targets);
        var promises = targets
            .GroupBy(t => t.ServiceId)
            .ToDictionary(g => g.Key, g => g.MaxBy(t => t.TargetPercent)!);
        var roots = new List<int>();
        foreach (var node in index.Nodes)
        {
            if (node.NodeType == NodeType.Service && node.Kind == ServiceKind.Business && node.Lifecycle == Lifecycle.Live
                && (!promisedOnly || promises.ContainsKey(node.Id)))
            {
                roots.Add(index.IndexOf(node.Id));
            }
        }

        var chains = analysis.Chains(roots);
        var results = new List<SlaChainResult>(roots.Count);
        for (var i = 0; i < roots.Count; i++)
        {
            var node = index.NodeAt(roots[i]);
            var (availability, links, used) = chains[i];
            var promise = promises.GetValueOrDefault(node.Id);
            results.Add(new SlaChainResult(
                node.Id, node.Key, node.Name, node.Tier ?? 4, node.DomainId, promise?.TargetPercent, promise?.Key,
                Availability.ToPercent(availability), used, links));
        }

        return [.. results
            .OrderByDescending(r => r.HasShortfall)
            .ThenByDescending(r => r.PromisedPercent is not null)
            .ThenBy(r => r.Tier)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The chain of one service by a walk from it (the definition, one walk per service): what <see cref="Compute"/>
    /// works out for many services at once must equal it. For tests and diagnostics.
    /// </summary>
    internal static (double DeliverablePercent, IReadOnlyList<ChainLink> WeakestLinks, int TargetsUsed) WalkOne(
        GraphIndex index, IReadOnlyList<AvailabilityTarget> targets, int serviceId)
    {
        var (availability, links, used) = new SlaChainAnalysis(index, targets).Chain(index.IndexOf(serviceId), includeOwn: false);
        return (Availability.ToPercent(availability), links, used);
    }

    /// <summary>"99.95 %": up to five decimals, no trailing zeros.</summary>
    public static string Percent(double percent) => percent.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// The chains of many business services at once (<paramref name="roots"/> are node indexes), the same figures as a
    /// walk from each, in a time that does not grow with (services × what each reaches):
    /// <list type="number">
    /// <item>Each redundancy group met over a Down-capable grouped edge becomes one extra "group" item, reached from every
    /// dependant that meets it, whose factor is worked out once (its members' whole chains, k of n).</item>
    /// <item>The strongly connected components of the edges that count are found once (Tarjan), so reachability
    /// follows the acyclic condensation in topological order.</item>
    /// <item>The services are taken 64 at a time: one bit per service, OR-ed down the condensation (one pass over the
    /// edges per 64 services). An item's bits are the services that reach it: its factor multiplies into each of them
    /// (every item counts once per service, however many paths lead to it; the service's own target does not count).</item>
    /// <item>Items are visited lowest availability first, so a service's weakest links are the first
    /// <see cref="WeakestLinkCount"/> items below 100 % whose bit it has (equal figures: nodes before groups, then by
    /// name and key).</item>
    /// </list>
    /// </summary>
    private List<(double Availability, List<ChainLink> Links, int TargetsUsed)> Chains(List<int> roots)
    {
        var n = _index.NodeCount;
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (_index.OutOffsets, _index.OutPartOfEnd, _index.InOffsets, _index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots) = (_index.OutLinks, _index.OutSlots, _index.InLinks, _index.InSlots);

        // 1. The edges that count, as one adjacency (CSR) over the nodes and one item per redundancy group.
        var groupItem = new Dictionary<int, int>(); // group id → item index (n + k)
        var groups = new List<(int GroupId, int Dependant, int Slot)>();
        var offsets = new int[n + 1];
        var targets = new List<int>(outLinks.Length / 2);
        for (var u = 0; u < n; u++)
        {
            offsets[u] = targets.Count;
            for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
            {
                Add(u, outLinks[e], outSlots[e]);
            }

            for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
            {
                Add(u, inLinks[p], inSlots[p]);
            }
        }

        offsets[n] = targets.Count;
        var items = n + groups.Count; // groups are sinks: no edges of their own
        var successors = targets.ToArray();

        // 2. Strongly connected components (iterative Tarjan); components are numbered sinks first.
        var component = StronglyConnected(items, offsets, successors, out var componentCount);
        var byComponent = new int[n]; // the nodes (not groups) sorted by component
        var componentStart = new int[componentCount + 1];
        for (var u = 0; u < n; u++)
        {
            componentStart[component[u] + 1]++;
        }

        for (var c = 0; c < componentCount; c++)
        {
            componentStart[c + 1] += componentStart[c];
        }

        var fill = (int[])componentStart.Clone();
        for (var u = 0; u < n; u++)
        {
            byComponent[fill[component[u]]++] = u;
        }

        // 3. The factors: every node with an availability target, and every group met (its members' chains, k of n).
        var factors = new List<(double Percent, double Availability, int Item, int Used, bool IsGroup, string Name, string Key)>();
        foreach (var (node, target) in _ownTarget)
        {
            factors.Add((target.TargetPercent, Availability.FromPercent(target.TargetPercent), node, 1, false, _index.NameAt(node), _index.NodeAt(node).Key));
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var (_, dependant, slot) = groups[g];
            var used = 0;
            var members = Members(dependant, slot);
            var memberAvailabilities = new List<double>(members.Count);
            foreach (var member in members)
            {
                memberAvailabilities.Add(MemberChain(member, ref used));
            }

            var availability = Availability.AtLeast(_index.SlotMinimumUp[slot], memberAvailabilities);
            factors.Add((Availability.ToPercent(availability), availability, n + g, used, true, "", ""));
        }

        factors.Sort((a, b) =>
        {
            var order = a.Percent.CompareTo(b.Percent);
            if (order == 0) { order = a.IsGroup.CompareTo(b.IsGroup); }
            if (order == 0) { order = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name); }
            if (order == 0) { order = StringComparer.Ordinal.Compare(a.Key, b.Key); }
            return order == 0 ? a.Item.CompareTo(b.Item) : order;
        });

        // 4. 64 services at a time.
        var results = new List<(double, List<ChainLink>, int)>(roots.Count);
        var mask = new ulong[componentCount];
        var bitOf = new Dictionary<int, int>();
        var product = new double[64];
        var usedBy = new int[64];
        var weakest = new List<ChainLink>[64];
        for (var first = 0; first < roots.Count; first += 64)
        {
            var count = Math.Min(64, roots.Count - first);
            Array.Clear(mask);
            bitOf.Clear();
            for (var b = 0; b < count; b++)
            {
                var root = roots[first + b];
                mask[component[root]] |= 1UL << b;
                bitOf[root] = b;
                product[b] = 1.0;
                usedBy[b] = 0;
                weakest[b] = new List<ChainLink>(WeakestLinkCount);
            }

            for (var c = componentCount - 1; c >= 0; c--) // sources first
            {
                var m = mask[c];
                if (m == 0)
                {
                    continue;
                }

                for (var i = componentStart[c]; i < componentStart[c + 1]; i++)
                {
                    var u = byComponent[i];
                    for (var e = offsets[u]; e < offsets[u + 1]; e++)
                    {
                        var target = component[successors[e]];
                        if (target != c)
                        {
                            mask[target] |= m;
                        }
                    }
                }
            }

            var needsLinks = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
            foreach (var factor in factors)
            {
                var bits = mask[component[factor.Item]];
                if (!factor.IsGroup && bitOf.TryGetValue(factor.Item, out var own))
                {
                    bits &= ~(1UL << own); // a service's own target is its promise, not part of its chain
                }

                var weak = factor.Percent < 100 - Tolerance;
                while (bits != 0)
                {
                    var b = System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    product[b] *= factor.Availability;
                    usedBy[b] += factor.Used;
                    if (weak && (needsLinks & (1UL << b)) != 0)
                    {
                        weakest[b].Add(factor.IsGroup
                            ? GroupLink(groups[factor.Item - n].GroupId, groups[factor.Item - n].Dependant, groups[factor.Item - n].Slot, factor.Percent)
                            : new ChainLink(factor.Name, factor.Key, factor.Percent, _ownTarget[factor.Item].Key));
                        if (weakest[b].Count == WeakestLinkCount)
                        {
                            needsLinks &= ~(1UL << b);
                        }
                    }
                }
            }

            for (var b = 0; b < count; b++)
            {
                results.Add((product[b], weakest[b], usedBy[b]));
            }
        }

        return results;

        void Add(int dependant, int link, int slot)
        {
            var grouped = slot >= 0;
            if (PropagationRules.Cap(GraphIndex.TypeOf(link), grouped) != PropagatedLevel.Down)
            {
                return;
            }

            if (!grouped)
            {
                targets.Add(GraphIndex.NodeOf(link));
                return;
            }

            var groupId = _index.SlotGroupIds[slot];
            if (!groupItem.TryGetValue(groupId, out var item))
            {
                item = n + groups.Count;
                groupItem[groupId] = item;
                groups.Add((groupId, dependant, slot));
            }

            targets.Add(item);
        }
    }

    /// <summary>
    /// Tarjan's strongly connected components over <paramref name="count"/> items (those at or beyond
    /// <c>offsets.Length − 1</c> have no edges), iteratively; numbered in the order found, so every edge leads to a
    /// component with the same or a lower number.
    /// </summary>
    private static int[] StronglyConnected(int count, int[] offsets, int[] successors, out int componentCount)
    {
        var withEdges = offsets.Length - 1;
        var order = new int[count];
        var low = new int[count];
        var component = new int[count];
        Array.Fill(order, -1);
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int Edge)>();
        var counter = 0;
        componentCount = 0;
        for (var start = 0; start < count; start++)
        {
            if (order[start] >= 0)
            {
                continue;
            }

            calls.Push((start, start < withEdges ? offsets[start] : 0));
            order[start] = low[start] = counter++;
            stack.Push(start);
            component[start] = -1;
            while (calls.Count > 0)
            {
                var (u, e) = calls.Pop();
                var end = u < withEdges ? offsets[u + 1] : 0;
                var descended = false;
                for (; e < end; e++)
                {
                    var v = successors[e];
                    if (order[v] < 0)
                    {
                        calls.Push((u, e + 1));
                        order[v] = low[v] = counter++;
                        stack.Push(v);
                        component[v] = -1;
                        calls.Push((v, v < withEdges ? offsets[v] : 0));
                        descended = true;
                        break;
                    }

                    if (component[v] < 0)
                    {
                        low[u] = Math.Min(low[u], order[v]); // on the stack
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[u] == order[u])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        component[w] = componentCount;
                    }
                    while (w != u);
                    componentCount++;
                }

                if (calls.Count > 0)
                {
                    var parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[u]);
                }
            }
        }

        return component;
    }

    /// <summary>The availability of the chain below <paramref name="root"/> (and of the root itself when <paramref name="includeOwn"/>).</summary>
    private (double Availability, List<ChainLink> Links, int TargetsUsed) Chain(int root, bool includeOwn)
    {
        var (outOffsets, outPartOfEnd, inOffsets, inPartOfEnd) = (_index.OutOffsets, _index.OutPartOfEnd, _index.InOffsets, _index.InPartOfEnd);
        var (outLinks, outSlots, inLinks, inSlots) = (_index.OutLinks, _index.OutSlots, _index.InLinks, _index.InSlots);
        _inProgress.Add(root);

        // One stamp array and queue per recursion depth (a group member's chain is worked out inside its parent's walk).
        var depth = _inProgress.Count - 1;
        if (_stamps.Count <= depth)
        {
            _stamps.Add(new int[_index.NodeCount]);
            _queues.Add([]);
        }

        var (stamp, queue) = (_stamps[depth], _queues[depth]);
        var epoch = ++_epoch;
        queue.Clear();
        var weakest = new List<(double Percent, int Node, int GroupId, int Slot, int Dependant)>(WeakestLinkCount + 1);
        var availability = 1.0;
        var used = 0;
        var groups = new Dictionary<int, (int Dependant, int Slot)>();
        stamp[root] = epoch;
        queue.Add(root);
        for (var head = 0; head < queue.Count; head++)
        {
            var u = queue[head];
            if ((u != root || includeOwn) && _ownTarget.TryGetValue(u, out var target))
            {
                availability *= Availability.FromPercent(target.TargetPercent);
                used++;
                Keep(weakest, (target.TargetPercent, u, 0, -1, -1));
            }

            for (var e = outPartOfEnd[u]; e < outOffsets[u + 1]; e++)
            {
                Follow(u, outLinks[e], outSlots[e]);
            }

            for (var p = inOffsets[u]; p < inPartOfEnd[u]; p++)
            {
                Follow(u, inLinks[p], inSlots[p]);
            }
        }

        foreach (var (groupId, (dependant, slot)) in groups.OrderBy(g => g.Key))
        {
            var members = Members(dependant, slot);
            var memberAvailabilities = new List<double>(members.Count);
            foreach (var member in members)
            {
                memberAvailabilities.Add(MemberChain(member, ref used));
            }

            var group = Availability.AtLeast(_index.SlotMinimumUp[slot], memberAvailabilities);
            availability *= group;
            Keep(weakest, (Availability.ToPercent(group), -1, groupId, slot, dependant));
        }

        _inProgress.Remove(root);
        var links = weakest.Select(w => w.Node >= 0
            ? new ChainLink(_index.NameAt(w.Node), _index.NodeAt(w.Node).Key, w.Percent, _ownTarget[w.Node].Key)
            : GroupLink(w.GroupId, w.Dependant, w.Slot, w.Percent)).ToList();
        return (availability, links, used);

        void Follow(int dependant, int link, int slot)
        {
            var v = GraphIndex.NodeOf(link);
            var grouped = slot >= 0;
            if (PropagationRules.Cap(GraphIndex.TypeOf(link), grouped) != PropagatedLevel.Down)
            {
                return;
            }

            if (grouped)
            {
                groups.TryAdd(_index.SlotGroupIds[slot], (dependant, slot));
            }
            else if (stamp[v] != epoch && !_inProgress.Contains(v))
            {
                stamp[v] = epoch;
                queue.Add(v);
            }
        }
    }

    /// <summary>Keeps the <see cref="WeakestLinkCount"/> lowest factors below 100 %, lowest first.</summary>
    private static void Keep(List<(double Percent, int Node, int GroupId, int Slot, int Dependant)> weakest, (double Percent, int Node, int GroupId, int Slot, int Dependant) factor)
    {
        if (factor.Percent >= 100 - Tolerance || (weakest.Count == WeakestLinkCount && factor.Percent >= weakest[^1].Percent))
        {
            return;
        }

        var at = weakest.FindIndex(w => factor.Percent < w.Percent);
        weakest.Insert(at < 0 ? weakest.Count : at, factor);
        if (weakest.Count > WeakestLinkCount)
        {
            weakest.RemoveAt(weakest.Count - 1);
        }
    }

    private ChainLink GroupLink(int groupId, int dependant, int slot, double percent)
    {
        var members = Members(dependant, slot);
        return new ChainLink(
            $"Redundancy group {groupId}", null, percent, null, Math.Clamp(_index.SlotMinimumUp[slot], 1, Math.Max(1, members.Count)),
            [.. members.Select(_index.NameAt).Order(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>The members of the redundancy group in <paramref name="slot"/> of <paramref name="dependant"/>.</summary>
    private List<int> Members(int dependant, int slot)
    {
        var members = new List<int>();
        for (var e = _index.OutPartOfEnd[dependant]; e < _index.OutOffsets[dependant + 1]; e++)
        {
            if (_index.OutSlots[e] == slot)
            {
                members.Add(GraphIndex.NodeOf(_index.OutLinks[e]));
            }
        }

        for (var p = _index.InOffsets[dependant]; p < _index.InPartOfEnd[dependant]; p++)
        {
            if (_index.InSlots[p] == slot)
            {
                members.Add(GraphIndex.NodeOf(_index.InLinks[p]));
            }
        }

        return members;
    }

    /// <summary>A group member's whole chain (its own target included), worked out once per node.</summary>
    private double MemberChain(int member, ref int used)
    {
        if (_inProgress.Contains(member))
        {
            return 1.0;
        }

        if (!_memberChain.TryGetValue(member, out var chain))
        {
            var (availability, _, memberUsed) = Chain(member, includeOwn: true);
            chain = (availability, memberUsed);
            _memberChain[member] = chain;
        }

        used += chain.TargetsUsed;
        return chain.Availability;
    }
}
