using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Suppliers;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Suppliers;

public sealed class SuppliersTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private const string Rows = "[data-testid=suppliers-grid] tbody tr.mud-table-row";

    [Fact]
    public async Task TheGridLoadsTheRegistryAndSearchesItOnTheServer()
    {
        var total = (await Services.GetRequiredService<CatalogQueries>().SuppliersAsync(new ListRequest<SupplierRow>())).Total;
        var some = (await Services.GetRequiredService<CatalogQueries>().SuppliersAsync(new ListRequest<SupplierRow>(Take: 1))).Items[0].Key;
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Suppliers.Suppliers>();

        page.WaitForAssertion(() => Assert.Equal(Math.Min(20, total), page.FindAll(Rows).Count));
        page.Find("input[data-testid=search], [data-testid=search] input").Input(some);
        page.WaitForAssertion(() => Assert.Contains(some, page.FindAll($"{Rows} td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
        Assert.Equal(SupplierRoutes.Supplier(some), page.FindAll($"{Rows} td:first-child a").First(a => a.TextContent.Trim() == some).GetAttribute("href"));
    }

    [Theory]
    [InlineData(PortalRoles.SupplierManager, true)]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    public void NewSupplierShowsOnlyToRolesThatMayEditTheRegistry(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Suppliers.Suppliers>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
    }
}
