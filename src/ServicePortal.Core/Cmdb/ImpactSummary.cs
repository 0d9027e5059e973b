using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Cmdb;

public sealed record DomainRef(int Id, string Name);

/// <summary>A contract covering a service (the ContractServices link), or an SLA target's contract.</summary>
public sealed record ContractServiceRef(int ContractId, string Reference, string Title, int SupplierId, int ServiceId);

public sealed record SlaTargetRef(int Id, string Key, string Name, int ContractId, int ServiceId);

/// <summary>A role assignment over a domain (<see cref="DomainId"/>) or a node, i.e. a service or supplier (<see cref="NodeId"/>).</summary>
/// <param name="AssignmentId">The role assignment's id (0 when built by hand): what a change to it is found by.</param>
public sealed record AccountabilityRef(
    int PersonId, string PersonName, string? Email, string RoleName, ScopeType ScopeType, int? DomainId, int? NodeId, Raci Raci, DateOnly? LeftOn = null,
    int AssignmentId = 0);

/// <summary>
/// What an impact summary needs beyond the graph: domain names, contracts and SLA targets by service, and the
/// role assignments. Plain data, so the engine stays free of the database: load it with <see cref="LoadAsync"/>
/// or build it by hand in tests.
/// </summary>
public sealed record ImpactLookups(
    IReadOnlyList<DomainRef> Domains,
    IReadOnlyList<ContractServiceRef> ContractServices,
    IReadOnlyList<SlaTargetRef> SlaTargets,
    IReadOnlyList<AccountabilityRef> Accountabilities)
{
    public static ImpactLookups Empty { get; } = new([], [], [], []);

    /// <summary>
    /// Each contract once, with the services it covers, by reference: sorted when the lookups are made (they are
    /// kept and reused, see <see cref="ImpactLookupsCache"/>), not on every impact. Measured at 100k nodes: ~13% more
    /// API throughput than sorting thousands of SLA targets per call.
    /// </summary>
    internal IReadOnlyList<ContractCover> ContractsByReference { get; } = [.. ContractServices
        .GroupBy(link => link.ContractId)
        .Select(g => new ContractCover(g.First(), [.. g.Select(link => link.ServiceId).Distinct()]))
        .OrderBy(c => c.Contract.Reference, StringComparer.Ordinal)];

    internal IReadOnlyList<SlaTargetRef> SlaTargetsByKey { get; } = [.. SlaTargets.OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The service of each of <see cref="SlaTargetsByKey"/>, in one int array a summary reads in order.</summary>
    internal int[] SlaTargetServiceIds => _slaTargetServiceIds ??= [.. SlaTargetsByKey.Select(t => t.ServiceId)];

    private int[]? _slaTargetServiceIds;

    internal sealed record ContractCover(ContractServiceRef Contract, int[] ServiceIds);

    internal IReadOnlyDictionary<int, string> DomainNames { get; } = Domains.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Last().Name);

    private AccountableOrder? _accountableByName;

    /// <summary>
    /// The Accountable assignments sorted by person name in the current culture (stable: equal names keep their
    /// order), made once per culture and kept with the lookups: a summary then partitions them by level instead of
    /// sorting tens of thousands of names with culture comparisons on every impact.
    /// </summary>
    internal AccountabilityRef[] AccountableByName() => AccountableOrderFor().Sorted;

    /// <summary>
    /// The scope and leaving day of each of <see cref="AccountableByName"/> (same order) in one array of small
    /// structs: a summary reads these in order instead of 38k records spread over the heap.
    /// </summary>
    internal AccountableScope[] AccountableScopesByName() => AccountableOrderFor().Scopes;

    private AccountableOrder AccountableOrderFor()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        if (_accountableByName is { } known && known.Culture.Equals(culture))
        {
            return known;
        }

        // Benign race: two threads may sort the same list; either one is correct.

        // Culture comparisons are slow (~1 µs): sort the distinct names (2.3k for 38k assignments at scale), rank them
        // (names the culture calls equal share a rank), then sort the assignments by rank, stably: the same order as
        // sorting the assignments by name, with a twentieth of the culture comparisons.
        var comparer = StringComparer.Create(culture, ignoreCase: false);
        var accountable = Accountabilities.Where(a => a.Raci == Raci.Accountable).ToList();
        var names = accountable.Select(a => a.PersonName).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(names, comparer);
        var rank = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0, r = 0; i < names.Length; i++)
        {
            r += i > 0 && comparer.Compare(names[i - 1], names[i]) != 0 ? 1 : 0;
            rank[names[i]] = r;
        }

        AccountabilityRef[] sorted = [.. accountable.OrderBy(a => rank[a.PersonName])];
        var scopes = new AccountableScope[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var a = sorted[i];
            var leftOn = a.LeftOn is { } left ? left.DayNumber : int.MaxValue;
            scopes[i] = a.ScopeType == ScopeType.Domain && a.DomainId is { } domainId ? new AccountableScope(domainId, AccountableScope.Domain, leftOn)
                : a.ScopeType is ScopeType.Service or ScopeType.Supplier && a.NodeId is { } nodeId ? new AccountableScope(nodeId, AccountableScope.Node, leftOn)
                : new AccountableScope(0, AccountableScope.Other, leftOn);
        }

        var order = new AccountableOrder(culture, sorted, scopes);
        _accountableByName = order;
        return order;
    }

    private sealed record AccountableOrder(System.Globalization.CultureInfo Culture, AccountabilityRef[] Sorted, AccountableScope[] Scopes);

    /// <summary>What a summary reads of an accountable assignment: a domain or node id, which of the two, and the day the person left (<see cref="DateOnly.DayNumber"/>; int.MaxValue: has not).</summary>
    internal readonly record struct AccountableScope(int ScopeId, byte Kind, int LeftOnDay)
    {
        public const byte Other = 0;
        public const byte Domain = 1;
        public const byte Node = 2;
    }

    /// <summary>Loads the lookups with no-tracking projections; only Accountable assignments over domains, services and suppliers.</summary>
    public static async Task<ImpactLookups> LoadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new ImpactLookups(
            await LoadDomainsAsync(db, cancellationToken), await LoadContractServicesAsync(db, cancellationToken),
            await LoadSlaTargetsAsync(db, cancellationToken), await LoadAccountabilitiesAsync(db, cancellationToken));
    }

    /// <summary>
    /// The lookups after some of their parts changed: the parts named are read again, the others (and what is worked
    /// out from them, such as the accountable people's name order) are kept.
    /// </summary>
    /// <param name="people">
    /// When only some people and role assignments changed (and no role): their ids, so that only their assignments are
    /// read again and put in place of those kept; null reads every assignment again.
    /// </param>
    internal async Task<ImpactLookups> ReloadAsync(
        PortalDbContext db, ImpactLookupParts parts, ChangedAccountabilities? people, CancellationToken cancellationToken)
    {
        var accountabilities = Accountabilities;
        if (parts.HasFlag(ImpactLookupParts.Accountabilities))
        {
            accountabilities = people is null
                ? await LoadAccountabilitiesAsync(db, cancellationToken)
                : await PatchAccountabilitiesAsync(db, people, cancellationToken);
        }

        var lookups = new ImpactLookups(
            parts.HasFlag(ImpactLookupParts.Domains) ? await LoadDomainsAsync(db, cancellationToken) : Domains,
            parts.HasFlag(ImpactLookupParts.Contracts) ? await LoadContractServicesAsync(db, cancellationToken) : ContractServices,
            parts.HasFlag(ImpactLookupParts.SlaTargets) ? await LoadSlaTargetsAsync(db, cancellationToken) : SlaTargets,
            accountabilities);
        if (ReferenceEquals(lookups.Accountabilities, Accountabilities))
        {
            lookups._accountableByName = _accountableByName;
        }

        return lookups;
    }

    private static Task<List<DomainRef>> LoadDomainsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Domains.AsNoTracking().Select(d => new DomainRef(d.Id, d.Name)).ToListAsync(cancellationToken);

    // The result-selector form joins through ContractServices; projecting inside the inner Select needs APPLY, which SQLite lacks.
    private static Task<List<ContractServiceRef>> LoadContractServicesAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking()
            .SelectMany(c => c.Services, (c, s) => new ContractServiceRef(c.Id, c.Reference, c.Title, c.SupplierId, s.Id))
            .ToListAsync(cancellationToken);

    private static Task<List<SlaTargetRef>> LoadSlaTargetsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.SlaTargets.AsNoTracking()
            .Select(t => new SlaTargetRef(t.Id, t.Key, t.Name, t.ContractId, t.ServiceId))
            .ToListAsync(cancellationToken);

    private static Task<List<AccountabilityRef>> LoadAccountabilitiesAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        AccountabilityRefs(db.RoleAssignments).ToListAsync(cancellationToken);

    /// <summary>
    /// The kept assignments with those of the changed people and the changed assignments read again: the same list, in
    /// the same order (by assignment), as reading them all; the people's name order is then made again for it.
    /// </summary>
    private async Task<IReadOnlyList<AccountabilityRef>> PatchAccountabilitiesAsync(
        PortalDbContext db, ChangedAccountabilities changed, CancellationToken cancellationToken)
    {
        var (personIds, assignmentIds) = (changed.PersonIds.ToList(), changed.AssignmentIds.ToList());
        var fresh = await AccountabilityRefs(db.RoleAssignments.Where(a => personIds.Contains(a.PersonId) || assignmentIds.Contains(a.Id)))
            .ToListAsync(cancellationToken);
        return [.. Accountabilities
            .Where(a => !changed.PersonIds.Contains(a.PersonId) && !changed.AssignmentIds.Contains(a.AssignmentId))
            .Concat(fresh)
            .OrderBy(a => a.AssignmentId)];
    }

    /// <summary>Accountable assignments over domains, services and suppliers, by assignment.</summary>
    private static IQueryable<AccountabilityRef> AccountabilityRefs(IQueryable<RoleAssignment> assignments) =>
        assignments.AsNoTracking()
            .Where(a => a.Raci == Raci.Accountable
                && (a.ScopeType == ScopeType.Domain || a.ScopeType == ScopeType.Service || a.ScopeType == ScopeType.Supplier))
            .OrderBy(a => a.Id)
            .Select(a => new AccountabilityRef(
                a.PersonId, a.Person!.Name, a.Person.Email, a.Role!.Name, a.ScopeType, a.DomainId, a.NodeId, a.Raci, a.Person.LeftOn, a.Id));
}

