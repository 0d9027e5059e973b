using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>A Backstage import that names its source also removes what that source imported earlier and no longer holds.</summary>
public class BackstageSyncTests
{
    private const string Team = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: team-shop
        spec:
          type: team
          children: []
        """;

    private static string Component(string name, params string[] dependsOn) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: team-shop
          dependsOn: [{string.Join(", ", dependsOn.Select(d => "component:" + d))}]
        """;

    /// <summary>The shop's catalog: cart depends on stock; both owned by team-shop.</summary>
    private static IReadOnlyList<ImportFile> Catalog(params string[] documents) =>
        [new ImportFile("catalog-info.yaml", Encoding.UTF8.GetBytes(string.Join("\n---\n", documents)))];

    private static readonly IReadOnlyList<ImportFile> Full = Catalog(Team, Component("stock"), Component("cart", "stock"));

    private static readonly IReadOnlyList<ImportFile> WithoutCart = Catalog(Team, Component("stock"));

    private static readonly ImportSync Shop = new("shop-repo");

    private static CatalogImport Import(IDbContextFactory<PortalDbContext> database) => new(database, TimeProvider.System);

    private static async Task<InteropDatabase> ImportedAsync(IReadOnlyList<ImportFile>? files = null, ImportSync? sync = null)
    {
        var database = await InteropDatabase.CreateAsync(sample: false);
        var result = await Import(database).CommitAsync(ImportFormat.Backstage, files ?? Full, sync ?? Shop);
        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        return database;
    }

