using System.Globalization;
using Microsoft.Data.Sqlite;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Writes a <see cref="SyntheticCmdb"/> into a temp SQLite file whose schema comes from the real migrations. Rows go
/// in with raw parameterized ADO.NET in one transaction (EF would take minutes for 600k rows).
/// </summary>
public sealed class SyntheticDatabase : IDisposable
{
    private SyntheticDatabase(string path)
    {
        Path = path;
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}");
    }

    public string Path { get; }

    public DatabaseSettings Settings { get; }

    public static SyntheticDatabase Create(SyntheticCmdb cmdb)
    {
        var database = new SyntheticDatabase(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cmdb-bench-{Guid.NewGuid():N}.db"));
        using (var db = database.NewContext())
        {
            PortalDatabase.MigrateAsync(db).GetAwaiter().GetResult();
        }

        using var connection = new SqliteConnection(database.Settings.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        Insert(transaction, "INSERT INTO Domains (Id, Key, Name, Version, CreatedAt, UpdatedAt) VALUES ($id, $key, $name, 1, $now, $now)",
            Enumerable.Range(1, SyntheticCmdb.DomainCount), (p, id) => { p["$id"].Value = id; p["$key"].Value = $"D{id}"; p["$name"].Value = $"Domain {id}"; }, now);

        Insert(transaction,
            "INSERT INTO Nodes (Id, Key, Name, NodeType, Lifecycle, Status, DomainId, Kind, Tier, IsInternal, Version, CreatedAt, UpdatedAt) " +
            "VALUES ($id, $key, $name, $type, $lifecycle, $status, $domain, $kind, $tier, $internal, 1, $now, $now)",
            cmdb.Nodes, (p, n) =>
            {
                p["$id"].Value = n.Id;
                p["$key"].Value = n.Key;
                p["$name"].Value = n.Name;
                p["$type"].Value = n.NodeType.ToString();
                p["$lifecycle"].Value = n.Lifecycle.ToString();
                p["$status"].Value = n.Status.ToString();
                p["$domain"].Value = (object?)n.DomainId ?? DBNull.Value;
                p["$kind"].Value = (object?)n.Kind?.ToString() ?? DBNull.Value;
                p["$tier"].Value = (object?)n.Tier ?? DBNull.Value;
                p["$internal"].Value = n.IsInternal is { } flag ? (flag ? 1 : 0) : DBNull.Value;
            }, now);

        Insert(transaction, "INSERT INTO RedundancyGroups (Id, Key, Name, MinimumUp, Version, CreatedAt, UpdatedAt) VALUES ($id, $key, $name, $min, 1, $now, $now)",
            cmdb.Groups, (p, g) => { p["$id"].Value = g.Id; p["$key"].Value = $"G{g.Id}"; p["$name"].Value = $"Group {g.Id}"; p["$min"].Value = g.MinimumUp; }, now);

        Insert(transaction,
            "INSERT INTO Relationships (Id, SourceId, TargetId, Type, RedundancyGroupId, Version, CreatedAt, UpdatedAt) " +
            "VALUES ($id, $source, $target, $type, $group, 1, $now, $now)",
            cmdb.Edges, (p, e) =>
            {
                p["$id"].Value = e.RelationshipId;
                p["$source"].Value = e.SourceId;
                p["$target"].Value = e.TargetId;
                p["$type"].Value = e.Type.ToString();
                p["$group"].Value = (object?)e.RedundancyGroupId ?? DBNull.Value;
            }, now);

        transaction.Commit();
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            analyze.ExecuteNonQuery();
        }

        return database;
    }

    public PortalDbContext NewContext() => new(PortalDatabase.Options(Settings));

    public void Dispose()
    {
        using (var connection = new SqliteConnection(Settings.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }

    private static void Insert<T>(SqliteTransaction transaction, string sql, IEnumerable<T> rows, Action<SqliteParameterCollection, T> bind, string now)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, now));
        }

        command.Prepare();
        foreach (var row in rows)
        {
            bind(command.Parameters, row);
            command.ExecuteNonQuery();
        }
    }
}
