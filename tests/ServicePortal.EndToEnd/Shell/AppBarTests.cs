using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

/// <summary>The app bar on a phone: every control stays on the screen and the title shows whole; on a narrower one the title is what gives way.</summary>
public class AppBarTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_EveryAppBarControl_IsInsideTheScreen_AndTheTitleShowsWhole_AsOnADesktop()
    {
        var page = await portal.SignInAsync("governance@demo.local");
        await page.SetViewportSizeAsync(390, 844);
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "appbar-390");

        var controls = new Dictionary<string, ILocator>
        {
            ["navigation toggle"] = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }),
            ["title"] = page.GetByRole(AriaRole.Link, new() { Name = "ServicePortal", Exact = true }),
            ["theme toggle"] = page.GetByTestId("theme-toggle"),
            ["role"] = page.GetByTestId("signed-in-role"),
            ["sign-out"] = signOut,
        };
        foreach (var (name, control) in controls)
        {
            await Assertions.Expect(control).ToBeVisibleAsync();
            var box = await control.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The {name} spans {box.X}..{box.X + box.Width} px on a 390 px screen.");
        }

        Assert.Contains("Governance staff", await page.GetByTestId("signed-in-role").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(
            await controls["title"].EvaluateAsync<bool>("a => a.scrollWidth <= a.clientWidth"),
            "The title is cut off on a 390 px screen beside the longest role name.");
        var documentWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(documentWidth <= 390, $"The page is {documentWidth} px wide on a 390 px screen.");

        await page.SetViewportSizeAsync(1400, 900);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "appbar-1400");
        var title = controls["title"];
        Assert.True(await title.EvaluateAsync<bool>("a => a.scrollWidth <= a.clientWidth"), "The title is cut off on a 1400 px screen.");
        var signOutBox = await signOut.BoundingBoxAsync();
        Assert.True(signOutBox!.X + signOutBox.Width <= 1400, "The sign-out button is past the right edge on a 1400 px screen.");
    }
}
