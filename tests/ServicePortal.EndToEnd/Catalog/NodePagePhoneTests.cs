using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Catalog;

/// <summary>A service's, CI's or supplier's page on a phone (390 × 844).</summary>
public class NodePagePhoneTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_EveryTabOfASuppliersPage_ShowsItsWholeLabel()
    {
        var page = await portal.SignInAsync("supplier@demo.local", "/suppliers/SUP-NORTHBRIDGE");
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        var tabs = page.GetByTestId("node-tabs").GetByRole(AriaRole.Tab);
        await Assertions.Expect(tabs).ToHaveCountAsync(4);

        // At 160 px a tab, only "Overview" and "RELATIONSH" showed beside scroll arrows; the rest was scrolled away.
        for (var i = 0; i < 4; i++)
        {
            await Assertions.Expect(tabs.Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390, "The page scrolls sideways.");
    }
}
