using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class DiagramGroupingTests
{
    // Shop → Orders → (Db1, Db2) → Server → Hoster; Db1 connects to Db2. Shop and Orders are services, the rest CIs.
    private readonly TestGraph _graph = new TestGraph()
        .Service("Shop").Service("Orders", ServiceKind.Application).Ci("Db1").Ci("Db2").Ci("Server").Supplier("Hoster")
        .DependsOn("Shop", "Orders").DependsOn("Orders", "Db1").DependsOn("Orders", "Db2").RunsOn("Db1", "Server").RunsOn("Db2", "Server")
        .ConnectsTo("Db1", "Db2").ProvidedBy("Server", "Hoster");

    [Fact]
    public void ACollapsedGroup_IsOneNode_AndEveryRelationshipIsDrawnOrCounted()
    {
        var neighbourhood = Neighbourhood.Of(_graph.Build(), _graph["Orders"], hops: 3);

        var grouped = DiagramGrouping.Collapse(neighbourhood, GraphGrouping.NodeType, new HashSet<string> { "ConfigurationItem" });

        var group = Assert.Single(grouped.Groups.Values);
        Assert.Equal(_graph.Ids("Db1", "Db2", "Server").Order(), group.Members.Order());
        Assert.Equal(3, group.InnerEdges);
        Assert.Equal(4, grouped.Diagram.Layout.Nodes.Count); // Shop, Orders, the group, Hoster
        Assert.Equal(2, grouped.EdgeCounts[(_graph["Orders"], group.Id, RelationshipType.DependsOn)]);
        Assert.Equal(neighbourhood.Edges.Count, grouped.EdgeCounts.Values.Sum() + group.InnerEdges);
        Assert.Equal(grouped.EdgeCounts.Count, grouped.Diagram.Layout.Edges.Count);
    }

    [Fact]
    public void TheCentreNeverCollapses_AndAGroupOfOneIsNoGroup()
    {
        var neighbourhood = Neighbourhood.Of(_graph.Build(), _graph["Db1"], hops: 3);

        var groups = DiagramGrouping.GroupsOf(neighbourhood, GraphGrouping.NodeType);
        var grouped = DiagramGrouping.Collapse(neighbourhood, GraphGrouping.NodeType, groups.Select(g => g.Key).ToHashSet());

        Assert.Equal([("ConfigurationItem", 2)], groups);
        Assert.Contains(grouped.Diagram.Layout.Nodes, n => n.NodeId == _graph["Db1"]);
        Assert.Contains(grouped.Diagram.Layout.Nodes, n => n.NodeId == _graph["Shop"]);
        Assert.Equal(neighbourhood.Edges.Count, grouped.EdgeCounts.Values.Sum() + grouped.Groups.Values.Sum(g => g.InnerEdges));
    }
}
