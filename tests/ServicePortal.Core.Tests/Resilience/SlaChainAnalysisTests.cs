using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Resilience;

namespace ServicePortal.Core.Tests.Resilience;

/// <summary>The SLA chain on small graphs whose figures are worked out by hand in each test.</summary>
public class SlaChainAnalysisTests
{
    private const int Shop = 1;
    private const int App = 2;
    private const int Carrier = 3;
    private const int GatewayA = 4;
    private const int GatewayB = 5;
    private const int Cloud = 6;
    private const int Partner = 7;

    [Fact]
    public void Series_MultipliesTheTargetsBeneath_AndAPromiseAboveThatIsAShortfall()
    {
        // Shop → App → Carrier (99.5), App → Cloud (99.9): 0.995 · 0.999 = 99.4005 %.
        var index = Graph(
            [Edge(Shop, App), Edge(App, Carrier), Edge(App, Cloud)]);
        var targets = new[] { Target(Carrier, 99.5, "CAR"), Target(Cloud, 99.9, "CLD"), Target(Shop, 99.9, "SHOP-PROMISE") };

        var chain = Single(SlaChainAnalysis.Compute(index, targets));

        Assert.Equal(99.4005, chain.DeliverablePercent, 6);
        Assert.Equal(99.9, chain.PromisedPercent);
        Assert.True(chain.HasShortfall);
        Assert.Equal(["CAR", "CLD"], chain.WeakestLinks.Select(l => l.TargetKey));
        Assert.Equal(2, chain.TargetsUsed);
    }

    [Fact]
    public void ASharedDependency_CountsOnce()
    {
        // Shop → App → Cloud and Shop → Carrier → Cloud: Cloud is one factor. 0.995 · 0.999.
        var index = Graph([Edge(Shop, App), Edge(App, Cloud), Edge(Shop, Carrier), Edge(Carrier, Cloud)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(Carrier, 99.5), Target(Cloud, 99.9)]));

