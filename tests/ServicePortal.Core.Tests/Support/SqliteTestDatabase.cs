using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Support;

/// <summary>
/// A migrated SQLite database in a temp file, deleted on dispose. Each test that needs a database creates its own
/// (<c>await using var database = await SqliteTestDatabase.CreateAsync();</c>) and opens short-lived contexts on it.
/// </summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    static SqliteTestDatabase()
    {
        // Core's module initializer redirects SQLitePCLRaw (PLATFORM.md #2); run it before any raw SqliteConnection opens.
        RuntimeHelpers.RunModuleConstructor(typeof(PortalDbContext).Module.ModuleHandle);
    }

    private SqliteTestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public DatabaseSettings Settings => new(DatabaseProvider.Sqlite, ConnectionString);

    /// <summary>Creates the file and applies every migration.</summary>
    public static async Task<SqliteTestDatabase> CreateAsync(CancellationToken ct = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "serviceportal-tests");
        Directory.CreateDirectory(folder);
        var database = new SqliteTestDatabase(Path.Combine(folder, $"{Guid.NewGuid():N}.db"));
        await using var db = database.CreateContext();
        await PortalDatabase.MigrateAsync(db, ct);
        return database;
    }

    /// <summary>A new context on this database; pass the auditing interceptor to test audited saves.</summary>
    public PortalDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, Settings);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return new PortalDbContext(options.Options);
    }

    /// <summary>Row counts of every table the migrations created (EF's history table excluded).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
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

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
