using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class NeighbourhoodTests
{
    private readonly TestGraph _graph = new TestGraph()
        .DependsOn("Shop", "Orders").DependsOn("Orders", "Database").RunsOn("Database", "Server").ProvidedBy("Server", "Hoster")
        .DependsOn("Reports", "Orders");

    [Fact]
    public void Of_TakesNodesWithinTheHopsInBothDirections()
    {
        var index = _graph.Build();

        var neighbourhood = Neighbourhood.Of(index, _graph["Orders"], hops: 1);

        Assert.Equal(_graph.Ids("Orders", "Database", "Shop", "Reports").Order(), neighbourhood.Nodes.Select(n => n.Node.Id).Order());
        Assert.Equal(3, neighbourhood.Edges.Count);
        Assert.False(neighbourhood.Truncated);
    }

    [Fact]
    public void Of_GivesEachNodeItsHopCountAndOnlyEdgesBetweenTakenNodes()
    {
        var index = _graph.Build();

        var neighbourhood = Neighbourhood.Of(index, _graph["Orders"], hops: 2);

        Assert.Equal(2, neighbourhood.Nodes.Single(n => n.Node.Id == _graph["Server"]).Hops);
        Assert.DoesNotContain(neighbourhood.Nodes, n => n.Node.Id == _graph["Hoster"]);
        Assert.All(neighbourhood.Edges, e => Assert.NotEqual(_graph["Hoster"], e.TargetId));
        Assert.Equal(4, neighbourhood.Edges.Count);
    }

    [Fact]
    public void Of_StopsAtTheNodeLimitNearestFirst()
    {
        var graph = new TestGraph();
        for (var i = 0; i < 50; i++)
        {
            graph.DependsOn($"App {i}", "Hub").DependsOn($"Web {i}", $"App {i}");
        }

        var neighbourhood = Neighbourhood.Of(graph.Build(), graph["Hub"], hops: 2, maxNodes: 40);

        Assert.Equal(40, neighbourhood.Nodes.Count);
        Assert.True(neighbourhood.Truncated);
        Assert.All(neighbourhood.Nodes, n => Assert.True(n.Hops <= 1));
    }

    [Fact]
    public void Of_CountsTheNeighboursTheLimitLeftOut_AndAnExpandedNodeBringsThemAll()
    {
        var graph = new TestGraph();
        for (var i = 0; i < 50; i++)
        {
            graph.DependsOn($"App {i}", "Hub");
        }

        var capped = Neighbourhood.Of(graph.Build(), graph["Hub"], hops: 1, maxNodes: 11);
        var hubId = graph["Hub"];

        Assert.Equal(40, capped.HiddenNeighbours[hubId]);
        Assert.Single(capped.HiddenNeighbours);

        var expanded = Neighbourhood.Of(graph.Build(), hubId, hops: 1, maxNodes: 11, expanded: [hubId]);

        Assert.Equal(51, expanded.Nodes.Count);
        Assert.Equal(50, expanded.Edges.Count);
        Assert.Empty(expanded.HiddenNeighbours);
    }

    [Fact]
    public void Of_HidesNothing_WhenUnderTheLimit()
    {
        var neighbourhood = Neighbourhood.Of(_graph.Build(), _graph["Orders"], hops: 2);

        Assert.Empty(neighbourhood.HiddenNeighbours);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Of_AcceptsOneToThreeHops(int hops)
    {
        var index = _graph.Build();

        var act = () => Neighbourhood.Of(index, _graph["Orders"], hops);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