/// <summary>The people and role assignments a change touched (by id), when no governance role changed.</summary>
internal sealed record ChangedAccountabilities(IReadOnlySet<int> PersonIds, IReadOnlySet<int> AssignmentIds);

/// <summary>The parts of <see cref="ImpactLookups"/>, each read from its own tables.</summary>
[Flags]
internal enum ImpactLookupParts
{
    None = 0,
    Domains = 1,
    Contracts = 2,
    SlaTargets = 4,
    Accountabilities = 8,
    All = Domains | Contracts | SlaTargets | Accountabilities,
}

public sealed record AffectedService(int NodeId, string Key, string Name, ServiceKind Kind, int Tier, int? DomainId, ImpactLevel Level, int Distance);

public sealed record AffectedDomain(int DomainId, string Name, ImpactLevel WorstLevel, int DownCount, int DegradedCount, int ServiceCount, int AtRiskCount = 0);

public sealed record AffectedContract(int ContractId, string Reference, string Title, int SupplierId, ImpactLevel WorstLevel, IReadOnlyList<int> ServiceIds);

public sealed record AffectedSlaTarget(int Id, string Key, string Name, int ContractId, int ServiceId, ImpactLevel Level);

/// <summary>A person accountable for an affected domain, service or supplier; <see cref="Level"/> is how badly that scope is hit.</summary>
public sealed record AccountablePerson(
    int PersonId, string PersonName, string? Email, string RoleName, ScopeType ScopeType, int ScopeId, string ScopeName, ImpactLevel Level);

