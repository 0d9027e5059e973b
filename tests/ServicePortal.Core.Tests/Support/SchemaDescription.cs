using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Support;

/// <summary>A database's schema and contents as sorted lines of text, for comparing two databases.</summary>
public static class SchemaDescription
{
    public static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = database.Settings.Provider == DatabaseProvider.Sqlite
            ? await DescribeSqliteAsync(connection)
            : await DescribePostgresAsync(connection);
        return lines.Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> DescribeSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Select(t => t[0]))
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }
        }

        foreach (var index in await QueryAsync(connection, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        {
            // SQLite keeps the CREATE INDEX text as written; only its whitespace may differ between the two paths.
            lines.Add($"index {index[1]}.{index[0]}: {Regex.Replace(index[2], @"\s+", " ").Trim()}");
        }

        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, ''), coalesce(character_maximum_length::text, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[5]}) nullable={c[3]} default={c[4]}");
        }

        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"index {i[0]}.{i[1]}: {i[2]}");
        }

        foreach (var f in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
            """))
        {
            lines.Add($"constraint {f[0]}.{f[1]}: {f[2]}");
        }

        return lines;
    }

    public static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Every row of every portal table (EF's own tables excluded), one line per row: "Table: column=value, …", sorted.
    /// </summary>
    public static async Task<List<string>> ContentsAsync(TestDatabase database)
    {
        await using var db = database.CreatePlainContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = database.Settings.Provider == DatabaseProvider.Sqlite
            ? await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await QueryAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        var lines = new List<string>();
        foreach (var table in tables.Select(t => t[0]).Where(t => !t.StartsWith("__EF", StringComparison.Ordinal)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader, i)}");
                lines.Add($"{table}: {string.Join(", ", values)}");
            }
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each portal table (EF's own tables excluded) with its columns and their declared types, in table order.</summary>
    public static async Task<Dictionary<string, List<(string Name, string Type)>>> ColumnsAsync(TestDatabase database)
    {
        await using var db = database.CreatePlainContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = database.Settings.Provider == DatabaseProvider.Sqlite
            ? await QueryAsync(connection, """
                SELECT m.name, c.name, c.type FROM sqlite_master m, pragma_table_info(m.name) c
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid
                """)
            : await QueryAsync(connection, """
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position
                """);
        return columns
            .Where(c => !c[0].StartsWith("__EF", StringComparison.Ordinal))
            .GroupBy(c => c[0])
            .ToDictionary(g => g.Key, g => g.Select(c => (c[1], c[2])).ToList());
    }

    /// <summary>The foreign keys between portal tables, as (table, the table it references); self-references included.</summary>
    public static async Task<List<(string Table, string Referenced)>> ReferencesAsync(TestDatabase database)
    {
        await using var db = database.CreatePlainContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var references = database.Settings.Provider == DatabaseProvider.Sqlite
            ? await QueryAsync(connection, """
                SELECT m.name, f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """)
            : await QueryAsync(connection, """
                SELECT t.relname, r.relname FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                """);
        return references.Select(r => (r[0], r[1])).ToList();
    }

    /// <summary>Every row of one table, only the given columns, one line per row ("column=value, …"), sorted.</summary>
    public static async Task<List<string>> RowsAsync(TestDatabase database, string table, IEnumerable<string> columns)
    {
        await using var db = database.CreatePlainContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader, i)}")));
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? "null"
        : reader.GetValue(ordinal) switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}
