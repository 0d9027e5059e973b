using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Dashboard;

public class DashboardTests(PortalServer portal)
{
    [Fact]
    public async Task Cio_SeesADomainNeedingAttentionAndClicksThroughToTheRootCause()
    {
        var page = await portal.SignInAsync("cio@demo.local");
        await page.WaitForSelectorAsync("[data-testid=domain-tile]");
        await page.SetViewportSizeAsync(1400, 2100); // the layout scrolls inside its body: a tall viewport shows the whole dashboard
        // Locator waits, not WaitForFunctionAsync: its polling evaluates a string, which the portal's CSP forbids.
        await page.Locator("[data-testid=breaches-chart] [data-testid=breach-bar]").Nth(3).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await PortalServer.ScreenshotAsync(page, "dashboard");

        var red = page.Locator("[data-testid=domain-tile][data-health=AtRisk], [data-testid=domain-tile][data-health=Degraded], [data-testid=domain-tile][data-health=Down]").First;
        await Assertions.Expect(red).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=top-risk]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=supplier-row]").First).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("[data-testid=root-cause]").First).ToBeVisibleAsync();
        await Assertions.Expect(red.Locator("[data-testid=tile-explanation]")).Not.ToBeEmptyAsync();
        await red.Locator("[data-testid=tile-name]").ClickAsync();
        await PortalServer.WaitForAddressAsync(page, @"/service-health\?domain=");
        var root = page.Locator("[data-testid=service-health-grid] [data-testid=root-cause]").First;
        await Assertions.Expect(root).ToBeVisibleAsync();
        var rootName = (await root.TextContentAsync())!.Trim();
        await root.ClickAsync();
        await PortalServer.WaitForAddressAsync(page, "/(catalog/services|suppliers|cmdb/items)/");

        await Assertions.Expect(page.Locator("[data-testid=node-name]")).ToHaveTextAsync(rootName);
    }

    [Fact]
    public async Task Cio_MarksASupplierFailedAndSeesWhoToCall_ThenGoesBackInTime()
    {
        var page = await portal.SignInAsync("cio@demo.local");
        await page.WaitForSelectorAsync("[data-testid=domain-tile]");

        var search = page.Locator("[data-testid=what-if-picker] input").First;
        await search.FillAsync("SUP-SWIFTLINE");
        await page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "SUP-SWIFTLINE" }).First.ClickAsync();
        await page.ClickAsync("[data-testid=what-if-apply]");
        var panel = page.Locator("[data-testid=what-if-panel]");
        await Assertions.Expect(panel).ToContainTextAsync("Swiftline");
        await Assertions.Expect(panel.Locator("[data-testid=impact-summary]")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "dashboard-whatif");
        await page.ClickAsync("[data-testid=what-if-clear]");
        await Assertions.Expect(panel).ToHaveCountAsync(0);

        await page.GetByLabel("As of end of").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "August 2026" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=as-of-note]")).ToContainTextAsync("August 2026");
    }

    [Fact]
    public async Task Cio_FollowsAnInheritedServiceToItsRootCause_AndSeesTheDashboardOnAPhone()
    {
        var page = await portal.SignInAsync("cio@demo.local");
        await page.SetViewportSizeAsync(390, 844);
        var inherited = page.Locator("[data-testid=attention-inherited] [data-testid=attention-item]").First;
        await Assertions.Expect(inherited).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "dashboard-phone");

        var root = inherited.Locator("[data-testid=path-step]").First;
        var rootName = (await root.TextContentAsync())!.Trim();
        await root.ClickAsync();

        await PortalServer.WaitForAddressAsync(page, "/(catalog/services|suppliers|cmdb/items)/");
        await Assertions.Expect(page.Locator("[data-testid=node-name]")).ToHaveTextAsync(rootName);
    }

    [Fact]
    public async Task DomainTileServiceCount_OpensTheCatalogFilteredToThatDomain()
    {
        var page = await portal.SignInAsync("viewer@demo.local");
        var tile = page.Locator("[data-testid=domain-tile][data-domain=DOM-SUPPLY]");

        await tile.Locator("a[href^='/catalog/services?domain=']").ClickAsync();

        await PortalServer.WaitForAddressAsync(page, @"/catalog/services\?domain=DOM-SUPPLY$");
        await Assertions.Expect(page.Locator("[data-testid=domain-filter]")).ToContainTextAsync("DOM-SUPPLY");
    }

    [Fact]
    public async Task OnAPhone_TheSupplierImpactTable_ShowsAllItsColumnsInsideTheCard()
    {
        var page = await portal.SignInOnAPhoneAsync("cio@demo.local");
        var card = page.GetByTestId("supplier-impact");
        var met = card.GetByTestId("supplier-met");
        await Assertions.Expect(card.GetByTestId("supplier-row").First).ToBeVisibleAsync();

        // The Met column sat past the card's right edge, reachable only by a sideways scroll inside the table.
        await Assertions.Expect(met).ToBeVisibleAsync();
        var edges = await card.EvaluateAsync<double[]>(
            "c => [c.querySelector('[data-testid=supplier-met]').getBoundingClientRect().right, c.getBoundingClientRect().right]");
        Assert.True(edges[0] <= edges[1], $"The Met column ends at {edges[0]} px, the card at {edges[1]} px.");
    }
}
