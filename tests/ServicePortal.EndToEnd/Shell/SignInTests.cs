using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

public class SignInTests(PortalServer portal)
{
    [Fact]
    public async Task DemoCio_SignsInAndSeesTheLiveCountsOnTheHomePage()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var services = await db.Services.CountAsync();
        var live = await db.Services.CountAsync(s => s.Lifecycle == Lifecycle.Live);
        var suppliers = await db.Suppliers.CountAsync();

        var page = await portal.SignInAsync("cio@demo.local");

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        Assert.Equal("cio@demo.local", (await page.TextContentAsync("[data-testid=signed-in-user]"))!.Trim());
        Assert.Contains("CIO", await page.TextContentAsync("[data-testid=signed-in-role]"), StringComparison.Ordinal);
        Assert.True(services > 0, "the sample enterprise is loaded");
        Assert.Contains(services.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-testid=count-services] .portal-stat"), StringComparison.Ordinal);
        Assert.Contains($"{live} Live",
            await page.TextContentAsync("[data-testid=services-live]"), StringComparison.Ordinal);
        Assert.Contains(suppliers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-testid=count-suppliers] .portal-stat"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "sp-home.png") });
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDarkAndBack()
    {
        var page = await portal.SignInAsync("viewer@demo.local");
        var theme = page.Locator("link[href*='_content/Radzen.Blazor/css/']").First;
        var before = await theme.GetAttributeAsync("href");

        await page.ClickAsync(".rz-header button[title='Switch light / dark theme']");
        await Assertions.Expect(theme).Not.ToHaveAttributeAsync("href", before!);
        var after = await theme.GetAttributeAsync("href");

        Assert.Contains("material", before, StringComparison.Ordinal);
        Assert.Contains("dark", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_ReturnsToTheSignInPage()
    {
        var page = await portal.SignInAsync("governance@demo.local");

        await page.ClickAsync("form[action='account/logout'] button");
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync("/");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }
}
