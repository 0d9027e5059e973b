using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Cmdb;

public sealed class ConfigurationItemsTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Fact]
    public async Task TheGridLoadsAPageFromTheServerAndSearchNarrowsIt()
    {
        var total = (await Services.GetRequiredService<CatalogQueries>().ConfigurationItemsAsync(new ListRequest<ConfigurationItemRow>())).Total;
        Assert.True(total > 20, "the seed has more than one page of configuration items");
        RenderProviders();

        var page = Render<ConfigurationItems>();

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=items-grid] tbody tr.mud-table-row").Count));
        page.Find("input[data-testid=search], [data-testid=search] input").Input("CI-VMCLUSTER-AMS1");
        page.WaitForAssertion(() => Assert.Equal(["CI-VMCLUSTER-AMS1"], page.FindAll("tbody tr.mud-table-row td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Viewer, false)]
    public void NewShowsOnlyToRolesThatMayEditTheCatalog(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<ConfigurationItems>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
    }
}
