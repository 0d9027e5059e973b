using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.DataGenerator;
using ServicePortal.Core.Slas;
using CoreDashboard = ServicePortal.Core.Health.Dashboard;

namespace ServicePortal.Benchmarks.Health;

/// <summary>
/// What the home page waits for: <see cref="DashboardService.GetAsync"/> on a generated SQLite database of 25,000
/// nodes (about 10,000 services and 125,000 relationships — more relationships than the 50k of the goal). Goal: the
/// server render ≤ 200 ms.
/// <code>dotnet run -c Release --project tests/ServicePortal.Benchmarks -- --filter '*DashboardBenchmarks*'</code>
/// </summary>
[Config(typeof(HealthBenchmarkConfig))]
public class DashboardBenchmarks
{
    private string _path = "";
    private Factory _factory = null!;
    private ChangeFeed _feed = null!;
    private GraphIndexProvider _provider = null!;
    private DashboardService _dashboard = null!;
    private HealthService _health = null!;
    private int _tick;
    private int _supplierId;

    [Params(25_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(PortalDbContext).Module.ModuleHandle);
        _path = Path.Combine(Path.GetTempPath(), $"sp-bench-dashboard-{Guid.NewGuid():N}.db");
        _factory = new Factory(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_path}"));
        using (var db = _factory.CreateDbContext())
        {
            PortalDatabase.MigrateAsync(db).GetAwaiter().GetResult();
            var result = ScaleGenerator.LoadAsync(db, Nodes).GetAwaiter().GetResult();
            Console.WriteLine($"// {result.Services} services, {result.Relationships} relationships, {result.SlaMeasurements} measurements");
            _supplierId = db.Suppliers.Where(s => !s.IsInternal).OrderBy(s => s.Id).Select(s => s.Id).First();
        }

        _feed = new ChangeFeed(_factory, TimeProvider.System, new ChangeFeedOptions { PollInterval = TimeSpan.Zero });
        _provider = new GraphIndexProvider(_factory, _feed);
        _health = new HealthService(_factory, _provider, _feed);
        _dashboard = NewDashboard(_health);
        _dashboard.GetAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "Dashboard (cached health)")]
    public Task<CoreDashboard> Warm() => _dashboard.GetAsync();

    [Benchmark(Description = "Dashboard + what-if supplier")]
    public Task<CoreDashboard> WhatIf() => _dashboard.GetAsync(whatIfNodeId: _supplierId);

    /// <summary>A measurement is re-recorded (an audited save), then the page renders: health, risks and trend are recomputed.</summary>
    [Benchmark(Description = "Dashboard after a measurement changed")]
    public async Task<CoreDashboard> AfterMeasurementChange()
    {
        await using (var db = _factory.CreateDbContext())
        {
            var measurement = await db.SlaMeasurements.SingleAsync(m => m.Id == 1);
            measurement.Value += (++_tick % 2 == 0 ? 0.001 : -0.001);
            await db.SaveChangesAsync();
        }

        return await _dashboard.GetAsync();
    }

    [Benchmark(Description = "Dashboard, nothing cached but the graph")]
    public Task<CoreDashboard> Cold() => NewDashboard(new HealthService(_factory, _provider, _feed)).GetAsync();

    private DashboardService NewDashboard(HealthService health)
    {
        var clock = TimeProvider.System;
        return new DashboardService(
            _factory, health, new CmdbGraphService(_provider, _factory),
            new SlaResultsService(_factory, clock), new GovernanceSnapshotLoader(_factory, clock), _feed);
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
