using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ServicePortal.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where the portal keeps its data: <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/serviceportal.db";

    public static DatabaseSettings From(Microsoft.Extensions.Configuration.IConfiguration configuration, string? baseDirectory = null)
    {
        var providerName = configuration["Database:Provider"];
        var provider = providerName?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            _ => throw new InvalidOperationException(
                $"Database:Provider is '{providerName}'. Use 'Sqlite' (the default) or 'PostgreSQL'."),
        };
        var connectionString = configuration.GetSection("ConnectionStrings")["Portal"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:Portal must be set when Database:Provider is PostgreSQL.");
        }

        return provider == DatabaseProvider.Sqlite
            ? new DatabaseSettings(provider, AnchorSqlitePath(connectionString, baseDirectory ?? Directory.GetCurrentDirectory()))
            : new DatabaseSettings(provider, connectionString);
    }

    /// <summary>A relative SQLite file is placed under <paramref name="baseDirectory"/>, and its folder is created.</summary>
    private static string AnchorSqlitePath(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        return builder.ToString();
    }
}

/// <summary>Provider set-up and schema migration, shared by the web host, tests and tools.</summary>
public static class PortalDatabase
{
    /// <summary>
    /// Each provider has its own migrations, with their own model snapshot, in an assembly of their own
    /// (src/ServicePortal.Migrations.Sqlite and .PostgreSql): EF's "one context type, a migrations assembly per
    /// provider" layout, so every caller keeps using <see cref="PortalDbContext"/>. A host that migrates must reference both.
    /// </summary>
    public const string SqliteMigrationsAssembly = "ServicePortal.Migrations.Sqlite";

    /// <inheritdoc cref="SqliteMigrationsAssembly"/>
    public const string PostgreSqlMigrationsAssembly = "ServicePortal.Migrations.PostgreSql";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings) =>
        // `ids.Contains(x)` is sent as one JSON (SQLite) or array (PostgreSQL) parameter, not one parameter per
        // element: the SQL is the same whatever the number of ids, so EF and the database reuse one plan.
        settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString, sqlite => sqlite
                .CommandTimeout(60)
                .MigrationsAssembly(SqliteMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(settings.ConnectionString, npgsql => npgsql
                .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };

    public static DbContextOptions<PortalDbContext> Options(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(builder, settings);
        return builder.Options;
    }

    /// <summary>
    /// Applies every migration not yet applied, after adopting a database of the previous release
    /// (<see cref="PreviousReleaseAdoption"/>; true when it did). On SQLite, also switches the file to write-ahead logging.
    /// </summary>
    public static async Task<bool> MigrateAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every open page) go on while a writer saves.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var adopted = await PreviousReleaseAdoption.AdoptAsync(db, cancellationToken);

        // A database written before names were unique ignoring case may hold "Acme" and "ACME": say which, rather than
        // let the migration that creates the case-insensitive indexes fail on them (UniqueNames, CaseInsensitiveNames).
        if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()
            && await UniqueNames.FindClashesAsync(db, cancellationToken) is { Count: > 0 } clashes)
        {
            throw new InvalidOperationException(
                "The database holds names that differ only in case, which the portal no longer allows; rename one of each and start again: "
                + string.Join("; ", clashes) + ".");
        }

        await db.Database.MigrateAsync(cancellationToken);
        return adopted;
    }

    /// <summary>
    /// Refreshes the query planner's statistics (ANALYZE). SQLite keeps none until asked, and without them it takes
    /// "NodeType = 'Service'" for a handful of rows: a list page then scans the lists' index for its 20 ids instead
    /// of looking them up. Run on start (SQLite) and after a bulk load; PostgreSQL's autovacuum keeps its own.
    /// </summary>
    public static async Task RefreshStatisticsAsync(PortalDbContext db, CancellationToken cancellationToken = default) =>
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
}
