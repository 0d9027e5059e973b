using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.DataGenerator;

namespace ServicePortal.Benchmarks;

/// <summary>
/// <c>ids.Contains(x)</c> in the two modes EF 10 offers, side by side: one parameter per id (EF's default,
/// <c>MultipleParameters</c>: the SQL text changes with the number of ids, so each new count is another query to
/// translate and another statement for SQLite to prepare) and one JSON parameter (<c>Parameter</c>, what
/// PortalDatabase.Configure turns on: one SQL for every count). The query is the service list's owner lookup
/// (<see cref="ServiceOwners"/>) on a generated CMDB of 10k nodes where every service has an accountable owner.
/// Run: dotnet run -c Release --project tests/ServicePortal.Benchmarks -- --filter '*CollectionParameter*'
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class CollectionParameterBenchmarks
{
    private const int Nodes = 10_000;
    private readonly List<int[]> _pages = [];
    private DbContextOptions<PortalDbContext> _options = null!;
    private int _next;

    [Params(ParameterTranslationMode.MultipleParameters, ParameterTranslationMode.Parameter)]
    public ParameterTranslationMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sp-bench-owners-{Nodes}.db");
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}");
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, settings);
        builder.UseSqlite(settings.ConnectionString, sqlite => sqlite.UseParameterizedCollectionMode(Mode));
        _options = builder.Options;

        var exists = File.Exists(path);
        using (var db = new PortalDbContext(_options))
        {
            PortalDatabase.MigrateAsync(db).GetAwaiter().GetResult();
            if (!exists)
            {
                ScaleGenerator.LoadAsync(db, Nodes).GetAwaiter().GetResult();
                db.Database.ExecuteSqlRaw("""
                    INSERT INTO "People" ("Name", "Email", "Version", "CreatedAt", "UpdatedAt") VALUES ('Olive Owner', 'olive@example.com', 1, '2026-01-01', '2026-01-01');
                    INSERT INTO "GovernanceRoles" ("Key", "Name", "Version", "CreatedAt", "UpdatedAt") VALUES ('service-owner', 'Service owner', 1, '2026-01-01', '2026-01-01');
                    INSERT INTO "RoleAssignments" ("PersonId", "RoleId", "ScopeType", "NodeId", "Raci", "Version", "CreatedAt", "UpdatedAt")
                    SELECT (SELECT max("Id") FROM "People"), (SELECT max("Id") FROM "GovernanceRoles"), 'Service', "Id", 'Accountable', 1, '2026-01-01', '2026-01-01'
                    FROM "Nodes" WHERE "NodeType" = 'Service';
                    """);
                PortalDatabase.RefreshStatisticsAsync(db).GetAwaiter().GetResult();
            }

            // Pages of 1 to 64 services, as a list's pages, last pages, pickers and matrices ask for them.
            var services = db.Services.OrderBy(s => s.Id).Select(s => s.Id).ToArray();
            var random = new Random(7);
            for (var size = 1; size <= 64; size++)
            {
                _pages.Add(random.GetItems(services, size));
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    [Benchmark(Description = "Owners of a list page: 20 ids")]
    public async Task<int> OwnersOfOnePage()
    {
        await using var db = new PortalDbContext(_options);
        return (await ServiceOwners.OfAsync(db, _pages[19])).Count;
    }

    [Benchmark(Description = "Owners of 1-64 ids, the count changing every call")]
    public async Task<int> OwnersOfChangingCounts()
    {
        await using var db = new PortalDbContext(_options);
        var page = _pages[_next++ % _pages.Count];
        return (await ServiceOwners.OfAsync(db, page)).Count;
    }
}
