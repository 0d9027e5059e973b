using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class NodeDialogTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Fact]
    public async Task AnInvalidFormShowsFieldMessagesAndSavesNothing()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var before = await CountAsync();

        await OpenAsync(dialogs, new ServiceForm { Tier = 2 });
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-error")));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ADuplicateKeyIsRefusedBesideTheField()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var existing = (await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>(Take: 1))).Items[0].Key;

        await OpenAsync(dialogs, new ServiceForm { Key = existing, Name = "Twice", Tier = 2 });
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(existing, dialogs.Find(".mud-input-error").TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ASaveByARoleThatMayNotEditIsRefusedWithAMessageNotAnError()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        await OpenAsync(dialogs, new ServiceForm { Key = "SVC-VIEWER", Name = "Not mine", Tier = 2 });
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>(Search: "SVC-VIEWER"))).Items);
    }

    [Fact]
    public async Task ASupplierManagerSavesASupplierWithItsOwnFields()
    {
        SignInAs(PortalRoles.SupplierManager);
        var dialogs = RenderProviders();

        var reference = await OpenAsync(dialogs, new SupplierForm { Key = "SUP-DIALOG", Name = "Dialog supplier" });
        dialogs.WaitForElement("input[data-testid=contact-name], [data-testid=contact-name] input").Change("Grace Contact");
        dialogs.Find("[data-testid=save]").Click();

        var result = await reference.Result;
        Assert.False(result!.Canceled);
        var saved = await Services.GetRequiredService<CatalogQueries>().SuppliersAsync(new ListRequest<SupplierRow>(Search: "SUP-DIALOG"));
        Assert.Equal("Grace Contact", Assert.Single(saved.Items).ContactName);
    }

    [Fact]
    public async Task ASecondSaveOfAnOlderCopyShowsTheConflictAndOverwritesNothing()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var editor = Services.GetRequiredService<CatalogEditor>();
        var created = await editor.SaveAsync(new ServiceForm { Key = "SVC-CONFLICT", Name = "Original", Tier = 2 });
        var stale = created.Value!.Copy();
        var theirs = created.Value!.Copy();
        theirs.Name = "Theirs";
        Assert.True((await editor.SaveAsync(theirs)).Succeeded);

        stale.Name = "Mine";
        await OpenAsync(dialogs, stale);
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForElement("[data-testid=conflict]");
        var now = await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>(Search: "SVC-CONFLICT"));
        Assert.Equal("Theirs", Assert.Single(now.Items).Name);
    }

    private async Task<IDialogReference> OpenAsync(IRenderedComponent<MudDialogProvider> dialogs, NodeForm form) =>
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<NodeDialog>("Node",
            new DialogParameters<NodeDialog> { { d => d.Form, form } }));

    private async Task<int> CountAsync() =>
        (await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>(Take: 1))).Total;
}
