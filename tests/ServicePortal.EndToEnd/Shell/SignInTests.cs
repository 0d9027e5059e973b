using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePortal.Core.Overview;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

public class SignInTests(PortalServer portal)
{
    [Fact]
    public async Task DemoCio_SignsInAndSeesTheLiveCountsOnTheHomePage()
    {
        var expected = await portal.Services.GetRequiredService<PortalOverviewService>().GetAsync();

        var page = await portal.SignInAsync("cio@demo.local");

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        Assert.Equal("cio@demo.local", (await page.TextContentAsync("[data-testid=signed-in-user]"))!.Trim());
        Assert.Contains("CIO", await page.TextContentAsync("[data-testid=signed-in-role]"), StringComparison.Ordinal);
        Assert.True(expected.Services > 0, "the sample enterprise is loaded");
        Assert.Contains(expected.Services.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-testid=count-services] .portal-stat"), StringComparison.Ordinal);
        Assert.Contains($"{expected.ServicesByLifecycle[Core.Catalog.Lifecycle.Live]} Live",
            await page.TextContentAsync("[data-testid=services-live]"), StringComparison.Ordinal);
        Assert.Contains(expected.Suppliers.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        await page.WaitForFunctionAsync("href => document.querySelector(\"link[href*='_content/Radzen.Blazor/css/']\").getAttribute('href') !== href", before);
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
