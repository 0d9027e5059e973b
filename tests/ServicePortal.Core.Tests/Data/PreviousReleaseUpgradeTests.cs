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
    /// <summary>Columns whose meaning a migration changed since that release; checked on their own below.</summary>
    private static readonly string[] ChangedMeaning = ["PracticeKpis.Target"];

    /// <summary>What governance staff wrote as targets before KPIs were measurable.</summary>
    private static readonly string[] OldTextTargets = ["≥ 95 %", "< 4 h for P1, < 1 day otherwise", "100 % of changes reviewed"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_AdoptsThePreviousReleaseAndKeepsEveryRow(DatabaseProvider provider)
    {
        await using var legacy = await PreviousReleaseDatabase.CreateAsync(provider);
        await LoadSampleWithEditsAsync(legacy, provider);
        await using var fresh = await TestDatabase.CreateAsync(provider);
        var todaysColumns = await SchemaDescription.ColumnsAsync(fresh);
        var legacyColumns = await SchemaDescription.ColumnsAsync(legacy);
        Assert.Empty(legacyColumns.Keys.Except(todaysColumns.Keys)); // no table of that release was dropped since

        // What the release's rows say in every column that still exists with the same meaning, before and after.
        var kept = legacyColumns.ToDictionary(t => t.Key, t => t.Value.Select(c => c.Name)
            .Where(c => todaysColumns[t.Key].Any(m => m.Name == c) && !ChangedMeaning.Contains($"{t.Key}.{c}"))
            .ToList());
        var before = new Dictionary<string, List<string>>();
        foreach (var (table, columns) in kept)
        {
            before[table] = await SchemaDescription.RowsAsync(legacy, table, columns);
        }

        var oldTargets = await SchemaDescription.RowsAsync(legacy, "PracticeKpis", ["Id", "Target"]);
        Assert.Contains(before["Nodes"], r => r.Contains("(renamed)", StringComparison.Ordinal)); // the edits made it
        Assert.Contains(before["AspNetUsers"], r => r.Contains("upgrade@demo.local", StringComparison.Ordinal));

        await using (var db = legacy.CreatePlainContext())
        {
            await PortalDatabase.MigrateAsync(db);
        }

        foreach (var (table, columns) in kept)
        {
            Assert.Equal(before[table], await SchemaDescription.RowsAsync(legacy, table, columns));
        }

        // The old text target is the KPI's definition now; its target waits for a number; each KPI has its own key.
        Assert.Equal(
            oldTargets.Select(r => r.Replace(", Target=", ", Definition=", StringComparison.Ordinal)),
            await SchemaDescription.RowsAsync(legacy, "PracticeKpis", ["Id", "Definition"]));
        Assert.Contains(oldTargets, r => r.EndsWith($"Target={OldTextTargets[0]}", StringComparison.Ordinal));
        Assert.All(await SchemaDescription.RowsAsync(legacy, "PracticeKpis", ["Target"]), t => Assert.Equal("Target=0", t));
        var keys = await SchemaDescription.RowsAsync(legacy, "PracticeKpis", ["Key"]);
        Assert.DoesNotContain("Key=", keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());

        await using (var db = legacy.CreatePlainContext())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(await PreviousReleaseAdoption.AdoptAsync(db)); // a second start finds nothing to adopt
        }

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

    /// <summary>
    /// The sample enterprise and what users do (edits through the audited context, a removal, an account), done on
    /// today's schema and then copied into the legacy database in that release's columns; a few KPIs get the text
    /// targets that release stored.
    /// </summary>
    private static async Task LoadSampleWithEditsAsync(TestDatabase legacy, DatabaseProvider provider)
    {
        await using var current = await TestDatabase.CreateAsync(provider);
        await using (var db = current.CreatePlainContext())
        {
            await SeedLoader.LoadAsync(db, SeedFolder.Sample);
        }

        await using (var db = current.CreateContext())
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

        await PreviousReleaseDatabase.FillFromAsync(legacy, current);
        await using (var db = legacy.CreatePlainContext())
        {
            var ids = await db.Database.SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "PracticeKpis" ORDER BY "Id" """).ToListAsync();
            Assert.True(ids.Count >= OldTextTargets.Length, "the sample has too few KPIs to carry the old text targets");
            for (var i = 0; i < OldTextTargets.Length; i++)
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "PracticeKpis" SET "Target" = {OldTextTargets[i]} WHERE "Id" = {ids[i]}""");
            }
        }
    }
}
