using BenchmarkDotNet.Attributes;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Building the index of 100k nodes / 500k relationships from records and from SQLite, and what one change costs
/// instead: the patches the <see cref="GraphIndexProvider"/> applies when the change feed reports an edit.
/// <code>dotnet run -c Release --project tests/ServicePortal.Benchmarks -- --filter '*GraphIndex*'</code>
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class GraphIndexBenchmarks
{
    private SyntheticCmdb _cmdb = null!;
    private GraphIndex _index = null!;
    private GraphNode _node;
    private GraphEdge _edge;
    private int _nextRelationshipId;

    [GlobalSetup]
    public void Setup()
    {
        _cmdb = CmdbFixture.Cmdb;
        _ = CmdbFixture.Database;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _index = GraphIndex.Build(_cmdb.Nodes, _cmdb.Edges, _cmdb.Groups);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(
            $"// GraphIndex of {_index.NodeCount} nodes, {_index.EdgeCount} edges, {_cmdb.Groups.Count} groups retains " +
            $"{(after - before) / 1024.0 / 1024.0:F1} MB beyond the input records (key and name strings are shared with them).");
        _node = _index.Nodes.ElementAt(_index.NodeCount / 2);
        _edge = _index.Edges.ElementAt(_index.EdgeCount / 2);
        _nextRelationshipId = _cmdb.Edges.Max(e => e.RelationshipId) + 1;
    }

    [Benchmark]
    public GraphIndex Build_FromRecords() => GraphIndex.Build(_cmdb.Nodes, _cmdb.Edges, _cmdb.Groups);

    [Benchmark]
    public async Task<GraphIndex> LoadAsync_FromSqlite()
    {
        await using var db = CmdbFixture.Database.NewContext();
        return await GraphIndex.LoadAsync(db);
    }

    /// <summary>A node's status (or lifecycle, name, tier) changed: only that attribute array is copied.</summary>
    [Benchmark]
    public GraphIndex Patch_NodeStatus() =>
        _index.Patch(new GraphDelta { Nodes = [_node with { Status = _node.Status == OperationalStatus.Down ? OperationalStatus.Healthy : OperationalStatus.Down }] });

    /// <summary>A relationship added: the edge arrays are laid out again in memory.</summary>
    [Benchmark]
    public GraphIndex Patch_AddRelationship() =>
        _index.Patch(new GraphDelta { Edges = [new GraphEdge(_node.Id, _edge.TargetId, RelationshipType.DependsOn, null, _nextRelationshipId)] });

    /// <summary>A relationship retyped.</summary>
    [Benchmark]
    public GraphIndex Patch_RetypeRelationship() =>
        _index.Patch(new GraphDelta { Edges = [_edge with { Type = _edge.Type == RelationshipType.RunsOn ? RelationshipType.DependsOn : RelationshipType.RunsOn }] });

    /// <summary>A node added (a new service).</summary>
    [Benchmark]
    public GraphIndex Patch_AddNode() =>
        _index.Patch(new GraphDelta { Nodes = [new GraphNode(_cmdb.Nodes[^1].Id + 1, "NEW", "New service", NodeType.Service, Kind: ServiceKind.Business, Tier: 2)] });
}
