using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Data;

/// <summary>
/// The schema the migrations build equals the schema EF builds from the current model, table by table, column by
/// column, index by index, on both providers; and neither provider's model snapshot lags behind the model (what
/// <c>dotnet ef migrations has-pending-model-changes</c> checks). When one fails, the model changed without a
/// migration: add one per provider (README, "Changing the data model").
/// </summary>
public class SchemaEquivalenceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task MigratedSchema_EqualsTheSchemaOfTheModel(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider, migrate: true);
        await using var created = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = created.CreateContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var fromMigrations = await SchemaDescription.DescribeAsync(migrated);
        var fromModel = await SchemaDescription.DescribeAsync(created);

        Assert.NotEmpty(fromModel);
        Assert.Equal(fromModel, fromMigrations);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Model_HasNoChangesMissingFromTheMigrations(DatabaseProvider provider)
    {
        // The same comparison as `dotnet ef migrations has-pending-model-changes`: the snapshot against the model.
        // It needs no connection, so PostgreSQL is checked even where no server runs.
        var connection = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused";
        await using var db = new PortalDbContext(PortalDatabase.Options(new DatabaseSettings(provider, connection)));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model snapshot is behind the model: add a migration (README, \"Changing the data model\").");
    }

    [Fact]
    public async Task Migrate_IsRecordedSoASecondStartAppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();

        var pending = await db.Database.GetPendingMigrationsAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.Empty(pending);
        Assert.Equal(db.Database.GetMigrations(), applied);
    }
}