    [Fact]
    public async Task EntityAbsentFromItsSource_IsListedAsRemoval_WithItsEdges_AndRemovedOnCommit()
    {
        await using var database = await ImportedAsync();

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, WithoutCart, Shop);
        var result = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop);

        Assert.Equal(
            ["CMP-cart", "CMP-cart DependsOn CMP-stock", "CMP-cart ProvidedBy GRP-team-shop"],
            preview.Removals.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(preview.Removals, r => Assert.Equal(ImportChange.Remove, r.Change));
        Assert.Equal("Service", preview.Removals.Single(r => r.Key == "CMP-cart").EntityType);
        Assert.Equal("cart", preview.Removals.Single(r => r.Key == "CMP-cart").Name);
        Assert.True(preview.CanCommit);
        Assert.True(result.Committed, result.Message);
        Assert.Contains("3 removed", result.Message, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.False(await db.Nodes.AnyAsync(n => n.Key == "CMP-cart"));
        Assert.True(await db.Nodes.AnyAsync(n => n.Key == "CMP-stock"));
        Assert.Equal(["CMP-stock ProvidedBy GRP-team-shop"], await db.Relationships.Select(r => r.Source!.Key + " " + r.Type + " " + r.Target!.Key).ToListAsync());
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Deleted));
    }

    [Fact]
    public async Task UntickedRemoval_IsKept()
    {
        await using var database = await ImportedAsync();

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop with { Keep = ["CMP-cart", "CMP-cart ProvidedBy GRP-team-shop"] });

        Assert.True(result.Committed, result.Message);
        Assert.Equal(ImportChange.Keep, result.Preview.Removals.Single(r => r.Key == "CMP-cart").Change);
        Assert.Equal(ImportChange.Remove, result.Preview.Removals.Single(r => r.Key == "CMP-cart DependsOn CMP-stock").Change);
        await using var db = database.CreateDbContext();
        var cart = await db.Nodes.SingleAsync(n => n.Key == "CMP-cart");
        Assert.Equal(Lifecycle.Live, cart.Lifecycle);
        Assert.Equal(1, cart.Version);
        Assert.Equal(["CMP-cart ProvidedBy GRP-team-shop", "CMP-stock ProvidedBy GRP-team-shop"],
            (await db.Relationships.Select(r => r.Source!.Key + " " + r.Type + " " + r.Target!.Key).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemovedNode_ThatAKeptEdgeStillTouches_IsRetiredNotDeleted()
    {
        await using var database = await ImportedAsync();

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, WithoutCart, Shop with { Keep = ["CMP-cart DependsOn CMP-stock"] });
        var result = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop with { Keep = ["CMP-cart DependsOn CMP-stock"] });

        var cartItem = preview.Removals.Single(r => r.Key == "CMP-cart");
        Assert.Equal(ImportChange.Retire, cartItem.Change);
        Assert.Contains("CMP-cart DependsOn CMP-stock stays", cartItem.Note, StringComparison.Ordinal);
        Assert.True(result.Committed, result.Message);
        await using var db = database.CreateDbContext();
        var cart = await db.Nodes.SingleAsync(n => n.Key == "CMP-cart");
        Assert.Equal(Lifecycle.Retired, cart.Lifecycle);
        Assert.NotNull(cart.RetiredAt);
        Assert.True(await db.Relationships.AnyAsync(r => r.SourceId == cart.Id && r.Type == RelationshipType.DependsOn));
    }

    [Fact]
    public async Task NodesAndEdgesMadeInThePortal_AreNeverTouched_AndTheirEdgesKeepARemovedNodeRetired()
    {
        await using var database = await ImportedAsync();
        await using (var db = database.CreateDbContext())
        {
            var checkout = db.Services.Add(new Service { Key = "SVC-CHECKOUT", Name = "Checkout" }).Entity;
            var cart = await db.Nodes.SingleAsync(n => n.Key == "CMP-cart");
            db.Relationships.Add(new Relationship { Source = checkout, Target = cart, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync();
        }

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop);

        Assert.True(result.Committed, result.Message);
        Assert.DoesNotContain(result.Preview.Removals, r => r.Key.Contains("CHECKOUT", StringComparison.Ordinal));
        var cartItem = result.Preview.Removals.Single(r => r.Key == "CMP-cart");
        Assert.Equal(ImportChange.Retire, cartItem.Change);
        Assert.Contains("SVC-CHECKOUT DependsOn CMP-cart stays", cartItem.Note, StringComparison.Ordinal);
        await using var after = database.CreateDbContext();
        Assert.Equal(Lifecycle.Live, (await after.Nodes.SingleAsync(n => n.Key == "SVC-CHECKOUT")).Lifecycle);
        Assert.Equal(Lifecycle.Retired, (await after.Nodes.SingleAsync(n => n.Key == "CMP-cart")).Lifecycle);
        Assert.True(await after.Relationships.AnyAsync(r => r.Source!.Key == "SVC-CHECKOUT" && r.Target!.Key == "CMP-cart"));
        Assert.False(await after.Relationships.AnyAsync(r => r.Source!.Key == "CMP-cart"));
    }

    [Fact]
    public async Task EntitiesOfAnotherSource_AreNeverTouched()
    {
        await using var database = await ImportedAsync();
        var other = await Import(database).CommitAsync(ImportFormat.Backstage, Catalog(Component("search")), new ImportSync("search-repo"));
        Assert.True(other.Committed, other.Message);

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, WithoutCart, Shop);

        Assert.DoesNotContain(preview.Removals, r => r.Key.Contains("search", StringComparison.Ordinal));
        Assert.Contains(preview.Removals, r => r.Key == "CMP-cart");
    }

    [Fact]
    public async Task AnEntityImportedByAnotherSource_IsTakenOverByIt()
    {
        await using var database = await ImportedAsync();

        var takeOver = await Import(database).CommitAsync(ImportFormat.Backstage, Catalog(Component("cart")), new ImportSync("cart-repo"));
        var shopAgain = await Import(database).PreviewAsync(ImportFormat.Backstage, WithoutCart, Shop);

        Assert.True(takeOver.Committed, takeOver.Message);
        var cart = takeOver.Preview.Items.Single(i => i.Key == "CMP-cart");
        Assert.Equal(ImportChange.Update, cart.Change);
        Assert.Equal(["source"], cart.ChangedFields);
        Assert.DoesNotContain(shopAgain.Removals, r => r.Key == "CMP-cart");
        Assert.Contains(shopAgain.Removals, r => r.Key == "CMP-cart DependsOn CMP-stock"); // that edge is still the shop's
    }

    [Fact]
    public async Task SecondImportOfTheSameUpload_PlansNothing()
    {
        await using var database = await ImportedAsync();
        var first = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop);
        var before = await database.CountsAsync();

        var again = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart, Shop);

        Assert.True(first.Committed);
        Assert.True(again.Committed, again.Message);
        Assert.Equal(0, again.Preview.AddCount + again.Preview.UpdateCount + again.Preview.RemoveCount + again.Preview.KeepCount);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task WithoutASource_NothingIsRemoved_AndNoSourceChanges()
    {
        await using var database = await ImportedAsync();

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, WithoutCart);

        Assert.True(result.Committed, result.Message);
        Assert.Empty(result.Preview.Removals);
        await using var db = database.CreateDbContext();
        Assert.Equal("shop-repo", (await db.Nodes.SingleAsync(n => n.Key == "CMP-cart")).ImportSource);
    }

    [Fact]
    public async Task ExistingPortalEntries_NamedByTheUpload_AreClaimedByTheSource()
    {
        await using var database = await ImportedAsync(sync: ImportSync.None);

        var claimed = await Import(database).PreviewAsync(ImportFormat.Backstage, Full, Shop);

        Assert.All(claimed.Items, i => Assert.Equal(ImportChange.Update, i.Change));
        Assert.All(claimed.Items, i => Assert.Equal(["source"], i.ChangedFields));
        Assert.Empty(claimed.Removals);
    }

    [Fact]
    public async Task KeepingSomethingThatIsNotARemoval_IsAWarning()
    {
        await using var database = await ImportedAsync();

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, WithoutCart, Shop with { Keep = ["CMP-nothing"] });

        Assert.Contains(preview.Warnings, w => w.Field == "keep" && w.Message.Contains("'CMP-nothing'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ImportFormat.Backstage, "   ", "empty")]
    [InlineData(ImportFormat.Backstage, "shop\u0007repo", "control characters")]
    [InlineData(ImportFormat.ServicesCsv, "shop-repo", "Only a Backstage import")]
    public async Task ABadSource_IsRefusedWithAClearMessage(ImportFormat format, string source, string expected)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var preview = await Import(database).PreviewAsync(format, Full, new ImportSync(source));

        Assert.Contains(expected, preview.FileError, StringComparison.Ordinal);
        Assert.False(preview.CanCommit);
    }

    [Fact]
    public async Task ACommitThatFails_StoresNothing_NeitherRemovalsNorChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.True((await Import(database).CommitAsync(ImportFormat.Backstage, Full, Shop)).Committed);
        var changed = Catalog(Team, Component("stock"), Component("basket"));

        var result = await Import(new FailingFactory(database)).CommitAsync(ImportFormat.Backstage, changed, Shop);

        Assert.False(result.Committed);
        await using var db = database.CreateDbContext();
        Assert.True(await db.Nodes.AnyAsync(n => n.Key == "CMP-cart"));
        Assert.False(await db.Nodes.AnyAsync(n => n.Key == "CMP-basket"));
        Assert.Equal(3, await db.Relationships.CountAsync());
    }

    /// <summary>Contexts whose save writes its rows, then fails before the transaction commits.</summary>
    private sealed class FailingFactory(TestDatabase database) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.CreatePlainContext(new AuditingInterceptor(new Actor(), database.Clock), new FailAfterWrite());

        private sealed class Actor : ICurrentActor
        {
            public string Name => "tester@demo.local";
        }

        private sealed class FailAfterWrite : SaveChangesInterceptor
        {
            public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
                throw new DbUpdateException("the disk filled up");
        }
    }
}
