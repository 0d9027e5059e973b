using ServicePortal.Core.Data;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Tests.Support;

/// <summary>
/// A class fixture holding a SQLite database loaded once with the sample enterprise (seed-data/). Use it with
/// <c>IClassFixture&lt;SampleDatabase&gt;</c> for read-only tests; a test that changes data needs its own database.
/// </summary>
public sealed class SampleDatabase : IAsyncLifetime
{
    private SqliteTestDatabase? _database;

    public SqliteTestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public SeedResult Seed { get; private set; } = null!;

    public PortalDbContext CreateContext() => Database.CreateContext();

    public async ValueTask InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
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
