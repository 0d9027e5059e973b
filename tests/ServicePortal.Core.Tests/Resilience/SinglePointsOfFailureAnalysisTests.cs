using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Resilience;

namespace ServicePortal.Core.Tests.Resilience;

public class SinglePointsOfFailureAnalysisTests
{
    private const int Shop = 1;
    private const int App = 2;
    private const int Server = 3;
    private const int GatewayA = 4;
    private const int GatewayB = 5;
    private const int Host = 6;
    private const int Vendor = 7;
    private const int Partner = 8;
    private const int Reporting = 9;
    private const int ReportDb = 10;
    private const int Care = 11;
    private const int CareApp = 12;
    private const int Server2 = 13;

    [Fact]
    public void RedundantMembers_AreNotSinglePoints_ButWhatTheyAllShareIs()
    {
        var report = SinglePointsOfFailureAnalysis.Find(Graph());

        var ids = report.Items.Select(i => i.NodeId).ToHashSet();
        Assert.DoesNotContain(GatewayA, ids);
        Assert.DoesNotContain(GatewayB, ids);
        Assert.Contains(Host, ids); // both gateways run on it
        Assert.Contains(App, ids);
        Assert.Contains(Server, ids);
        Assert.Contains(Vendor, ids); // a supplier
    }

    [Fact]
    public void InterfacePartners_LowTierServicesAndTheTargetItself_AreNotCounted()
    {
        var report = SinglePointsOfFailureAnalysis.Find(Graph());

        var ids = report.Items.Select(i => i.NodeId).ToHashSet();
        Assert.DoesNotContain(Partner, ids); // ConnectsTo never takes the shop down
        Assert.DoesNotContain(ReportDb, ids); // only a tier-3 business service needs it
        Assert.DoesNotContain(Shop, ids);
    }

    [Fact]
    public void Ranking_PutsTier1BeforeTier2_AndExplainsEachWithAPath()
    {
        var report = SinglePointsOfFailureAnalysis.Find(Graph());

        Assert.Equal(CareApp, report.Items[^1].NodeId); // takes down only the tier-2 business service
        Assert.Equal(2, report.Items[^1].TopTier);
        Assert.All(report.Items.SkipLast(1), i => Assert.Equal(1, i.TopTier));
        Assert.Equal(Enumerable.Range(1, report.Items.Count), report.Items.Select(i => i.Rank));
        var host = report.Items.Single(i => i.NodeId == Host);
        Assert.Matches(@"^Node 1 depends on Node 2, which depends on Node [45], which runs on Node 6\.$", host.Path);
        Assert.Equal(Host, host.PathNodeIds[0]);
        Assert.Equal(Shop, host.PathNodeIds[^1]);
    }

    [Fact]
    public void AnAlternate_IsNamedWhenOneExistsButCannotTakeOver()
    {
        var report = SinglePointsOfFailureAnalysis.Find(Graph());

        Assert.False(report.Items.Single(i => i.NodeId == Host).HasAlternate);
        var server = report.Items.Single(i => i.NodeId == Server);
        Assert.Equal(["Node 13"], server.Alternates); // a 2-of-2 group: the other member is there but both are needed
    }

    [Fact]
    public void InACycle_WhatIsBeneathItStillTakesTheServiceDown()
    {
        // Shop → A → B → A (a DependsOn cycle), B runs on C.
        var nodes = new List<GraphNode>
        {
            new(1, "N1", "Node 1", NodeType.Service, Kind: ServiceKind.Business, Tier: 1),
            new(2, "N2", "Node 2", NodeType.Service, Kind: ServiceKind.Technical, Tier: 3),
            new(3, "N3", "Node 3", NodeType.Service, Kind: ServiceKind.Technical, Tier: 3),
            new(4, "N4", "Node 4", NodeType.ConfigurationItem),
        };
        var index = GraphIndex.Build(nodes, [new(1, 2, RelationshipType.DependsOn), new(2, 3, RelationshipType.DependsOn), new(3, 2, RelationshipType.DependsOn), new(3, 4, RelationshipType.RunsOn)]);

        var report = SinglePointsOfFailureAnalysis.Find(index);

        Assert.Equal([2, 3, 4], report.Items.Select(i => i.NodeId).Order());
        Assert.Equal("Node 1 depends on Node 2, which depends on Node 3, which runs on Node 4.", report.Items.Single(i => i.NodeId == 4).Path);
    }

    [Fact]
    public void NoTargetServices_NothingToFind()
    {
        var index = GraphIndex.Build([new GraphNode(1, "N1", "Node 1", NodeType.ConfigurationItem)], []);

        Assert.Empty(SinglePointsOfFailureAnalysis.Find(index).Items);
    }

    /// <summary>
    /// Shop (business, tier 1) → App; App → GatewayA, GatewayB (1 of 2), both run on Host; App runs on Server and
    /// Server2 (2 of 2); App is provided by Vendor; Shop connects to Partner. Reporting (business, tier 3) → ReportDb.
    /// Care (business, tier 2) → CareApp.
    /// </summary>
    private static GraphIndex Graph()
    {
        var nodes = new List<GraphNode>
        {
            Business(Shop, 1), Tech(App), Tech(Server), Tech(GatewayA), Tech(GatewayB), Tech(Host),
            new(Vendor, "N7", "Node 7", NodeType.Supplier, IsInternal: false), Tech(Partner), Business(Reporting, 3), Tech(ReportDb),
            Business(Care, 2), Tech(CareApp), Tech(Server2),
        };
        var edges = new List<GraphEdge>
        {
            new(Shop, App, RelationshipType.DependsOn),
            new(App, GatewayA, RelationshipType.DependsOn, 1),
            new(App, GatewayB, RelationshipType.DependsOn, 1),
            new(GatewayA, Host, RelationshipType.RunsOn),
            new(GatewayB, Host, RelationshipType.RunsOn),
            new(App, Server, RelationshipType.RunsOn, 2),
            new(App, Server2, RelationshipType.RunsOn, 2),
            new(App, Vendor, RelationshipType.ProvidedBy),
            new(Shop, Partner, RelationshipType.ConnectsTo),
            new(Reporting, ReportDb, RelationshipType.DependsOn),
            new(Care, CareApp, RelationshipType.DependsOn),
        };
        return GraphIndex.Build(nodes, edges, [new RedundancyGroupInfo(1, 1), new RedundancyGroupInfo(2, 2)]);

        static GraphNode Business(int id, int tier) => new(id, $"N{id}", $"Node {id}", NodeType.Service, Kind: ServiceKind.Business, Tier: tier);

        static GraphNode Tech(int id) => new(id, $"N{id}", $"Node {id}", NodeType.Service, Kind: ServiceKind.Technical, Tier: 3);
    }
}
