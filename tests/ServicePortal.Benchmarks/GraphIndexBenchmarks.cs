using BenchmarkDotNet.Attributes;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>Building the index of 100k nodes / 500k relationships from records and from SQLite, and the staleness stamp check.</summary>
[Config(typeof(GraphBenchmarkConfig))]
public class GraphIndexBenchmarks
{
    private SyntheticCmdb _cmdb = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cmdb = CmdbFixture.Cmdb;
        _ = CmdbFixture.Database;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = GraphIndex.Build(_cmdb.Nodes, _cmdb.Edges, _cmdb.Groups);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(
            $"// GraphIndex of {index.NodeCount} nodes, {index.EdgeCount} edges, {_cmdb.Groups.Count} groups retains " +
            $"{(after - before) / 1024.0 / 1024.0:F1} MB beyond the input records (key and name strings are shared with them).");
        GC.KeepAlive(index);
    }

    [Benchmark]
    public GraphIndex Build_FromRecords() => GraphIndex.Build(_cmdb.Nodes, _cmdb.Edges, _cmdb.Groups);

    [Benchmark]
    public async Task<GraphIndex> LoadAsync_FromSqlite()
    {
        await using var db = CmdbFixture.Database.NewContext();
        return await GraphIndex.LoadAsync(db);
    }

    [Benchmark]
    public async Task<CmdbStamp> StampCheck_Sqlite()
    {
        await using var db = CmdbFixture.Database.NewContext();
        return await CmdbStamp.ReadAsync(db);
    }
}
