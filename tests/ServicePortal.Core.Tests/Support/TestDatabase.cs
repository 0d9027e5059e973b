using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Support;

/// <summary>
/// A migrated, empty portal database on SQLite (a temp file) or PostgreSQL (a fresh database), dropped afterwards —
/// the one test database of this project. It is itself a context factory, so Core services take it directly:
/// its contexts are wired like the app's (auditing interceptor, acting as <see cref="Actor"/>, on <see cref="Clock"/>);
/// <see cref="CreatePlainContext"/> gives a context with only the interceptors passed (bulk loads, graph tests).
/// </summary>
public sealed class TestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private readonly PostgresServer? _postgres;

    private TestDatabase(DatabaseSettings settings, PostgresServer? postgres, TimeProvider clock)
    {
        Settings = settings;
        _postgres = postgres;
        Clock = clock;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>The clock the auditing interceptor stamps changes with (a fixed one for rules that depend on "today").</summary>
    public TimeProvider Clock { get; }

    public string Actor { get; set; } = "tester@demo.local";

    /// <summary>A factory of plain contexts on this database (no auditing interceptor).</summary>
    public IDbContextFactory<PortalDbContext> Plain => new PlainFactory(this);

    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, bool migrate = true, TimeProvider? clock = null)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"sp-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=false"), null, clock ?? TimeProvider.System);
        }
        else
        {
            var server = await PostgresServer.GetAsync();
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync()), server, clock ?? TimeProvider.System);
        }

        if (migrate)
        {
            await using var db = database.CreatePlainContext();
            await PortalDatabase.MigrateAsync(db);
        }

        return database;
    }

    /// <summary>A context wired like the app's: auditing interceptor included, acting as <see cref="Actor"/>.</summary>
    public PortalDbContext CreateContext() =>
        CreatePlainContext(new AuditingInterceptor(new FixedActor(() => Actor), Clock));

    public PortalDbContext CreateDbContext() => CreateContext();

    /// <summary>A context with only the interceptors given.</summary>
    public PortalDbContext CreatePlainContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, Settings);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return new PortalDbContext(options.Options);
    }

    /// <summary>Row counts of every table the migrations created (EF's own tables excluded); SQLite only.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(Settings.ConnectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        return counts;
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

    private sealed class PlainFactory(TestDatabase database) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.CreatePlainContext();
    }
}

/// <summary>A clock stopped at noon UTC of one day, so "today" is the same in every time zone the tests run in.</summary>
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    public DateOnly Today { get; set; } = today;

    public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
