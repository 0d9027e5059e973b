using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.DataGenerator;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Server time of the list pages' queries at enterprise scale: a SQLite CMDB of 100k nodes and ~500k relationships
/// made by the scale generator, queried exactly as the data grids query it (count + one page, in the database).
/// Run: dotnet run -c Release --project tests/ServicePortal.Benchmarks -- --filter '*CatalogList*'
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class CatalogListBenchmarks
{
    private string _path = "";
    private CatalogQueries _queries = null!;

    [Params(100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sp-bench-lists-{Nodes}.db");
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_path}");
        var factory = new Factory(PortalDatabase.Options(settings));
        var exists = File.Exists(_path);
        using (var migrating = factory.CreateDbContext())
        {
            // Also on a database kept from an earlier run: later migrations (e.g. the lists' index) must apply.
            PortalDatabase.MigrateAsync(migrating).GetAwaiter().GetResult();
        }

        if (!exists)
        {
            using var db = factory.CreateDbContext();
            var result = ScaleGenerator.LoadAsync(db, Nodes).GetAwaiter().GetResult();
            Console.WriteLine($"// generated {result.Services} services, {result.ConfigurationItems} CIs, {result.Relationships} relationships in {(result.GenerateTime + result.WriteTime).TotalSeconds:0.0} s");
        }

        using (var analyzing = factory.CreateDbContext())
        {
            // As the portal does on start.
            PortalDatabase.RefreshStatisticsAsync(analyzing).GetAwaiter().GetResult();
        }

        _queries = new CatalogQueries(factory);
    }

    [GlobalCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    [Benchmark(Description = "Services: first page, default sort")]
    public Task<Page<ServiceRow>> ServicesFirstPage() => _queries.ServicesAsync(new ListRequest<ServiceRow>());

    [Benchmark(Description = "Services: page 500, sorted by domain")]
    public Task<Page<ServiceRow>> ServicesSortedByDomain() =>
        _queries.ServicesAsync(new ListRequest<ServiceRow>(Skip: 10_000, Shape: q => q.OrderBy(r => r.Domain)));

    [Benchmark(Description = "Services: free-text search")]
    public Task<Page<ServiceRow>> ServicesSearch() => _queries.ServicesAsync(new ListRequest<ServiceRow>(Search: "pay"));

    [Benchmark(Description = "Services: filter tier 1 and live")]
    public Task<Page<ServiceRow>> ServicesFiltered() =>
        _queries.ServicesAsync(new ListRequest<ServiceRow>(Shape: q => q.Where(r => r.Tier == 1 && r.Lifecycle == Lifecycle.Live)));

    [Benchmark(Description = "Configuration items: first page")]
    public Task<Page<ConfigurationItemRow>> ItemsFirstPage() => _queries.ConfigurationItemsAsync(new ListRequest<ConfigurationItemRow>());

    [Benchmark(Description = "Suppliers: first page")]
    public Task<Page<SupplierRow>> SuppliersFirstPage() => _queries.SuppliersAsync(new ListRequest<SupplierRow>());

    [Benchmark(Description = "Domains: all with counts")]
    public Task<Page<DomainRow>> Domains() => _queries.DomainsAsync(new ListRequest<DomainRow>());

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: BenchmarkDotNet's generated project cannot restore Core's ASP.NET Core framework reference here.
            AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(8).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P95);
        }
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
