using Bogus;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using Person = ServicePortal.Core.Governance.Person;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>
/// The impact summary and the API's ranked page, computed over dense per-node arrays, against the straightforward
/// computation they replaced (kept here as the reference: a dictionary per domain, LINQ sorts, every service listed)
/// on random CMDB-like graphs with random domains, kinds, tiers, contracts, SLA targets and accountable people.
/// </summary>
public sealed class ImpactSummaryEquivalenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void From_EqualsTheReferenceComputation(int seed)
    {
        var (index, lookups, nodes) = RandomCmdb(seed);
        var random = new Random(seed * 31);
        var today = new DateOnly(2026, 6, 1);
        var (widest, people, contracts) = (0, 0, 0);
        foreach (var seeds in SeedSets(random, nodes))
        {
            var result = new ImpactAnalyzer(index).Analyze(seeds);

            var fast = ImpactSummary.From(result, lookups, today);
            var reference = Reference.From(result, lookups, today);

            Assert.Equal(reference.AffectedCount, fast.AffectedCount);
            Assert.Equal(reference.DownCount, fast.DownCount);
            Assert.Equal(reference.DegradedCount, fast.DegradedCount);
            Assert.Equal(reference.AtRiskCount, fast.AtRiskCount);
            Assert.Equal(reference.Services, fast.Services);
            Assert.Equal(reference.ServicesByKind.ToList(), fast.ServicesByKind.ToList()); // same keys in the same order (JSON keeps it)
            Assert.Equal(reference.ServicesByTier.ToList(), fast.ServicesByTier.ToList());
            Assert.Equal(reference.Domains, fast.Domains);
            Assert.Equal(reference.Contracts.Select(Text), fast.Contracts.Select(Text));
            Assert.Equal(reference.SlaTargets, fast.SlaTargets);
            Assert.Equal(reference.AccountablePeople, fast.AccountablePeople);
            (widest, people, contracts) = (Math.Max(widest, fast.AffectedCount), people + fast.AccountablePeople.Count, contracts + fast.Contracts.Count);
        }

        // The random graphs must exercise the summary: a wide blast radius, people and contracts hit.
        Assert.True(widest > 300, $"the widest blast radius reached only {widest} nodes");
        Assert.True(people > 20 && contracts > 10, $"{people} people and {contracts} contracts hit");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Ranked_EqualsSortingEveryAffectedNode(int seed)
    {
        var (index, _, nodes) = RandomCmdb(seed);
        var random = new Random(seed * 17);
        foreach (var seeds in SeedSets(random, nodes))
        {
            var result = new ImpactAnalyzer(index).Analyze(seeds);
            var except = seeds[0].NodeId;
            foreach (NodeType? type in new NodeType?[] { null, NodeType.Service, NodeType.Supplier })
            {
                var all = result.Affected
                    .Where(a => a.NodeId != except && (type is null || index.Node(a.NodeId).NodeType == type))
                    .OrderByDescending(a => a.Level).ThenBy(a => a.Distance).ThenBy(a => a.NodeId)
                    .ToList();
                foreach (var (skip, take) in new[] { (0, 200), (0, 1), (37, 50), (all.Count - 3, 10), (all.Count, 5), (all.Count + 10, 5), (0, 100_000) })
                {
                    var page = result.Ranked(Math.Max(0, skip), take, type, except);

                    Assert.Equal(all.Count, page.Total);
                    Assert.Equal(all.Skip(Math.Max(0, skip)).Take(take), page.Nodes);
                }
            }
        }
    }

    private static string Text(AffectedContract c) => $"{c.ContractId} {c.Reference} {c.Title} {c.SupplierId} {c.WorstLevel} [{string.Join(",", c.ServiceIds)}]";

    /// <summary>A single Down failure (the API's case), several, and a mix with Degraded seeds.</summary>
    private static IEnumerable<List<ImpactSeed>> SeedSets(Random random, List<GraphNode> nodes)
    {
        for (var i = 0; i < 4; i++)
        {
            yield return [new ImpactSeed(nodes[random.Next(nodes.Count)].Id)];
        }

        yield return [.. Enumerable.Range(0, 5).Select(_ => new ImpactSeed(nodes[random.Next(nodes.Count)].Id, random.Next(3) == 0 ? ImpactLevel.Degraded : ImpactLevel.Down))];
    }

    private static (GraphIndex Index, ImpactLookups Lookups, List<GraphNode> Nodes) RandomCmdb(int seed)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        const int nodeCount = 3_000;
        var domainIds = Enumerable.Range(1, 25).Select(i => i * 7).ToList();
        var nodes = Enumerable.Range(1, nodeCount).Select(id =>
        {
            var type = faker.PickRandom<NodeType>();
            var service = type == NodeType.Service;
            return new GraphNode(
                id, $"N{id}", faker.Commerce.ProductName(), type,
                DomainId: faker.Random.Bool(0.8f) ? faker.PickRandom(domainIds) : null,
                Kind: service && faker.Random.Bool(0.9f) ? faker.PickRandom<ServiceKind>() : null,
                Tier: service && faker.Random.Bool(0.9f) ? faker.Random.Int(1, 4) : null,
                IsInternal: type == NodeType.Supplier ? faker.Random.Bool() : null);
        }).ToList();

        var random = new Random(seed);
        var edges = new List<GraphEdge>();
        var groups = new List<RedundancyGroupInfo>();
        var existing = new HashSet<(int, int, RelationshipType)>();
        while (edges.Count < nodeCount * 4)
        {
            var source = 1 + random.Next(nodeCount);
            var type = faker.PickRandom(RelationshipType.DependsOn, RelationshipType.DependsOn, RelationshipType.RunsOn, RelationshipType.ProvidedBy, RelationshipType.PartOf, RelationshipType.ConnectsTo);
            int? group = null;
            if (random.Next(6) == 0)
            {
                groups.Add(new RedundancyGroupInfo(groups.Count + 1, 1));
                group = groups.Count;
            }

            for (var i = 0; i < (group is null ? 1 : 2); i++)
            {
                var target = 1 + random.Next(nodeCount);
                var edge = type == RelationshipType.PartOf
                    ? new GraphEdge(target, source, type, group, edges.Count + 1)
                    : new GraphEdge(source, target, type, group, edges.Count + 1);
                if (edge.SourceId != edge.TargetId && existing.Add((edge.SourceId, edge.TargetId, type)))
                {
                    edges.Add(edge);
                }
            }
        }

        // PartOf cycles are refused by the editor, not by the engine; the index takes any edges.
        var index = GraphIndex.Build(nodes, edges, groups);
        var services = nodes.Where(n => n.NodeType == NodeType.Service).ToList();
        var suppliers = nodes.Where(n => n.NodeType == NodeType.Supplier).ToList();
        var domains = domainIds.Select(id => new DomainRef(id, faker.Commerce.Department() + " " + id)).ToList();
        var contracts = new List<ContractServiceRef>();
        for (var c = 1; c <= 150; c++)
        {
            var supplier = faker.PickRandom(suppliers).Id;
            var reference = $"C-{faker.Random.Int(1, 400):000}"; // references may repeat across contracts
            foreach (var service in faker.PickRandom(services, faker.Random.Int(1, 6)))
            {
                contracts.Add(new ContractServiceRef(c, reference, faker.Company.CatchPhrase(), supplier, service.Id));
            }
        }

        var targets = Enumerable.Range(1, 300)
            .Select(t => new SlaTargetRef(t, $"T-{faker.Random.Int(1, 500)}", faker.Hacker.Phrase(), faker.Random.Int(1, 150), faker.PickRandom(services).Id))
            .ToList();
        var names = Enumerable.Range(0, 120).Select(_ => faker.Name.FullName())
            .Append("émile Zola").Append("Emile Zola").Append("Anne Lee").Append("An\u00ADne Lee") // a soft hyphen: equal to "Anne Lee" in a culture comparison
            .ToList();
        var people = Enumerable.Range(1, 900).Select(i =>
        {
            var scope = faker.PickRandom(ScopeType.Domain, ScopeType.Service, ScopeType.Supplier);
            var name = faker.PickRandom(names);
            return new AccountabilityRef(
                i % 137, name, faker.Internet.Email(name), faker.PickRandom("Service owner", "Domain lead", "Supplier manager"), scope,
                scope == ScopeType.Domain ? faker.PickRandom(domainIds.Append(999)) : null,
                scope == ScopeType.Service ? faker.PickRandom(services).Id : scope == ScopeType.Supplier ? faker.PickRandom(suppliers).Id : null,
                faker.Random.Bool(0.9f) ? Raci.Accountable : Raci.Responsible,
                faker.Random.Bool(0.1f) ? new DateOnly(2026, faker.Random.Int(1, 12), 1) : null);
        }).ToList();
        return (index, new ImpactLookups(domains, contracts, targets, people), nodes);
    }

    /// <summary>The summary as it was computed before the dense version (verbatim), the reference for the tests above.</summary>
    private static class Reference
    {
        public static ImpactSummary From(ImpactResult result, ImpactLookups lookups, DateOnly? today = null)
        {
            var day = today ?? Person.Today(TimeProvider.System);
            ArgumentNullException.ThrowIfNull(result);
            ArgumentNullException.ThrowIfNull(lookups);
            var index = result.Index;

            var services = new List<AffectedService>();
            var domainCounts = new Dictionary<int, (ImpactLevel Worst, int Down, int Degraded, int Services, int AtRisk)>();
            foreach (var affected in result.Affected)
            {
                var node = index.Node(affected.NodeId);
                var isService = node.NodeType == NodeType.Service;
                if (isService)
                {
                    services.Add(new AffectedService(
                        node.Id, node.Key, node.Name, node.Kind ?? ServiceKind.Business, node.Tier ?? 3, node.DomainId, affected.Level, affected.Distance));
                }

                if (node.DomainId is { } domainId)
                {
                    var (worst, down, degraded, serviceCount, atRisk) = domainCounts.GetValueOrDefault(domainId);
                    domainCounts[domainId] = (
                        affected.Level > worst ? affected.Level : worst,
                        down + (affected.Level == ImpactLevel.Down ? 1 : 0),
                        degraded + (affected.Level == ImpactLevel.Degraded ? 1 : 0),
                        serviceCount + (isService ? 1 : 0),
                        atRisk + (affected.Level == ImpactLevel.AtRisk ? 1 : 0));
                }
            }

            var domainNames = lookups.Domains.ToDictionary(d => d.Id, d => d.Name);
            var domains = domainCounts
                .Select(d => new AffectedDomain(d.Key, domainNames.GetValueOrDefault(d.Key, $"Domain #{d.Key}"), d.Value.Worst, d.Value.Down, d.Value.Degraded, d.Value.Services, d.Value.AtRisk))
                .OrderByDescending(d => d.WorstLevel).ThenByDescending(d => d.DownCount).ThenBy(d => d.Name, StringComparer.CurrentCulture)
                .ToList();

            // Lookups come sorted by reference / key; a stable sort by level alone then gives worst first, then by
            // reference / key, without comparing strings for every impact (thousands of targets at scale).
            var contracts = new List<AffectedContract>();
            foreach (var cover in lookups.ContractsByReference)
            {
                var worst = ImpactLevel.None;
                List<int>? hit = null;
                foreach (var serviceId in cover.ServiceIds)
                {
                    if (result.LevelOf(serviceId) is var level and not ImpactLevel.None)
                    {
                        (hit ??= []).Add(serviceId);
                        worst = level > worst ? level : worst;
                    }
                }

                if (hit is not null)
                {
                    var c = cover.Contract;
                    contracts.Add(new AffectedContract(c.ContractId, c.Reference, c.Title, c.SupplierId, worst, hit));
                }
            }

            var slaTargets = lookups.SlaTargetsByKey
                .Select(t => new AffectedSlaTarget(t.Id, t.Key, t.Name, t.ContractId, t.ServiceId, result.LevelOf(t.ServiceId)))
                .Where(t => t.Level != ImpactLevel.None)
                .OrderByDescending(t => t.Level)
                .ToList();

            var people = new List<AccountablePerson>();
            foreach (var a in lookups.Accountabilities.Where(a => a.Raci == Raci.Accountable && !Person.HasLeft(a.LeftOn, day)))
            {
                if (a.ScopeType == ScopeType.Domain && a.DomainId is { } domainId && domainCounts.TryGetValue(domainId, out var counts))
                {
                    people.Add(new AccountablePerson(
                        a.PersonId, a.PersonName, a.Email, a.RoleName, a.ScopeType, domainId, domainNames.GetValueOrDefault(domainId, $"Domain #{domainId}"), counts.Worst));
                }
                else if (a.ScopeType is ScopeType.Service or ScopeType.Supplier && a.NodeId is { } nodeId && result.LevelOf(nodeId) is var level and not ImpactLevel.None)
                {
                    people.Add(new AccountablePerson(a.PersonId, a.PersonName, a.Email, a.RoleName, a.ScopeType, nodeId, index.Node(nodeId).Name, level));
                }
            }

            return new ImpactSummary(
                result.Count,
                result.DownCount,
                result.DegradedCount,
                result.AtRiskCount,
                services,
                services.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count()),
                services.GroupBy(s => s.Tier).ToDictionary(g => g.Key, g => g.Count()),
                domains,
                [.. contracts.OrderByDescending(c => c.WorstLevel)],
                slaTargets,
                [.. people.OrderByDescending(p => p.Level).ThenBy(p => p.PersonName, StringComparer.CurrentCulture)]);
        }
    }
}
