using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Shell;
using ServicePortal.Web.Hosting;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Shell;

public sealed class MainLayoutTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Fact]
    public void TheHeaderShowsTheUserTheirRoleInWordsAndSignOut()
    {
        SignInAs(PortalRoles.GovernanceStaff);

        var layout = RenderInteractive<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='page'>page body</p>"))));

        Assert.Equal("governancestaff@demo.local", layout.Find("[data-testid=signed-in-user]").TextContent.Trim());
        Assert.Equal("Governance staff", layout.Find("[data-testid=signed-in-role]").TextContent.Trim());
        var signOut = layout.Find("form[action='/account/logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.NotNull(signOut.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(layout.Find("[data-testid=sign-out]"));
        Assert.NotNull(layout.Find("#page"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheDemoBannerShowsOnlyWhileDemoAccountsExist(bool exist)
    {
        Services.GetRequiredService<DemoAccountsPresence>().Exist = exist;

        var layout = RenderInteractive<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>x</p>"))));

        Assert.Equal(exist, layout.FindAll(".portal-demo-banner").Count == 1);
    }

    [Theory]
    [InlineData(PortalRoles.Cio, false, true)]
    [InlineData(PortalRoles.Viewer, false, false)]
    [InlineData(PortalRoles.GovernanceStaff, true, false)]
    [InlineData(PortalRoles.Admin, true, true)]
    public async Task TheNavigationOffersAPageOnlyToRolesItsOwnPolicyAdmits(string role, bool import, bool audit)
    {
        SignInAs(role);
        var user = (await Services.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>().GetAuthenticationStateAsync()).User;
        var authorization = Services.GetRequiredService<IAuthorizationService>();

        async Task<bool> Offered(string text)
        {
            var item = NavigationItems.All.Single(i => i.Text == text);
            return item.Policy is null || (await authorization.AuthorizeAsync(user, item.Policy)).Succeeded;
        }

        Assert.Equal(PortalPolicies.EditSupplierRegistry, NavigationItems.All.Single(i => i.Text == "Import").Policy);
        Assert.Equal(import, await Offered("Import"));
        Assert.Equal(audit, await Offered("Audit log"));
        Assert.True(await Offered("Service catalog"));
    }
}
