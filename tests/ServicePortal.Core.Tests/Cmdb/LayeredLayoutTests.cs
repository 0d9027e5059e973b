using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class LayeredLayoutTests
{
    [Fact]
    public void Arrange_PutsDependantsAboveTheirDependencies()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders").RunsOn("Orders", "Server").ProvidedBy("Server", "Hoster").PartOf("Orders", "Order to cash");
        var index = graph.Build();

        var layout = LayeredLayout.Arrange(Neighbourhood.Of(index, graph["Orders"], hops: 3));

        var y = layout.Nodes.ToDictionary(n => n.NodeId, n => n.Y);
        Assert.True(y[graph["Shop"]] < y[graph["Orders"]]);
        Assert.True(y[graph["Orders"]] < y[graph["Server"]]);
        Assert.True(y[graph["Server"]] < y[graph["Hoster"]]);
        Assert.True(y[graph["Order to cash"]] < y[graph["Orders"]]);
    }

    [Fact]
    public void Arrange_GivesThreeHundredNodesDistinctPositionsInsideTheCanvas()
    {
        var graph = new TestGraph();
        var random = new Random(3);
        for (var i = 1; i < 300; i++)
        {
            graph.DependsOn($"N{i}", $"N{random.Next(i)}");
        }

        for (var i = 0; i < 150; i++)
        {
            graph.ConnectsTo($"N{random.Next(1, 300)}", $"N{random.Next(1, 300)}");
        }

        var index = graph.Build();

        var layout = LayeredLayout.Arrange(index.Nodes.Select(n => n.Id).ToList(), index.Edges.ToList());

        Assert.Equal(300, layout.Nodes.Count);
        Assert.Equal(300, layout.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
        Assert.All(layout.Nodes, n => Assert.InRange(n.X, 0, layout.Width));
        Assert.All(layout.Nodes, n => Assert.InRange(n.Y, 0, layout.Height));
        Assert.All(layout.Nodes.GroupBy(n => n.Y), row => Assert.True(row.Count() <= layout.Options.MaxNodesPerRow));
        Assert.Equal(index.EdgeCount, layout.Edges.Count);
    }

    [Fact]
    public void Arrange_RemovesAnAvoidableCrossing()
    {
        // Given in the order A, B above X, Y with A → Y and B → X, the first order crosses; swapping one layer does not.
        var graph = new TestGraph().Ci("A").Ci("B").Ci("X").Ci("Y").DependsOn("A", "Y").DependsOn("B", "X");
        var index = graph.Build();

        var layout = LayeredLayout.Arrange(graph.Ids("A", "B", "X", "Y"), index.Edges.ToList());

        var x = layout.Nodes.ToDictionary(n => n.NodeId, n => n.X);
        Assert.Equal(x[graph["A"]] < x[graph["B"]], x[graph["Y"]] < x[graph["X"]]);
    }

    [Fact]
    public void Arrange_LaysOutCyclesWithoutLosingNodes()
    {
        var graph = new TestGraph().DependsOn("A", "B").DependsOn("B", "C").DependsOn("C", "A");
        var index = graph.Build();

        var layout = LayeredLayout.Arrange(graph.Ids("A", "B", "C"), index.Edges.ToList());

        Assert.Equal(3, layout.Nodes.Select(n => n.Y).Distinct().Count());
        Assert.Equal(3, layout.Edges.Count);
    }
}
