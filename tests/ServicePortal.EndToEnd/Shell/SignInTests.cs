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
        // Other browser tests add services to the shared portal; the dashboard learns of a save through the change feed
        // (at once on this instance, within a second elsewhere), so a page rendered just before it catches up is reloaded.
        for (var attempt = 0; attempt < 20 && !(await page.TextContentAsync("[data-testid=count-services] .portal-stat"))!.Contains(
                 services.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal); attempt++)
        {
            await page.ReloadAsync();
            await PortalServer.WaitForCircuitAsync(page);
        }

        Assert.Contains(services.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-testid=count-services] .portal-stat"), StringComparison.Ordinal);
        Assert.Contains($"{live} Live",
            await page.TextContentAsync("[data-testid=services-live]"), StringComparison.Ordinal);
        Assert.Contains(suppliers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-testid=count-suppliers] .portal-stat"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "sp-home.png") });
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDarkAndSurvivesAReload()
    {
        var page = await portal.SignInAsync("viewer@demo.local");
        var toggle = page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark theme");

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await page.ReloadAsync();
        await PortalServer.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to dark theme");
    }

    [Fact]
    public async Task SignOut_ReturnsToTheSignInPage()
    {
        var page = await portal.SignInAsync("governance@demo.local");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync("/");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }
}
