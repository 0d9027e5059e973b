using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class CycleDetectorTests
{
    [Fact]
    public void WouldCreatePartOfCycle_ReturnsTheCycleTheNewEdgeWouldClose()
    {
        var graph = new TestGraph().PartOf("B", "C").PartOf("C", "A").PartOf("C", "D");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.WouldCreatePartOfCycle(graph["A"], graph["B"]);

        Assert.Equal(graph.Ids("A", "B", "C", "A"), cycle);
        Assert.Equal("A → B → C → A", detector.Describe(cycle!));
    }

    [Fact]
    public void WouldCreatePartOfCycle_ReturnsNullWhenNoCycleCloses()
    {
        var graph = new TestGraph().PartOf("B", "C").PartOf("A", "C");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.WouldCreatePartOfCycle(graph["A"], graph["B"]);

        Assert.Null(cycle);
    }

    [Fact]
    public void WouldCreatePartOfCycle_IgnoresOtherRelationshipTypes()
    {
        var graph = new TestGraph().DependsOn("B", "A").RunsOn("B", "A");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.WouldCreatePartOfCycle(graph["A"], graph["B"]);

        Assert.Null(cycle);
    }

    [Fact]
    public void WouldCreatePartOfCycle_TreatsASelfLinkAsACycle()
    {
        var graph = new TestGraph().Ci("A");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.WouldCreatePartOfCycle(graph["A"], graph["A"]);

        Assert.Equal(graph.Ids("A", "A"), cycle);
    }

    [Fact]
    public void WouldCreatePartOfCycle_ReturnsNullForANodeNotYetInTheGraph()
    {
        var graph = new TestGraph().PartOf("A", "B");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.WouldCreatePartOfCycle(graph["B"], 999);

        Assert.Null(cycle);
    }

    [Fact]
    public void FindPartOfCycle_FindsACycleAlreadyInTheData()
    {
        var graph = new TestGraph().PartOf("X", "A").PartOf("A", "B").PartOf("B", "C").PartOf("C", "A");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.FindPartOfCycle();

        Assert.Equal(graph.Ids("A", "B", "C", "A"), cycle);
    }

    [Fact]
    public void FindPartOfCycle_ReturnsNullForATree()
    {
        var graph = new TestGraph().PartOf("A", "B").PartOf("C", "B").PartOf("B", "D").DependsOn("D", "A");
        var detector = new CycleDetector(graph.Build());

        var cycle = detector.FindPartOfCycle();

        Assert.Null(cycle);
    }
}
