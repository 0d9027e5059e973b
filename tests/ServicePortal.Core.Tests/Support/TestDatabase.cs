using Microsoft.Data.Sqlite;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Support;

/// <summary>A migrated, empty portal database on SQLite (a temp file) or PostgreSQL (a fresh database), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;

    private TestDatabase(DatabaseSettings settings, PostgresServer? postgres)
    {
        Settings = settings;
        _postgres = postgres;
    }

    public DatabaseSettings Settings { get; }

    public string Actor { get; set; } = "tester@demo.local";

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"sp-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=false"), null);
        }
        else
        {
            var server = await PostgresServer.GetAsync();
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync()), server);
        }

        if (migrate)
        {
            await using var db = database.CreateContext();
            await PortalDatabase.MigrateAsync(db);
        }

        return database;
    }

    /// <summary>A context wired like the app's: auditing interceptor included, acting as <see cref="Actor"/>.</summary>
    public PortalDbContext CreateContext()
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, Settings);
        options.AddInterceptors(new AuditingInterceptor(new FixedActor(() => Actor), TimeProvider.System));
        return new PortalDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(Settings.ConnectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class FixedActor(Func<string> name) : ICurrentActor
    {
        public string Name => name();
    }
}
