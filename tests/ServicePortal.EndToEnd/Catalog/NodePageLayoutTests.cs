using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Catalog;

/// <summary>A service's, CI's or supplier's page on a phone (390 × 844) and a desktop (1400 × 900).</summary>
public class NodePageLayoutTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_EveryTabOfASuppliersPage_ShowsItsWholeLabel()
    {
        var page = await portal.SignInOnAPhoneAsync("supplier@demo.local", "/suppliers/SUP-NORTHBRIDGE");
        var tabs = page.GetByTestId("node-tabs").GetByRole(AriaRole.Tab);
        await Assertions.Expect(tabs).ToHaveCountAsync(4);

        // At 160 px a tab, only "Overview" and "RELATIONSH" showed beside scroll arrows; the rest was scrolled away.
        for (var i = 0; i < 4; i++)
        {
            await Assertions.Expect(tabs.Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390, "The page scrolls sideways.");
    }

    [Fact]
    public async Task OnADesktop_ASuppliersContractsCard_ShowsEveryColumn()
    {
        var page = await portal.SignInAsync("supplier@demo.local", "/suppliers/SUP-NORTHBRIDGE");
        var card = page.GetByTestId("contracts");
        var lastHeader = card.GetByRole(AriaRole.Columnheader).Last;
        await Assertions.Expect(lastHeader).ToBeVisibleAsync();

        var cardBox = await card.BoundingBoxAsync();
        var headerBox = await lastHeader.BoundingBoxAsync();

        // A Supplier column (the page's own supplier) and sort buttons pushed Status and SLA targets out of the card.
        Assert.True(headerBox!.X + headerBox.Width <= cardBox!.X + cardBox.Width + 1,
            $"The last column ends at {headerBox.X + headerBox.Width} px, past the card's edge at {cardBox.X + cardBox.Width} px.");
    }
}