        Assert.Equal(99.4005, chain.DeliverablePercent, 6);
    }

    [Fact]
    public void ARedundancyGroup_CombinesInParallel()
    {
        // Shop → App; App → A, B in a 1-of-2 group (99.9 and 99.5): 1 − 0.001 · 0.005 = 0.999995.
        var index = Graph([Edge(Shop, App), Edge(App, GatewayA, group: 10), Edge(App, GatewayB, group: 10)], [new RedundancyGroupInfo(10, 1)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(GatewayA, 99.9), Target(GatewayB, 99.5), Target(Shop, 99.99)]));

        Assert.Equal(99.9995, chain.DeliverablePercent, 6);
        Assert.False(chain.HasShortfall);
        var group = Assert.Single(chain.WeakestLinks);
        Assert.Equal(1, group.MinimumUp);
        Assert.Equal(2, group.Members!.Count);
    }

    [Fact]
    public void AGroupMember_BringsItsOwnChain()
    {
        // A 2-of-2 group of A (99.9, runs on Cloud 99.0) and B (99.5): (0.999 · 0.99) · 0.995.
        var index = Graph(
            [Edge(Shop, GatewayA, group: 10), Edge(Shop, GatewayB, group: 10), Edge(GatewayA, Cloud, RelationshipType.RunsOn)],
            [new RedundancyGroupInfo(10, 2)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(GatewayA, 99.9), Target(GatewayB, 99.5), Target(Cloud, 99.0)]));

        Assert.Equal(0.999 * 0.99 * 0.995 * 100, chain.DeliverablePercent, 9);
    }

    [Fact]
    public void ConnectsToAndUngroupedParts_DoNotLowerTheChain_AsTheyNeverTakeAServiceDown()
    {
        var index = Graph([Edge(Shop, Partner, RelationshipType.ConnectsTo), Edge(Carrier, Shop, RelationshipType.PartOf)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(Partner, 90), Target(Carrier, 90)]));

        Assert.Equal(100, chain.DeliverablePercent, 9);
        Assert.Empty(chain.WeakestLinks);
    }

    [Fact]
    public void ACycle_EndsWhereItCloses()
    {
        var index = Graph([Edge(Shop, App), Edge(App, Carrier), Edge(Carrier, App)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(App, 99), Target(Carrier, 98)]));

        Assert.Equal(0.99 * 0.98 * 100, chain.DeliverablePercent, 9);
    }

    [Fact]
    public void WithoutAPromise_TheChainIsShownButIsNoShortfall()
    {
        var index = Graph([Edge(Shop, Carrier)]);

        var chain = Single(SlaChainAnalysis.Compute(index, [Target(Carrier, 99.5)]));

        Assert.Null(chain.PromisedPercent);
        Assert.False(chain.HasShortfall);
        Assert.Equal(99.5, chain.DeliverablePercent, 9);
    }

    [Fact]
    public void PromisedOnly_WorksOutJustTheServicesThatPromiseSomething()
    {
        var nodes = new List<GraphNode>
        {
            new(1, "B1", "Promising", NodeType.Service, Kind: ServiceKind.Business, Tier: 1),
            new(2, "B2", "Silent", NodeType.Service, Kind: ServiceKind.Business, Tier: 1),
            new(3, "T", "Carrier", NodeType.Service, Kind: ServiceKind.Technical, Tier: 1),
        };
        var index = GraphIndex.Build(nodes, [Edge(1, 3), Edge(2, 3)]);
        AvailabilityTarget[] targets = [Target(3, 99.5), Target(1, 99.9, "PROMISE")];

        var all = SlaChainAnalysis.Compute(index, targets);
        var promised = SlaChainAnalysis.Compute(index, targets, promisedOnly: true);

        Assert.Equal(2, all.Count);
        var only = Assert.Single(promised);
        Assert.Equal("B1", only.Key);
        Assert.True(only.HasShortfall);
        Assert.Equal("Carrier (T-3, 99.5 %)", only.WeakestLinks[0].Describe());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AllServicesAtOnce_GiveWhatAWalkFromEachGives(int seed)
    {
        // 20 business services over 60 applications (DependsOn among them makes cycles), 30 servers in redundancy
        // groups of the applications, 10 network nodes; targets with distinct figures, so the weakest links have one order.
        var random = new Random(seed);
        var nodes = Enumerable.Range(1, 120)
            .Select(id => new GraphNode(id, $"N{id}", $"Node {id}", NodeType.Service, Kind: id <= 20 ? ServiceKind.Business : ServiceKind.Technical, Tier: 1))
            .ToList();
        RelationshipType[] types = [RelationshipType.DependsOn, RelationshipType.RunsOn, RelationshipType.ProvidedBy, RelationshipType.ConnectsTo, RelationshipType.PartOf];
        var edges = new List<GraphEdge>();
        var groups = new List<RedundancyGroupInfo>();
        for (var id = 1; id <= 80; id++)
        {
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                edges.Add(Edge(id, random.Next(21, 81), types[random.Next(types.Length)]));
            }

            if (id > 20 && random.Next(3) == 0)
            {
                var group = groups.Count + 1;
                groups.Add(new RedundancyGroupInfo(group, random.Next(1, 3)));
                foreach (var server in Enumerable.Range(81, 30).OrderBy(_ => random.Next()).Take(random.Next(2, 4)))
                {
                    edges.Add(Edge(id, server, random.Next(2) == 0 ? RelationshipType.RunsOn : RelationshipType.DependsOn, group));
                }
            }
        }

        for (var id = 81; id <= 110; id++)
        {
            edges.Add(Edge(id, random.Next(111, 121), RelationshipType.RunsOn));
        }

        var index = GraphIndex.Build(nodes, edges.DistinctBy(e => (e.SourceId, e.TargetId)).ToList(), groups);
        var targets = Enumerable.Range(1, 120).Where(_ => random.Next(2) == 0)
            .Select((id, i) => Target(id, 97 + (i * 0.0371), $"T-{id}")).ToList();

        var all = SlaChainAnalysis.Compute(index, targets);

        Assert.Equal(20, all.Count);
        foreach (var chain in all)
        {
            var walk = SlaChainAnalysis.WalkOne(index, targets, chain.ServiceId);
            Assert.Equal(walk.DeliverablePercent, chain.DeliverablePercent, 9);
            Assert.Equal(walk.TargetsUsed, chain.TargetsUsed);
            Assert.Equal(walk.WeakestLinks.Select(l => l.Describe()), chain.WeakestLinks.Select(l => l.Describe()));
        }

        Assert.Contains(all, c => c.WeakestLinks.Any(l => l.MinimumUp is not null));
    }

    private static SlaChainResult Single(IReadOnlyList<SlaChainResult> results) => Assert.Single(results);

    private static GraphEdge Edge(int source, int target, RelationshipType type = RelationshipType.DependsOn, int? group = null) =>
        new(source, target, type, group);

    private static AvailabilityTarget Target(int serviceId, double percent, string? key = null) =>
        new(serviceId * 100, key ?? $"T-{serviceId}", $"Availability {serviceId}", serviceId, 1, "CT-1", percent);

    /// <summary>Node 1 is the only business service; the others are technical services.</summary>
    private static GraphIndex Graph(IReadOnlyList<GraphEdge> edges, IReadOnlyList<RedundancyGroupInfo>? groups = null)
    {
        var nodes = Enumerable.Range(1, 7)
            .Select(id => new GraphNode(id, $"N{id}", $"Node {id}", NodeType.Service, Kind: id == Shop ? ServiceKind.Business : ServiceKind.Technical, Tier: 1))
            .ToList();
        return GraphIndex.Build(nodes, edges, groups);
    }
}
