using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class DomainsTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Fact]
    public async Task TheGridLoadsAPageFromTheServerAndPages()
    {
        await AddDomainsAsync("PAGE", 25); // with the 7 seeded: two pages of 20
        var total = (await Services.GetRequiredService<CatalogQueries>().DomainsAsync(new ListRequest<DomainRow>())).Total;
        RenderProviders();

        var page = Render<Domains>();

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=domains-grid] tbody tr.mud-table-row").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(total - 20, page.FindAll("[data-testid=domains-grid] tbody tr.mud-table-row").Count));
    }

    [Fact]
    public async Task SearchNarrowsTheGridOnTheServer()
    {
        await AddDomainsAsync("FIND", 2);
        RenderProviders();
        var page = Render<Domains>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")));

        page.Find("input[data-testid=search], [data-testid=search] input").Input("DOM-FIND-1");

        page.WaitForAssertion(() => Assert.Equal(["DOM-FIND-1"], page.FindAll("tbody tr.mud-table-row td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    [InlineData(PortalRoles.SupplierManager, false)]
    public void EditActionsShowOnlyToRolesThatMayEditTheCatalog(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<Domains>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count > 0);
    }

    [Fact]
    public async Task TheDialogShowsFieldMessagesAndSavesNothingWhenInvalid()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var before = (await Services.GetRequiredService<CatalogQueries>().DomainsAsync(new ListRequest<DomainRow>(Take: 500))).Total;

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DomainDialog>("New domain",
            new DialogParameters<DomainDialog> { { d => d.Form, new DomainForm() } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-error")));
        Assert.Equal(before, (await Services.GetRequiredService<CatalogQueries>().DomainsAsync(new ListRequest<DomainRow>(Take: 500))).Total);
    }

    [Fact]
    public async Task TheDialogRefusesADuplicateKeyBesideTheFieldAndSavesANewOne()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var service = Services.GetRequiredService<IDialogService>();

        var duplicate = await dialogs.InvokeAsync(() => service.ShowAsync<DomainDialog>("New domain",
            new DialogParameters<DomainDialog> { { d => d.Form, new DomainForm { Key = "DOM-DATA", Name = "Twice" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("DOM-DATA", dialogs.Find(".mud-input-error").TextContent, StringComparison.OrdinalIgnoreCase));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=cancel]").Click());

        var reference = await dialogs.InvokeAsync(() => service.ShowAsync<DomainDialog>("New domain",
            new DialogParameters<DomainDialog> { { d => d.Form, new DomainForm { Key = "DOM-NEW-1", Name = "New one" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        var result = await reference.Result;
        Assert.False(result!.Canceled);
        var saved = await Services.GetRequiredService<CatalogQueries>().DomainsAsync(new ListRequest<DomainRow>(Search: "DOM-NEW-1"));
        Assert.Equal("New one", Assert.Single(saved.Items).Name);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Saved");
    }

    [Fact]
    public async Task ASaveByARoleThatMayNotEditIsRefusedWithAMessageNotAnError()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DomainDialog>("New domain",
            new DialogParameters<DomainDialog> { { d => d.Form, new DomainForm { Key = "DOM-VIEWER", Name = "Not mine" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<CatalogQueries>().DomainsAsync(new ListRequest<DomainRow>(Search: "DOM-VIEWER"))).Items);
    }

    [Fact]
    public async Task DeletingADomainEditedElsewhereSinceTheListShowedIt_IsRefusedAndKeepsTheEdit()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        await AddDomainsAsync("STALE", 1);
        var editor = Services.GetRequiredService<CatalogEditor>();
        var queries = Services.GetRequiredService<CatalogQueries>();
        var dialogs = RenderProviders();
        var page = Render<Domains>();
        page.Find("input[data-testid=search], [data-testid=search] input").Input("DOM-STALE-1");
        page.WaitForAssertion(() => Assert.Equal(["DOM-STALE-1"], page.FindAll("tbody tr.mud-table-row td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
        // Another user renames it while this list is open.
        var read = await queries.DomainAsync(Assert.Single((await queries.DomainsAsync(new ListRequest<DomainRow>(Search: "DOM-STALE-1"))).Items).Id);
        Assert.True((await editor.SaveDomainAsync(new DomainForm { Id = read!.Id, Version = read.Version, Key = read.Key, Name = "Renamed elsewhere" })).Succeeded);

        page.Find("[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());

        page.WaitForAssertion(() => Assert.Contains("Someone else changed it", page.Find("[data-testid=delete-refused]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Renamed elsewhere", Assert.Single((await queries.DomainsAsync(new ListRequest<DomainRow>(Search: "DOM-STALE-1"))).Items).Name);
        Assert.Empty(Snackbar.ShownSnackbars); // the alert says it; no snackbar repeats it
    }

    private async Task AddDomainsAsync(string tag, int count)
    {
        var editor = Services.GetRequiredService<CatalogEditor>();
        for (var i = 1; i <= count; i++)
        {
            var saved = await editor.SaveDomainAsync(new DomainForm { Key = $"DOM-{tag}-{i}", Name = $"{tag} domain {i}" });
            Assert.True(saved.Succeeded, saved.Summary);
        }
    }
}
