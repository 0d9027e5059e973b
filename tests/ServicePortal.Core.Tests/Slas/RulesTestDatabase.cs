using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Slas;

/// <summary>
/// A migrated SQLite database in a temp file, with the auditing interceptor the app uses, for the SLA and governance
/// tests. Private to these folders until the shared SqliteTestDatabase helper lands; then switch to it.
/// </summary>
internal sealed class RulesTestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private readonly string _path;
    private readonly DbContextOptions<PortalDbContext> _options;

    private RulesTestDatabase(string path, FixedClock clock)
    {
        _path = path;
        Clock = clock;
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=" + path))
            .AddInterceptors(new AuditingInterceptor(new SystemActor(), clock));
        _options = builder.Options;
    }

    public FixedClock Clock { get; }

    public static async Task<RulesTestDatabase> CreateAsync(DateOnly today)
    {
        var database = new RulesTestDatabase(Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.db"), new FixedClock(today));
        await using var db = database.CreateDbContext();
        await PortalDatabase.MigrateAsync(db, TestContext.Current.CancellationToken);
        return database;
    }

    public PortalDbContext CreateDbContext() => new(_options);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>A clock stopped at noon UTC of one day, so "today" is the same in every time zone test runs in.</summary>
internal sealed class FixedClock(DateOnly today) : TimeProvider
{
    public DateOnly Today { get; set; } = today;

    public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
