using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.DataGenerator;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Issue 17's scenario figure: ten nodes marked failed together (a fixed, seeded pick of services, items and suppliers,
/// never the pathological hub) on the generated CMDB, through the one engine and the impact summary the scenario page
/// and API show (goal ≤ 50 ms server time at 100k nodes).
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class ScenarioBenchmarks
{
    private string _path = null!;
    private GraphIndexProvider _provider = null!;
    private CmdbGraphService _graph = null!;
    private ImpactSeed[] _seeds = [];

    [Params(100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(PortalDbContext).Module.ModuleHandle);
        _path = Path.Combine(Path.GetTempPath(), $"sp-bench-scenario-{Guid.NewGuid():N}.db");
        var factory = new Factory(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_path}"));
        var data = ScaleGenerator.Generate(Nodes);
        using (var db = factory.CreateDbContext())
        {
            PortalDatabase.MigrateAsync(db).GetAwaiter().GetResult();
            ScaleGenerator.LoadAsync(db, data).GetAwaiter().GetResult();
        }

        var random = new Random(17);
        _seeds = [.. Enumerable.Range(0, 10).Select(_ => data.Nodes[random.Next(data.Nodes.Count - 1)].Id).Distinct().Select(id => new ImpactSeed(id))];
        var feed = new ChangeFeed(factory, TimeProvider.System, new ChangeFeedOptions { PollInterval = TimeSpan.Zero });
        _provider = new GraphIndexProvider(factory, feed);
        _graph = new CmdbGraphService(_provider, factory, new ImpactLookupsCache(feed)); // as the portal wires it: lookups follow the change feed
        var report = _graph.WhatIfAsync(_seeds).GetAwaiter().GetResult();
        Console.WriteLine($"// {_seeds.Length} nodes marked failed hit {report.Summary.AffectedCount} nodes, {report.Summary.Services.Count} services");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>Kept reports forgotten first: the same question again would be answered from them (see <see cref="CmdbGraphService"/>).</summary>
    [Benchmark(Description = "Scenario of 10 failed nodes: engine + summary")]
    public async Task<int> TenNodeScenario()
    {
        _graph.ForgetReports();
        return (await _graph.WhatIfAsync(_seeds)).Summary.AffectedCount;
    }

    private sealed class Factory(DatabaseSettings settings) : IDbContextFactory<PortalDbContext>
    {
        private readonly DbContextOptions<PortalDbContext> _options = (DbContextOptions<PortalDbContext>)PortalDatabase
            .Configure(new DbContextOptionsBuilder<PortalDbContext>(), settings)
            .AddInterceptors(new AuditingInterceptor(new SystemActor(), TimeProvider.System))
            .Options;

        public PortalDbContext CreateDbContext() => new(_options);
    }
}
