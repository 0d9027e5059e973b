using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class ServicesTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private const string Rows = "[data-testid=services-grid] tbody tr.mud-table-row";

    [Fact]
    public async Task TheGridLoadsAPageFromTheServerAndPages()
    {
        await AddServicesAsync("PAGE", 25);
        var total = (await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>())).Total;
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Catalog.Services>();

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll(Rows).Count));
        var first = page.Find($"{Rows} td:first-child").TextContent.Trim();
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.NotEqual(first, page.Find($"{Rows} td:first-child").TextContent.Trim()));
        Assert.Equal(Math.Min(20, total - 20), page.FindAll(Rows).Count);
    }

    [Fact]
    public async Task SearchNarrowsTheGridOnTheServerAndEachKeyLinksToItsPage()
    {
        await AddServicesAsync("FIND", 2);
        RenderProviders();
        var page = Render<ServicePortal.Web.Features.Catalog.Services>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));

        page.Find("input[data-testid=search], [data-testid=search] input").Input("SVC-FIND-1");

        page.WaitForAssertion(() => Assert.Equal(["SVC-FIND-1"], page.FindAll($"{Rows} td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
        Assert.Equal(CatalogRoutes.Service("SVC-FIND-1"), page.Find($"{Rows} td:first-child a").GetAttribute("href"));
    }

    [Fact]
    public async Task ADomainInTheAddressShowsOnlyThatDomainsServices()
    {
        var editor = Services.GetRequiredService<CatalogEditor>();
        var domain = await editor.SaveDomainAsync(new DomainForm { Key = "DOM-SVC-ONLY", Name = "Only here" });
        Assert.True(domain.Succeeded, domain.Summary);
        var saved = await editor.SaveAsync(new ServiceForm { Key = "SVC-IN-DOMAIN", Name = "In the domain", Tier = 2, DomainId = domain.Value!.Id });
        Assert.True(saved.Succeeded, saved.Summary);
        Services.GetRequiredService<NavigationManager>().NavigateTo(CatalogRoutes.Services("DOM-SVC-ONLY"));
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Catalog.Services>();

        page.WaitForAssertion(() => Assert.Equal(["SVC-IN-DOMAIN"], page.FindAll($"{Rows} td:first-child").Select(td => td.TextContent.Trim())));
        Assert.Contains("DOM-SVC-ONLY", page.Find("[data-testid=domain-filter]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.SupplierManager, false)]
    public void NewServiceShowsOnlyToRolesThatMayEditTheCatalog(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Catalog.Services>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
    }

    [Fact]
    public void NewServiceSavesThroughTheDialogAndOpensTheNewServicesPage()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<ServicePortal.Web.Features.Catalog.Services>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));

        page.Find("[data-testid=new]").Click();
        dialogs.WaitForElement("input[data-testid=key], [data-testid=key] input").Change("SVC-NEW-FROM-LIST");
        dialogs.Find("input[data-testid=name], [data-testid=name] input").Change("New from the list");
        dialogs.Find("[data-testid=save]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        dialogs.WaitForAssertion(() => Assert.EndsWith(CatalogRoutes.Service("SVC-NEW-FROM-LIST"), navigation.Uri, StringComparison.Ordinal));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Saved");
    }

    private async Task AddServicesAsync(string tag, int count)
    {
        var editor = Services.GetRequiredService<CatalogEditor>();
        for (var i = 1; i <= count; i++)
        {
            var saved = await editor.SaveAsync(new ServiceForm { Key = $"SVC-{tag}-{i}", Name = $"{tag} service {i}", Tier = 3 });
            Assert.True(saved.Succeeded, saved.Summary);
        }
    }
}
