using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Shell;
using ServicePortal.Web.Hosting;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Components;

public class MainLayoutTests
{
    [Fact]
    public async Task Shell_ShowsNavigationTheSignedInUserTheirRoleAndSignOut()
    {
        await using var rendering = new ComponentRendering(s => s.AddSingleton(new DemoAccountsPresence()), ComponentRendering.User("cio@demo.local", PortalRoles.Cio));

        var page = await rendering.RenderAsync<MainLayout>(Body("<p id='page'>page body</p>"));

        Assert.Equal("cio@demo.local", page.QuerySelector("[data-testid=signed-in-user]")!.TextContent.Trim());
        Assert.Contains(PortalRoles.Cio, page.QuerySelector("[data-testid=signed-in-role]")!.TextContent, StringComparison.Ordinal);
        var navigation = page.QuerySelectorAll(".rz-navigation-item-text").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard", .. NavigationItems.Sections.SelectMany(s => new[] { s.Text }.Concat(s.Items.Select(i => i.Text)))], navigation);
        var signOut = page.QuerySelector("form[action='account/logout']")!;
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.NotNull(signOut.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.QuerySelector("#page"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoBanner_ShowsOnlyWhileDemoAccountsExist(bool demoAccountsExist)
    {
        await using var rendering = new ComponentRendering(
            s => s.AddSingleton(new DemoAccountsPresence { Exist = demoAccountsExist }),
            ComponentRendering.User("admin@demo.local", PortalRoles.Admin));

        var page = await rendering.RenderAsync<MainLayout>(Body("<p>x</p>"));

        Assert.Equal(demoAccountsExist, page.QuerySelector(".portal-demo-banner") is not null);
    }

    private static Dictionary<string, object?> Body(string markup) =>
        new() { [nameof(LayoutComponentBase.Body)] = (RenderFragment)(b => b.AddMarkupContent(0, markup)) };
}
