using ServicePortal.Core.Data;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Tests.Support;

/// <summary>
/// A class fixture holding a SQLite database loaded once with the sample enterprise (seed-data/). Use it with
/// <c>IClassFixture&lt;SampleDatabase&gt;</c> for read-only tests; a test that changes data needs its own database.
/// </summary>
public sealed class SampleDatabase : IAsyncLifetime, Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public SeedResult Seed { get; private set; } = null!;

    public PortalDbContext CreateContext() => Database.CreatePlainContext();

    public PortalDbContext CreateDbContext() => CreateContext();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreatePlainContext();
        Seed = await SeedLoader.LoadAsync(db, SeedFolder.Sample, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
