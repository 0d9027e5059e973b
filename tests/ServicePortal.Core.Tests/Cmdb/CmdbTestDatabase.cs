using Microsoft.Data.Sqlite;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>
/// A migrated SQLite database in a temp file for the CMDB tests, deleted on dispose. Kept private to these tests
/// until the shared SqliteTestDatabase helper lands in Support/ on another branch.
/// </summary>
internal sealed class CmdbTestDatabase : IAsyncDisposable
{
    private CmdbTestDatabase(string path)
    {
        Path = path;
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=" + path);
    }

    public string Path { get; }

    public DatabaseSettings Settings { get; }

    public static async Task<CmdbTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var database = new CmdbTestDatabase(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cmdb-{Guid.NewGuid():N}.db"));
        await using var db = database.NewContext();
        await PortalDatabase.MigrateAsync(db, cancellationToken);
        return database;
    }

    public PortalDbContext NewContext() => new(PortalDatabase.Options(Settings));

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(Settings.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
