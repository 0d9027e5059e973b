using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Data.PreviousRelease;

/// <summary>
/// Builds a database exactly as the 2026-11-21 release left it: its first migration ran the frozen create script
/// beside this file (Sqlite.sql / PostgreSql.sql, what that release embedded), its second widened the lists' index,
/// and both were recorded in EF's history table under their old ids.
/// </summary>
public static class PreviousReleaseDatabase
{
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool withListCoveringIndex = true)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.CreatePlainContext();
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "PreviousRelease",
            provider == DatabaseProvider.Sqlite ? "Sqlite.sql" : "PostgreSql.sql"));
        foreach (var statement in Statements(script))
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }

        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateScript());
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(PreviousReleaseAdoption.InitialCreate, "10.0.14")));
        if (withListCoveringIndex)
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE INDEX "IX_Nodes_NodeType_Name_Key_DomainId" ON "Nodes" ("NodeType", "Name", "Key", "DomainId")""");
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Nodes_NodeType_Name" """);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(PreviousReleaseAdoption.ListCoveringIndex, "10.0.14")));
        }

        return database;
    }

    /// <summary>
    /// Copies every row of every table the previous release has from a database on today's schema, only the columns
    /// that release has, so the legacy database holds what that release could hold whatever migrations came since.
    /// Tables go parents first (rows by their first column, so a row follows the one it is based on); a value bound
    /// for a text column is written as text (PracticeKpis.Target was text then).
    /// </summary>
    public static async Task FillFromAsync(TestDatabase legacy, TestDatabase current)
    {
        var columns = await SchemaDescription.ColumnsAsync(legacy);
        var references = await SchemaDescription.ReferencesAsync(legacy);
        await using var source = current.CreatePlainContext();
        var from = source.Database.GetDbConnection();
        await from.OpenAsync();
        await using var target = legacy.CreatePlainContext();
        var to = target.Database.GetDbConnection();
        await to.OpenAsync();
        await using var transaction = await to.BeginTransactionAsync();
        foreach (var table in ParentsFirst(columns.Keys, references))
        {
            var names = columns[table].Select(c => $"\"{c.Name}\"").ToList();
            await using var select = from.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", names)} FROM \"{table}\" ORDER BY 1";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                await using var insert = to.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < names.Count; i++)
                {
                    var value = reader.GetValue(i);
                    if (IsText(columns[table][i].Type) && value is not (string or DBNull))
                    {
                        value = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                    }

                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = value;
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        if (legacy.Settings.Provider == DatabaseProvider.PostgreSql)
        {
            // Explicit ids leave the identity sequences behind; move them on as the release's own inserts would have.
            foreach (var table in columns.Where(t => t.Value.Any(c => c.Name == "Id" && c.Type == "integer")).Select(t => t.Key))
            {
                await using var advance = to.CreateCommand();
                advance.Transaction = transaction;
                advance.CommandText = $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), max("Id")) FROM "{table}" HAVING count(*) > 0""";
                await advance.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    private static bool IsText(string type) =>
        type.Equals("TEXT", StringComparison.OrdinalIgnoreCase) || type is "text" or "character varying";

    private static List<string> ParentsFirst(IEnumerable<string> tables, List<(string Table, string Referenced)> references)
    {
        var remaining = tables.Order(StringComparer.Ordinal).ToList();
        var ordered = new List<string>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => references.All(r => r.Table != t || r.Referenced == t || ordered.Contains(r.Referenced))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"Foreign keys go round in a cycle among {string.Join(", ", remaining)}.");
            }

            ordered.AddRange(ready);
            remaining.RemoveAll(ready.Contains);
        }

        return ordered;
    }

    /// <summary>The release split its script the same way: EF ends each statement with ';' and a blank line.</summary>
    private static IEnumerable<string> Statements(string script) =>
        script.ReplaceLineEndings("\n")
            .Split(";\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0 && !s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal) && s != "COMMIT");
}
