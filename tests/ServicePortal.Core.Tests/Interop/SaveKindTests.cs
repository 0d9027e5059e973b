using ServicePortal.Core.Catalog;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>Save results say what kind of failure they are, so that callers never read a message to decide.</summary>
public class SaveKindTests
{
    [Fact]
    public async Task KeyOrNameAlreadyUsed_IsDuplicate_NameComparedIgnoringCase()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var editor = new CatalogEditor(database, TimeProvider.System);
        await editor.SaveAsync(new SupplierForm { Key = "SUP-ACME", Name = "Acme" });
        await editor.SaveDomainAsync(new DomainForm { Key = "DOM-A", Name = "Retail" });
        var before = await database.CountsAsync();

        var sameKey = await editor.SaveAsync(new ServiceForm { Key = "SUP-ACME", Name = "Other" });
        var upperName = await editor.SaveAsync(new SupplierForm { Key = "SUP-ACME-2", Name = "ACME " });
        var domainName = await editor.SaveDomainAsync(new DomainForm { Key = "DOM-B", Name = "rETAIL" });
        var invalidAndDuplicate = await editor.SaveAsync(new SupplierForm { Key = "bad key", Name = "acme" });

        Assert.Equal(SaveKind.Duplicate, sameKey.Kind);
        Assert.Equal(SaveKind.Duplicate, upperName.Kind);
        Assert.Equal(SaveKind.Duplicate, domainName.Kind);
        Assert.Equal(SaveKind.Invalid, invalidAndDuplicate.Kind);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task StaleVersion_IsConflict_AndDeletedNode_IsNotFound()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var editor = new CatalogEditor(database, TimeProvider.System);
        var saved = (await editor.SaveAsync(new ServiceForm { Key = "SVC-1", Name = "One" })).Value!;
        var edit = (ServiceForm)saved.Copy();
        edit.Name = "Changed";
        await editor.SaveAsync(edit);
        var stale = (ServiceForm)saved.Copy();
        stale.Name = "Stale";

        var conflict = await editor.SaveAsync(stale);
        var gone = await editor.RetireAsync(9999, 1);
        var goneDomain = await editor.SaveDomainAsync(new DomainForm { Id = 9999, Version = 1, Key = "DOM-GONE", Name = "Gone" });
        var deleteGone = await editor.DeleteAsync(9999, 1);

        Assert.Equal(SaveKind.Conflict, conflict.Kind);
        Assert.True(conflict.Conflict);
        Assert.Equal(SaveKind.NotFound, gone.Kind);
        Assert.Equal(SaveKind.NotFound, goneDomain.Kind);
        Assert.Equal(SaveKind.NotFound, deleteGone.Kind);
    }
}
