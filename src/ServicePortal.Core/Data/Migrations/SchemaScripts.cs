using Microsoft.EntityFrameworkCore;

namespace ServicePortal.Core.Data.Migrations;

/// <summary>
/// The DDL of the first migration, per provider, as EF itself generates it from the model
/// (<c>GenerateCreateScript</c>). Checked in under Data/Migrations/Sql and embedded. While the model is young the
/// scripts are regenerated (see README, "Changing the data model"); once a release has shipped, further changes
/// are new <c>MigrationBuilder</c> migrations, each proven by the schema-equivalence test.
/// </summary>
public static class SchemaScripts
{
    public static string FileName(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "Sqlite.sql" : "PostgreSql.sql";

    /// <summary>The statements of the embedded script for the provider EF names (e.g. "Microsoft.EntityFrameworkCore.Sqlite").</summary>
    public static IReadOnlyList<string> Statements(string? activeProvider)
    {
        var provider = activeProvider?.Contains("Npgsql", StringComparison.Ordinal) == true ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        var name = $"ServicePortal.Core.Data.Migrations.Sql.{FileName(provider)}";
        using var stream = typeof(SchemaScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return Split(reader.ReadToEnd());
    }

    /// <summary>Generates both scripts from the current model and writes them into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Write(string directory)
    {
        var written = new List<string>();
        foreach (var (provider, connection) in new[]
                 {
                     (DatabaseProvider.Sqlite, "Data Source=:memory:"),
                     (DatabaseProvider.PostgreSql, "Host=localhost;Database=serviceportal"),
                 })
        {
            using var db = new PortalDbContext(PortalDatabase.Options(new DatabaseSettings(provider, connection)));
            var path = Path.Combine(directory, FileName(provider));
            File.WriteAllText(path, db.Database.GenerateCreateScript().ReplaceLineEndings("\n"));
            written.Add(path);
        }

        return written;
    }

    /// <summary>EF separates generated statements with a line that ends in ';' followed by a blank line.</summary>
    internal static IReadOnlyList<string> Split(string script) =>
        script.ReplaceLineEndings("\n")
            .Split(";\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0 && !s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal) && s != "COMMIT")
            .ToList();
}
