using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class GraphIndexTests
{
    [Fact]
    public void Build_IndexesOutgoingAndIncomingEdgesOfEachNode()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders").RunsOn("Shop", "Server").PartOf("Shop", "Retail").DependsOn("Reports", "Orders");

        var index = graph.Build();

        Assert.Equal(5, index.NodeCount);
        Assert.Equal(4, index.EdgeCount);
        Assert.Equal(graph.Ids("Retail", "Orders", "Server").Order(), index.OutgoingOf(graph["Shop"]).Select(e => e.TargetId).Order());
        Assert.Equal(graph.Ids("Shop", "Reports"), index.IncomingOf(graph["Orders"]).Select(e => e.SourceId).Order());
        Assert.Empty(index.OutgoingOf(graph["Orders"]));
    }

    [Fact]
    public void Build_KeepsEveryEdgeWithItsTypeGroupAndRelationshipId()
    {
        GraphEdge[] edges =
        [
            new(1, 2, RelationshipType.DependsOn, 9, 100),
            new(1, 3, RelationshipType.DependsOn, 9, 101),
            new(3, 2, RelationshipType.PartOf, null, 102),
            new(2, 1, RelationshipType.ConnectsTo, null, 103),
        ];

        var index = GraphIndex.Build(Nodes(3), edges, [new RedundancyGroupInfo(9, 1)]);

        Assert.Equal(edges.OrderBy(e => e.RelationshipId), index.Edges.OrderBy(e => e.RelationshipId));
        Assert.Equal(edges[0], index.FindEdge(1, 2, RelationshipType.DependsOn));
        Assert.Null(index.FindEdge(1, 2, RelationshipType.RunsOn));
    }

    [Fact]
    public void Build_AcceptsNodesInAnyOrderAndSparseIds()
    {
        GraphNode[] nodes = [Node(5_000_000), Node(7), Node(42)];

        var index = GraphIndex.Build(nodes, [new GraphEdge(5_000_000, 7, RelationshipType.DependsOn)]);

        Assert.Equal([7, 42, 5_000_000], index.Nodes.Select(n => n.Id));
        Assert.True(index.Contains(42));
        Assert.False(index.Contains(43));
        Assert.Equal(7, index.OutgoingOf(5_000_000).Single().TargetId);
    }

    [Fact]
    public void Build_RejectsDuplicateNodeIds()
    {
        var act = () => GraphIndex.Build([Node(1), Node(2), Node(1)], []);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Build_RejectsAnEdgeToAnUnknownNode()
    {
        var act = () => GraphIndex.Build(Nodes(2), [new GraphEdge(1, 3, RelationshipType.DependsOn)]);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Node_ReturnsTheAttributesItWasBuiltWith()
    {
        var service = new GraphNode(3, "SHOP", "Online shop", NodeType.Service, Lifecycle.Pipeline, OperationalStatus.AtRisk, 4, ServiceKind.Business, 1);
        var supplier = new GraphNode(8, "ACME", "Acme", NodeType.Supplier, IsInternal: false);

        var index = GraphIndex.Build([service, supplier], []);

        Assert.Equal(service, index.Node(3));
        Assert.Equal(supplier, index.Node(8));
        Assert.True(index.Node(8).IsExternalSupplier);
        Assert.Throws<KeyNotFoundException>(() => index.Node(4));
    }

    [Fact]
    public void Build_HandlesAnEmptyGraph()
    {
        var index = GraphIndex.Build([], []);

        Assert.Equal(0, index.NodeCount);
        Assert.Empty(index.Edges);
        Assert.False(index.Contains(1));
    }

    [Fact]
    public async Task LoadAsync_MatchesTheRowsStoredInTheDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreatePlainContext())
        {
            var domain = new Domain { Key = "RETAIL", Name = "Retail" };
            var shop = new Service { Key = "SHOP", Name = "Online shop", Kind = ServiceKind.Business, Tier = 1, Domain = domain };
            var server = new ConfigurationItem { Key = "SRV", Name = "Web server", CiType = CiType.Server, Status = OperationalStatus.Degraded };
            var backup = new ConfigurationItem { Key = "SRV2", Name = "Backup server", CiType = CiType.Server, Lifecycle = Lifecycle.Retired };
            var acme = new Supplier { Key = "ACME", Name = "Acme hosting", IsInternal = false };
            var team = new Supplier { Key = "OPS", Name = "Operations team", IsInternal = true };
            var group = new RedundancyGroup { Key = "WEB", Name = "Web servers", MinimumUp = 1 };
            db.AddRange(domain, shop, server, backup, acme, team, group);
            db.Relationships.AddRange(
                new Relationship { Source = shop, Target = server, Type = RelationshipType.RunsOn, RedundancyGroup = group },
                new Relationship { Source = shop, Target = backup, Type = RelationshipType.RunsOn, RedundancyGroup = group },
                new Relationship { Source = server, Target = acme, Type = RelationshipType.ProvidedBy },
                new Relationship { Source = backup, Target = team, Type = RelationshipType.ProvidedBy });
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreatePlainContext();

        var index = await GraphIndex.LoadAsync(read, ct);

        var storedNodes = read.Nodes.OrderBy(n => n.Id).AsEnumerable().Select(n => new GraphNode(
            n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle, n.Status, n.DomainId,
            (n as Service)?.Kind, (n as Service)?.Tier, (n as Supplier)?.IsInternal)).ToList();
        var storedEdges = read.Relationships.OrderBy(r => r.Id).AsEnumerable()
            .Select(r => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, r.Id)).ToList();
        Assert.Equal(storedNodes, index.Nodes);
        Assert.Equal(storedEdges, index.Edges.OrderBy(e => e.RelationshipId));
        Assert.Equal(0, index.DroppedEdgeCount);
        Assert.Equal(5, index.NodeCount);
        Assert.Equal(4, index.EdgeCount);
    }

    private static GraphNode Node(int id) => new(id, $"N{id}", $"Node {id}", NodeType.ConfigurationItem);

    private static GraphNode[] Nodes(int count) => [.. Enumerable.Range(1, count).Select(Node)];
}