/// <summary>
/// What leadership reads from a blast radius: the affected services (by kind and tier), domains, contracts and SLA
/// targets, and who is accountable. A domain is affected when any node in it is; a contract or SLA target when a
/// service it covers is.
/// </summary>
public sealed record ImpactSummary(
    int AffectedCount,
    int DownCount,
    int DegradedCount,
    int AtRiskCount,
    IReadOnlyList<AffectedService> Services,
    IReadOnlyDictionary<ServiceKind, int> ServicesByKind,
    IReadOnlyDictionary<int, int> ServicesByTier,
    IReadOnlyList<AffectedDomain> Domains,
    IReadOnlyList<AffectedContract> Contracts,
    IReadOnlyList<AffectedSlaTarget> SlaTargets,
    IReadOnlyList<AccountablePerson> AccountablePeople)
{
    /// <param name="today">The day "who has left" is counted on (<see cref="Person.HasLeft"/>); default today (UTC).</param>
    /// <remarks>
    /// One pass over the walk's entries with the index's per-node arrays (node type, kind, tier, domain ordinal):
    /// counts go into small arrays, nothing is made per affected node. The full list of affected services is made on
    /// first use only (the API returns counts; pages that list the services read it), the SLA targets and people a
    /// chunk at a time as they are read. Contracts, SLA targets and people come from the lookups in the order they are
    /// kept in (by reference, key, person name), so a stable split by level gives worst first without sorting strings
    /// per call. Measured at the worst hub of the generated 100k
    /// CMDB (91,941 nodes, 38k accountable assignments): see README, Performance.
    /// </remarks>
    public static ImpactSummary From(ImpactResult result, ImpactLookups lookups, DateOnly? today = null)
    {
        var day = today ?? Person.Today(TimeProvider.System);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(lookups);
        var index = result.Index;
        var (types, kinds, tiers) = (index.NodeTypes, index.Kinds, index.Tiers);
        var domainTable = index.DomainOrdinals;
        var domainOfNode = domainTable.OrdinalOfNode;

        // Per domain ordinal: worst level, Down, Degraded, services, At risk; domains in the order first reached.
        var domainCount = domainTable.DomainIdOf.Length;
        var worst = new byte[domainCount];
        var perDomain = new int[domainCount * 4];
        var domainOrder = new List<int>();
        var byKind = new int[128];
        var byTier = new int[128];
        var kindOrder = new List<int>();
        var tierOrder = new List<int>();
        var serviceCount = 0;

        // The level of each node in one byte per node (pooled, cleared): the contracts, SLA targets and people below
        // look their scope up here instead of through the walk's node → entry map and its entries.
        var levels = System.Buffers.ArrayPool<byte>.Shared.Rent(index.NodeCount);
        Array.Clear(levels, 0, index.NodeCount);
        try
        {
            for (var entry = 0; entry < result.Count; entry++)
            {
                ref readonly var e = ref result.EntryAt(entry);
                var node = e.Node;
                var level = PropagationRules.ToImpact((PropagatedLevel)e.Level);
                levels[node] = (byte)level;
                var isService = types[node] == (byte)NodeType.Service;
                if (isService)
                {
                    serviceCount++;
                    var kind = kinds[node] < 0 ? (int)ServiceKind.Business : kinds[node];
                    var tier = tiers[node] < 0 ? 3 : tiers[node];
                    if (byKind[kind]++ == 0)
                    {
                        kindOrder.Add(kind);
                    }

                    if (byTier[tier]++ == 0)
                    {
                        tierOrder.Add(tier);
                    }
                }

                var domain = domainOfNode[node];
                if (domain >= 0)
                {
                    if (worst[domain] == 0)
                    {
                        domainOrder.Add(domain);
                    }

                    worst[domain] = Math.Max(worst[domain], (byte)level);
                    var counts = perDomain.AsSpan(domain * 4, 4);
                    counts[0] += level == ImpactLevel.Down ? 1 : 0;
                    counts[1] += level == ImpactLevel.Degraded ? 1 : 0;
                    counts[2] += isService ? 1 : 0;
                    counts[3] += level == ImpactLevel.AtRisk ? 1 : 0;
                }
            }

            var domainNames = lookups.DomainNames;
            var domains = domainOrder
                .Select(o =>
                {
                    var id = domainTable.DomainIdOf[o];
                    var counts = perDomain.AsSpan(o * 4, 4);
                    return new AffectedDomain(id, domainNames.GetValueOrDefault(id, $"Domain #{id}"), (ImpactLevel)worst[o], counts[0], counts[1], counts[2], counts[3]);
                })
                .OrderByDescending(d => d.WorstLevel).ThenByDescending(d => d.DownCount).ThenBy(d => d.Name, StringComparer.CurrentCulture)
                .ToList();

            ImpactLevel LevelOf(int nodeId) => index.IndexOf(nodeId) is var node and >= 0 ? (ImpactLevel)levels[node] : ImpactLevel.None;

            // Lookups come sorted by reference / key; a stable split by level then gives worst first, then by reference /
            // key, without comparing strings for every impact (thousands of targets at scale).
            var contracts = new ByLevel<AffectedContract>();
            foreach (var cover in lookups.ContractsByReference)
            {
                var worstLevel = ImpactLevel.None;
                List<int>? hit = null;
                foreach (var serviceId in cover.ServiceIds)
                {
                    if (LevelOf(serviceId) is var level and not ImpactLevel.None)
                    {
                        (hit ??= []).Add(serviceId);
                        worstLevel = level > worstLevel ? level : worstLevel;
                    }
                }

                if (hit is not null)
                {
                    var c = cover.Contract;
                    contracts.Add(worstLevel, new AffectedContract(c.ContractId, c.Reference, c.Title, c.SupplierId, worstLevel, hit));
                }
            }

            // SLA targets and people: which ones are hit is found here (a position in the kept order and a level); the
            // records are made when read, a chunk at a time (the API reads the first 100 of 30k people at the worst hub).
            // Each is a stable split by level of what the lookups keep in order: count per level, then place.
            var targetsByKey = lookups.SlaTargetsByKey;
            var targetServices = lookups.SlaTargetServiceIds;
            var targetLevels = System.Buffers.ArrayPool<byte>.Shared.Rent(targetServices.Length);
            int[] people;
            int[] slaTargets;
            try
            {
                Span<int> perLevel = stackalloc int[4];
                for (var i = 0; i < targetServices.Length; i++)
                {
                    var level = LevelOf(targetServices[i]);
                    targetLevels[i] = (byte)level;
                    perLevel[(int)level]++;
                }

                slaTargets = WorstFirst(targetLevels.AsSpan(0, targetServices.Length), perLevel);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(targetLevels);
            }

            var accountable = lookups.AccountableByName();
            var scopes = lookups.AccountableScopesByName();
            var personLevels = System.Buffers.ArrayPool<byte>.Shared.Rent(scopes.Length);
            try
            {
                Span<int> perLevel = stackalloc int[4];
                var dayNumber = day.DayNumber;
                for (var i = 0; i < scopes.Length; i++)
                {
                    var scope = scopes[i];
                    var level = ImpactLevel.None;
                    if (scope.LeftOnDay <= dayNumber)
                    {
                        // has left: not someone to call
                    }
                    else if (scope.Kind == ImpactLookups.AccountableScope.Domain)
                    {
                        var ordinal = domainTable.OrdinalOf(scope.ScopeId);
                        level = ordinal >= 0 ? (ImpactLevel)worst[ordinal] : ImpactLevel.None;
                    }
                    else if (scope.Kind == ImpactLookups.AccountableScope.Node)
                    {
                        level = LevelOf(scope.ScopeId);
                    }

                    personLevels[i] = (byte)level;
                    perLevel[(int)level]++;
                }

                people = WorstFirst(personLevels.AsSpan(0, scopes.Length), perLevel);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(personLevels);
            }

            var slaTargetList = new LazyList<AffectedSlaTarget>(slaTargets, hit =>
            {
                var t = targetsByKey[hit >> 2];
                return new AffectedSlaTarget(t.Id, t.Key, t.Name, t.ContractId, t.ServiceId, (ImpactLevel)(hit & 3));
            });
            var peopleList = new LazyList<AccountablePerson>(people, hit =>
            {
                var a = accountable[hit >> 2];
                var level = (ImpactLevel)(hit & 3);
                return a.ScopeType == ScopeType.Domain
                    ? new AccountablePerson(a.PersonId, a.PersonName, a.Email, a.RoleName, a.ScopeType, a.DomainId!.Value, domainNames.GetValueOrDefault(a.DomainId.Value, $"Domain #{a.DomainId}"), level)
                    : new AccountablePerson(a.PersonId, a.PersonName, a.Email, a.RoleName, a.ScopeType, a.NodeId!.Value, index.Node(a.NodeId.Value).Name, level);
            });

            return new ImpactSummary(
                result.Count,
                result.DownCount,
                result.DegradedCount,
                result.AtRiskCount,
                new AffectedServiceList(result, serviceCount),
                kindOrder.ToDictionary(k => (ServiceKind)k, k => byKind[k]),
                tierOrder.ToDictionary(t => t, t => byTier[t]),
                domains,
                contracts.ToList(),
                slaTargetList,
                peopleList);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(levels);
        }
    }

    /// <summary>
    /// The positions whose level is not None, worst level first and in position order within a level (a stable split
    /// by level), each as a <see cref="Hit"/>; <paramref name="perLevel"/> holds how many there are of each level.
    /// </summary>
    private static int[] WorstFirst(ReadOnlySpan<byte> levels, ReadOnlySpan<int> perLevel)
    {
        var hits = new int[perLevel[1] + perLevel[2] + perLevel[3]];
        Span<int> next = stackalloc int[4];
        next[3] = 0;
        next[2] = perLevel[3];
        next[1] = perLevel[3] + perLevel[2];
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i] is var level and not 0)
            {
                hits[next[level]++] = Hit(i, (ImpactLevel)level);
            }
        }

        return hits;
    }

    /// <summary>Items split by level as they come, listed worst first, each level in the order added (a stable sort by level).</summary>
    private sealed class ByLevel<T>
    {
        private readonly List<T>[] _lists = [[], [], [], []];

        public void Add(ImpactLevel level, T item) => _lists[(int)level].Add(item);

        public List<T> ToList()
        {
            var all = new List<T>(_lists.Sum(l => l.Count));
            for (var level = _lists.Length - 1; level >= 0; level--)
            {
                all.AddRange(_lists[level]);
            }

            return all;
        }
    }

    /// <summary>A position in a kept list and the level it is hit at, in one int.</summary>
    private static int Hit(int position, ImpactLevel level) => (position << 2) | (int)level;

    /// <summary>
    /// A list whose items are made when read, <see cref="Chunk"/> at a time, from what the summary found (one int
    /// each): reading the first 100 of 30,000 makes 128 records.
    /// </summary>
    private sealed class LazyList<T>(int[] hits, Func<int, T> make) : IReadOnlyList<T>
        where T : class
    {
        private const int Chunk = 128;
        private readonly T[]?[] _chunks = new T[]?[(hits.Length + Chunk - 1) / Chunk];

        public int Count => hits.Length;

        public T this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, hits.Length);
                var chunk = _chunks[index / Chunk] ??= MakeChunk(index / Chunk); // benign race: equal chunks
                return chunk[index % Chunk];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < hits.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private T[] MakeChunk(int chunk)
        {
            var first = chunk * Chunk;
            var items = new T[Math.Min(Chunk, hits.Length - first)];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = make(hits[first + i]);
            }

            return items;
        }
    }

    /// <summary>
    /// The affected services in the order reached, made on first use: at the worst hub of 100k nodes that is 35k
    /// records the API never reads (it returns the counts and pages its nodes itself).
    /// </summary>
    private sealed class AffectedServiceList(ImpactResult result, int count) : IReadOnlyList<AffectedService>
    {
        private AffectedService[]? _items;

        public int Count => count;

        public AffectedService this[int index] => Items[index];

        private AffectedService[] Items => _items ??= Make();

        public IEnumerator<AffectedService> GetEnumerator() => ((IEnumerable<AffectedService>)Items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private AffectedService[] Make()
        {
            var index = result.Index;
            var items = new AffectedService[count];
            var next = 0;
            for (var entry = 0; entry < result.Count; entry++)
            {
                ref readonly var e = ref result.EntryAt(entry);
                if (index.NodeTypes[e.Node] == (byte)NodeType.Service)
                {
                    var node = index.NodeAt(e.Node);
                    items[next++] = new AffectedService(
                        node.Id, node.Key, node.Name, node.Kind ?? ServiceKind.Business, node.Tier ?? 3, node.DomainId, PropagationRules.ToImpact((PropagatedLevel)e.Level), e.Distance);
                }
            }

            // Benign race: two threads may make the same list; either one is correct.
            return items;
        }
    }
}
