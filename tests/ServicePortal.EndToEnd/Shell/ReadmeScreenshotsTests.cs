using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

/// <summary>
/// The README's pictures: the dashboard, a supplier's impact view and the common score, in light and dark, as the CIO
/// sees them. Every run checks that the three pages render in the chosen theme; with
/// <c>SERVICEPORTAL_README_SCREENSHOTS</c> set to a folder (the README's command sets it to
/// <c>tests/ServicePortal.EndToEnd/Screenshots</c>) it also writes the pictures there.
/// </summary>
public class ReadmeScreenshotsTests(PortalServer portal)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task DashboardImpactAndScore_RenderInTheChosenTheme(string theme)
    {
        var page = await portal.SignInAsync("cio@demo.local");
        var toggle = page.GetByTestId("theme-toggle");
        if (theme == "dark")
        {
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            await page.ReloadAsync();
            await PortalServer.WaitForCircuitAsync(page);
        }

        await page.Locator("[data-testid=value-stream] [data-testid=stage-tile]").First.WaitForAsync();
        await page.Locator("[data-testid=breaches-chart] [data-testid=breach-bar]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await AssertThemeAsync(page, theme);
        await SaveAsync(page, $"dashboard-{theme}");

        await page.GotoAsync("/suppliers/SUP-SWIFTLINE");
        await PortalServer.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Impact" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=impact-path]").First).ToBeVisibleAsync();
        await AssertThemeAsync(page, theme);
        await SaveAsync(page, $"impact-{theme}");

        await page.GotoAsync("/score");
        await PortalServer.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByText("Demand").First).ToBeVisibleAsync();
        await AssertThemeAsync(page, theme);
        await SaveAsync(page, $"score-{theme}");
    }

    /// <summary>The page's background is dark in dark mode and light in light mode (luminance of the body's colour).</summary>
    private static async Task AssertThemeAsync(IPage page, string theme)
    {
        var rgb = await page.EvaluateAsync<int[]>(
            "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)");
        var luminance = (0.2126 * rgb[0]) + (0.7152 * rgb[1]) + (0.0722 * rgb[2]);
        if (theme == "dark")
        {
            Assert.True(luminance < 80, $"Expected a dark background in dark mode, got rgb({string.Join(", ", rgb)}).");
        }
        else
        {
            Assert.True(luminance > 200, $"Expected a light background in light mode, got rgb({string.Join(", ", rgb)}).");
        }
    }

    private static Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SERVICEPORTAL_README_SCREENSHOTS");
        return string.IsNullOrEmpty(folder)
            ? PortalServer.ScreenshotAsync(page, "readme-" + name)
            : page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
