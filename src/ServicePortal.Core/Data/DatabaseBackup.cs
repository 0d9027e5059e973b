using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ServicePortal.Core.Data;

/// <summary>
/// A consistent copy of the SQLite database while the portal runs, made with <c>VACUUM INTO</c>: SQLite writes a
/// transactionally consistent, compacted copy without stopping readers or writers. PostgreSQL installations back up
/// with the server's own tools (pg_dump), so this refuses there with that advice.
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public string FileName() => $"serviceportal-{clock.GetUtcNow():yyyyMMdd-HHmmss}.db";

    /// <summary>Writes the backup to a new temporary file and returns its path; the caller deletes it.</summary>
    public async Task<string> CreateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            throw new NotSupportedException("Backups from the portal are for SQLite; back up PostgreSQL with pg_dump.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"sp-backup-{Guid.NewGuid():N}.db");
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.Add(new SqliteParameter("$path", path));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return path;
    }
}
