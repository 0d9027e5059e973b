using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.CatalogFeature;

public class CatalogEditorTests
{
    [Fact]
    public async Task DuplicateKey_IsRefusedNamingTheEntryThatHasIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        await editor.SaveAsync(new SupplierForm { Key = "ACME", Name = "Acme Hosting" });

        var result = await editor.SaveAsync(new ServiceForm { Key = "ACME", Name = "Something else" });

        Assert.Equal("Key 'ACME' is already used by supplier 'Acme Hosting'.", Assert.Single(result.Errors[nameof(NodeForm.Key)]));
    }

    [Fact]
    public async Task DuplicateSupplierName_IsRefusedNamingTheSupplier()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        await editor.SaveAsync(new SupplierForm { Key = "SUP-1", Name = "Acme" });

        var result = await editor.SaveAsync(new SupplierForm { Key = "SUP-2", Name = "Acme" });

        Assert.Contains("SUP-1", Assert.Single(result.Errors[nameof(NodeForm.Name)]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_KeepsTheKeyAndAdvancesTheVersion()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var created = (ServiceForm)(await editor.SaveAsync(new ServiceForm { Key = "SVC-1", Name = "One", Tier = 3 })).Value!;
        var edit = (ServiceForm)created.Copy();
        edit.Key = "SVC-RENAMED";
        edit.Tier = 1;

        var saved = await editor.SaveAsync(edit);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.Equal("SVC-1", saved.Value!.Key);
        Assert.Equal(created.Version + 1, saved.Value.Version);
        Assert.Equal(1, ((ServiceForm)saved.Value).Tier);
    }

    [Fact]
    public async Task StaleEdit_ReturnsTheCurrentValuesAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var loaded = (await editor.SaveAsync(new ServiceForm { Key = "SVC-1", Name = "One" })).Value!;
        var theirs = loaded.Copy();
        theirs.Name = "Theirs";
        await editor.SaveAsync(theirs);
        var mine = loaded.Copy();
        mine.Name = "Mine";

        var result = await editor.SaveAsync(mine);

        Assert.True(result.Conflict);
        Assert.Equal("Theirs", result.Value!.Name);
        await using var db = database.CreateContext();
        Assert.Equal("Theirs", (await db.Services.SingleAsync()).Name);
    }

    [Fact]
    public async Task Retire_LeavesThePortfolioButKeepsRelationshipsAndHistory()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var a = (await editor.SaveAsync(new ServiceForm { Key = "A", Name = "A" })).Value!;
        var b = (await editor.SaveAsync(new ServiceForm { Key = "B", Name = "B" })).Value!;
        await using (var db = database.CreateContext())
        {
            db.Relationships.Add(new Relationship { SourceId = a.Id!.Value, TargetId = b.Id!.Value, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync();
        }

        var retired = await editor.RetireAsync(b.Id!.Value, b.Version);

        Assert.True(retired.Succeeded, retired.Summary);
        await using var check = database.CreateContext();
        var node = await check.Services.SingleAsync(s => s.Key == "B");
        Assert.Equal(Lifecycle.Retired, node.Lifecycle);
        Assert.NotNull(node.RetiredAt);
        Assert.Equal(1, await check.Relationships.CountAsync());
        Assert.Contains(await check.AuditEntries.Where(e => e.EntityType == nameof(Service)).Select(e => e.Action).ToListAsync(), x => x == AuditAction.Retired);
    }

    [Fact]
    public async Task Delete_OfANodeOthersDependOn_IsRefusedWithTheDependantsNamed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var checkout = (await editor.SaveAsync(new ServiceForm { Key = "SVC-CHECKOUT", Name = "Checkout" })).Value!;
        var gateway = (await editor.SaveAsync(new SupplierForm { Key = "SUP-GW", Name = "Gateway" })).Value!;
        await using (var db = database.CreateContext())
        {
            db.Relationships.Add(new Relationship { SourceId = checkout.Id!.Value, TargetId = gateway.Id!.Value, Type = RelationshipType.ProvidedBy });
            db.Contracts.Add(new Contract { Reference = "CT-9", Title = "Gateway", SupplierId = gateway.Id!.Value, StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 1, 1) });
            await db.SaveChangesAsync();
        }

        var result = await editor.DeleteAsync(gateway.Id!.Value, gateway.Version);

        Assert.False(result.Deleted);
        Assert.Contains("Checkout (SVC-CHECKOUT) is provided by it", result.Blockers);
        Assert.Contains("contract CT-9 refers to it", result.Blockers);
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Nodes.CountAsync());
    }

    [Fact]
    public async Task Delete_OfANodeNothingDependsOn_RemovesItAndItsOwnOutgoingRelationships()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var a = (await editor.SaveAsync(new ServiceForm { Key = "A", Name = "A" })).Value!;
        var b = (await editor.SaveAsync(new ServiceForm { Key = "B", Name = "B" })).Value!;
        await using (var db = database.CreateContext())
        {
            db.Relationships.Add(new Relationship { SourceId = a.Id!.Value, TargetId = b.Id!.Value, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync();
        }

        var result = await editor.DeleteAsync(a.Id!.Value, a.Version);

        Assert.True(result.Deleted);
        await using var check = database.CreateContext();
        Assert.Equal(["B"], await check.Nodes.Select(n => n.Key).ToListAsync());
        Assert.Equal(0, await check.Relationships.CountAsync());
    }

    [Fact]
    public async Task Domain_WithMembers_CannotBeDeleted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var domain = (await editor.SaveDomainAsync(new DomainForm { Key = "dom", Name = "Channels" })).Value!;
        await editor.SaveAsync(new ServiceForm { Key = "SVC-1", Name = "Shop", DomainId = domain.Id });

        var result = await editor.DeleteDomainAsync(domain.Id!.Value, domain.Version);

        Assert.False(result.Deleted);
        Assert.Contains("Shop (SVC-1)", result.Blockers);
    }

    [Fact]
    public async Task Domain_ChangedSinceTheCallerReadIt_IsNotDeletedAndTheCurrentVersionIsNamed_TheCurrentVersionDeletesIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = Editor(database);
        var read = (await editor.SaveDomainAsync(new DomainForm { Key = "dom", Name = "Channels" })).Value!;
        var renamed = await editor.SaveDomainAsync(new DomainForm { Id = read.Id, Version = read.Version, Key = read.Key, Name = "Sales channels" });
        Assert.True(renamed.Succeeded, renamed.Summary);

        var stale = await editor.DeleteDomainAsync(read.Id!.Value, read.Version);

        Assert.False(stale.Deleted);
        Assert.Equal(SaveKind.Conflict, stale.Kind);
        Assert.Contains($"it is now version {renamed.Value!.Version}", stale.Message, StringComparison.Ordinal);
        await using (var check = database.CreateContext())
        {
            Assert.Equal("Sales channels", (await check.Domains.SingleAsync(d => d.Key == "dom")).Name);
        }

        var current = await editor.DeleteDomainAsync(read.Id!.Value, renamed.Value.Version);

        Assert.True(current.Deleted);
        await using var after = database.CreateContext();
        Assert.False(await after.Domains.AnyAsync(d => d.Key == "dom"));
    }

    private static CatalogEditor Editor(TestDatabase database) => new(database, TimeProvider.System);
}
