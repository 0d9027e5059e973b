using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Data.PreviousRelease;

namespace ServicePortal.Core.Tests.Data;

/// <summary>
/// A database of the previous release (hand-written migrations 20261121000000_InitialCreate and
/// 20261121090000_ListCoveringIndex, sample data, some edits) starts on today's migrations with every row intact.
/// </summary>
public class PreviousReleaseUpgradeTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_AdoptsThePreviousReleaseAndKeepsEveryRow(DatabaseProvider provider)
    {
        await using var legacy = await PreviousReleaseDatabase.CreateAsync(provider);
        await LoadSampleWithEditsAsync(legacy);
        var before = await SchemaDescription.ContentsAsync(legacy);

        await using (var db = legacy.CreatePlainContext())
        {
            await PortalDatabase.MigrateAsync(db);
        }

        Assert.Equal(before, await SchemaDescription.ContentsAsync(legacy));
        await using (var db = legacy.CreatePlainContext())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(await PreviousReleaseAdoption.AdoptAsync(db)); // a second start finds nothing to adopt
        }

        await using var fresh = await TestDatabase.CreateAsync(provider);
        Assert.Equal(await SchemaDescription.DescribeAsync(fresh), await SchemaDescription.DescribeAsync(legacy));
    }

    [Fact]
    public async Task Migrate_GivesADatabaseFromBeforeTheCoveringIndexThatIndex()
    {
        await using var legacy = await PreviousReleaseDatabase.CreateAsync(DatabaseProvider.Sqlite, withListCoveringIndex: false);

        await using (var db = legacy.CreatePlainContext())
        {
            await PortalDatabase.MigrateAsync(db);
        }

        await using var fresh = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(await SchemaDescription.DescribeAsync(fresh), await SchemaDescription.DescribeAsync(legacy));
    }

    [Fact]
    public async Task Migrate_RefusesAPreviousReleaseHistoryWhoseSchemaLacksColumns_AndChangesNothing()
    {
        await using var legacy = await PreviousReleaseDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = legacy.CreatePlainContext();
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Domains" DROP COLUMN "Description" """);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalDatabase.MigrateAsync(db));

        Assert.Contains("Domains.Description", error.Message);
        Assert.Equal([PreviousReleaseAdoption.InitialCreate, PreviousReleaseAdoption.ListCoveringIndex], await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The sample enterprise, then what users do: edits through the audited context, a removal, an account.</summary>
    private static async Task LoadSampleWithEditsAsync(TestDatabase database)
    {
        await using (var db = database.CreatePlainContext())
        {
            await SeedLoader.LoadAsync(db, SeedFolder.Sample);
        }

        await using (var db = database.CreateContext())
        {
            var service = await db.Services.OrderBy(s => s.Key).FirstAsync();
            service.Name += " (renamed)";
            service.Description = "Edited before the upgrade: ünïcödé, 'quotes' and \"double quotes\".";
            service.Status = OperationalStatus.Degraded;
            var supplier = await db.Suppliers.OrderBy(s => s.Key).FirstAsync();
            supplier.ContactName = "Upgrade Tester";
            db.Relationships.Remove(await db.Relationships.OrderBy(r => r.Id).FirstAsync());
            db.Users.Add(new PortalUser
            {
                UserName = "upgrade@demo.local",
                NormalizedUserName = "UPGRADE@DEMO.LOCAL",
                Email = "upgrade@demo.local",
                DisplayName = "Upgrade Tester",
                SecurityStamp = "stamp",
            });
            await db.SaveChangesAsync();
        }
    }
}
