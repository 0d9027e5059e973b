using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Auditing;

/// <summary>
/// Imports plan outside the write transaction and commit in a short one. These tests save "someone else's" change
/// exactly between the plan and the commit: the moment the import begins its transaction.
/// </summary>
public class PlannedCommitTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task CatalogImport_WhenSomeoneEditsAnImportedServiceMeanwhile_PlansAgainAndKeepsBothChanges()
    {
        await using var database = await SampleAsync();
        var factory = new InterleavingFactory(database, () => EditAsync(database, "SVC-WEB-SHOP", s => s.Description = "Edited by someone else"));
        var csv = "key,name\nSVC-WEB-SHOP,Web shop (renamed by import)\n";

        var result = await new CatalogImport(factory, TimeProvider.System).CommitAsync(ImportFormat.ServicesCsv, Utf8(csv));

        Assert.True(factory.Interleaved);
        Assert.True(result.Committed, result.Message);
        await using var db = database.CreateContext();
        var service = await db.Services.SingleAsync(s => s.Key == "SVC-WEB-SHOP");
        Assert.Equal("Web shop (renamed by import)", service.Name);
        Assert.Equal("Edited by someone else", service.Description);
    }

    [Fact]
    public async Task CatalogImport_WhenAChangeMeanwhileMakesTheInputInvalid_StoresNothing()
    {
        await using var database = await SampleAsync();
        // Someone else gives an existing supplier the name the import is about to use for a new one.
        var factory = new InterleavingFactory(database, () => EditAsync(database, "SUP-DIGITAL-ENG", s => s.Name = "Imported Freight Ltd"));
        var csv = "key,name,category\nSUP-IMPORT-NEW,Imported Freight Ltd,Tactical\n";
        var before = await CountsAsync(database);

        var result = await new CatalogImport(factory, TimeProvider.System).CommitAsync(ImportFormat.SuppliersCsv, Utf8(csv));

        Assert.True(factory.Interleaved);
        Assert.False(result.Committed);
        Assert.StartsWith("Nothing was imported", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Preview.Errors, e => e.Field == "name" && e.Message.Contains("SUP-DIGITAL-ENG", StringComparison.Ordinal));
        var after = await CountsAsync(database);
        Assert.Equal(before["nodes"], after["nodes"]);
        Assert.Equal(before["versionSum"] + 1, after["versionSum"]); // the other user's edit, nothing of the import
        await using var db = database.CreateContext();
        Assert.False(await db.Suppliers.AnyAsync(s => s.Key == "SUP-IMPORT-NEW"));
    }

    [Theory]
    [InlineData(false, 1)] // a service's description: kept, and the plan stands
    [InlineData(true, 2)] // a domain, which the plan relies on: planned again, outside the transaction (inside it, every
                          // other user's save would wait for the whole plan)
    public async Task AChangeMeanwhile_IsKept_AndPlannedAgainOnlyWhenThePlanReliesOnIt(bool reliedOn, int expectedPlans)
    {
        await using var database = await SampleAsync();
        var factory = new InterleavingFactory(database, () => reliedOn
            ? EditDomainAsync(database, "DOM-INFRA", "Infrastructure (renamed meanwhile)")
            : EditAsync(database, "SVC-MOBILE-APP", s => s.Description = "Unrelated edit"));
        await using var db = factory.CreateDbContext();
        var plans = 0;

        var outcome = await PlannedCommit.RunAsync(
            db,
            _ => Task.FromResult(++plans),
            _ => true,
            (_, change) => change.EntityType == nameof(Domain),
            _ => db.Domains.Add(new Domain { Key = "DOM-PLANNED", Name = "Planned domain" }),
            CancellationToken.None);

        Assert.True(factory.Interleaved);
        Assert.Equal(PlannedCommitStatus.Committed, outcome.Status);
        Assert.False(outcome.Replanned);
        Assert.Equal(expectedPlans, plans);
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Domains.CountAsync(d => d.Key == "DOM-PLANNED"));
        Assert.Equal(
            reliedOn ? "Infrastructure (renamed meanwhile)" : "Unrelated edit",
            reliedOn ? (await check.Domains.SingleAsync(d => d.Key == "DOM-INFRA")).Name : (await check.Services.SingleAsync(s => s.Key == "SVC-MOBILE-APP")).Description);
    }

    [Fact]
    public async Task ASaveThatFailsAtCommit_StoresNoneOfThePlan()
    {
        await using var database = await SampleAsync();
        // The other writer takes the key the plan adds; the plan (wrongly) says it does not care, so only the unique
        // index stops it, at the save: none of the plan's rows may stay behind.
        var factory = new InterleavingFactory(database, async () =>
        {
            await using var other = database.CreateContext();
            other.Domains.Add(new Domain { Key = "DOM-TAKEN", Name = "Taken first" });
            await other.SaveChangesAsync();
        });
        await using var db = factory.CreateDbContext();
        var before = await CountsAsync(database);

        var outcome = await PlannedCommit.RunAsync(
            db,
            _ => Task.FromResult(0),
            _ => true,
            (_, _) => false,
            _ =>
            {
                db.Domains.Add(new Domain { Key = "DOM-PLANNED-OK", Name = "Would be fine" });
                db.Domains.Add(new Domain { Key = "DOM-TAKEN", Name = "Taken later" });
            },
            CancellationToken.None);

        Assert.Equal(PlannedCommitStatus.Conflict, outcome.Status);
        await using var check = database.CreateContext();
        Assert.False(await check.Domains.AnyAsync(d => d.Key == "DOM-PLANNED-OK"));
        Assert.Equal("Taken first", (await check.Domains.SingleAsync(d => d.Key == "DOM-TAKEN")).Name);
        Assert.Equal(before["nodes"], (await CountsAsync(database))["nodes"]);
    }

    private static async Task<TestDatabase> SampleAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        await SeedLoader.LoadAsync(db, SeedFolder.Sample);
        return database;
    }

    private static async Task EditDomainAsync(TestDatabase database, string key, string name)
    {
        await using var db = database.CreateContext();
        (await db.Domains.SingleAsync(d => d.Key == key)).Name = name;
        await db.SaveChangesAsync();
    }

    private static async Task EditAsync(TestDatabase database, string key, Action<Node> edit)
    {
        await using var db = database.CreateContext();
        edit(await db.Nodes.SingleAsync(n => n.Key == key));
        await db.SaveChangesAsync();
    }

    private static async Task<Dictionary<string, long>> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return new Dictionary<string, long>
        {
            ["domains"] = await db.Domains.CountAsync(),
            ["nodes"] = await db.Nodes.CountAsync(),
            ["versionSum"] = await db.Nodes.SumAsync(n => n.Version),
        };
    }

    /// <summary>Contexts like the app's whose first transaction start runs <c>meanwhile</c> first (another connection's save).</summary>
    private sealed class InterleavingFactory(TestDatabase database, Func<Task> meanwhile) : IDbContextFactory<PortalDbContext>
    {
        private int _done;

        public bool Interleaved => _done == 1;

        private Func<Task> Meanwhile => meanwhile;

        public PortalDbContext CreateDbContext() =>
            database.CreatePlainContext(new AuditingInterceptor(new Actor(database.Actor), database.Clock), new Interleave(this));

        private sealed class Actor(string name) : ICurrentActor
        {
            public string Name => name;
        }

        private sealed class Interleave(InterleavingFactory owner) : DbTransactionInterceptor
        {
            public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
                DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref owner._done, 1) == 0)
                {
                    await owner.Meanwhile();
                }

                return result;
            }
        }
    }
}
