using BenchmarkDotNet.Attributes;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Issue 17's graph figure, the server's share of a first render: a 300-node neighbourhood (a diagram's node limit) cut
/// out of the 100k-node CMDB and laid out as the CMDB graph page lays it out (layered, barycenter sweeps, six nodes a
/// row). The browser's share is measured by the load harness's <c>--graph</c>.
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class DiagramBenchmarks
{
    private static readonly LayoutOptions Page = new() { NodeWidth = 170, MaxNodesPerRow = 6, HorizontalGap = 16, VerticalGap = 48 };
    private GraphIndex _index = null!;
    private int _centre;

    [GlobalSetup]
    public void Setup()
    {
        _index = CmdbFixture.Index;
        _centre = _index.Nodes.First(n => Neighbourhood.Of(_index, n.Id, hops: 2).Nodes.Count == Neighbourhood.DefaultMaxNodes).Id;
        var neighbourhood = Neighbourhood.Of(_index, _centre, hops: 2);
        Console.WriteLine($"// centre {_centre}: {neighbourhood.Nodes.Count} nodes, {neighbourhood.Edges.Count} relationships");
    }

    [Benchmark(Description = "300-node neighbourhood at 2 hops")]
    public int Neighbourhood300() => Neighbourhood.Of(_index, _centre, hops: 2).Nodes.Count;

    [Benchmark(Description = "300-node neighbourhood at 2 hops + layered layout")]
    public double Layout300() => LayeredLayout.Arrange(Neighbourhood.Of(_index, _centre, hops: 2), Page).Width;
}
