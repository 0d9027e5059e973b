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

    /// <summary>The release split its script the same way: EF ends each statement with ';' and a blank line.</summary>
    private static IEnumerable<string> Statements(string script) =>
        script.ReplaceLineEndings("\n")
            .Split(";\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0 && !s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal) && s != "COMMIT");
}
