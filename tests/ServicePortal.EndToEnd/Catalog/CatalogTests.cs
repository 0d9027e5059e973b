using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Catalog;

public class CatalogTests(PortalServer portal)
{
    [Fact]
    public async Task GovernanceUser_CreatesAServiceLinksItToASupplierAndSeesItsImpact()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/catalog/services");
        await PortalServer.ScreenshotAsync(page, "services");

        await page.ClickAsync("[data-testid=new]");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key").FillAsync("SVC-E2E-GIFTCARDS");
        await dialog.GetByLabel("Name").FillAsync("Gift cards");
        await PortalServer.ScreenshotAsync(page, "new-service");
        await dialog.GetByTestId("save").ClickAsync();
        await PortalServer.WaitForAddressAsync(page, "/catalog/services/SVC-E2E-GIFTCARDS$");
        Assert.Equal("Gift cards", (await page.TextContentAsync("[data-testid=node-name]"))!.Trim());

        await page.GetByRole(AriaRole.Tab, new() { Name = "Relationships (0)" }).ClickAsync();
        await page.ClickAsync("[data-testid=add-relationship]");
        var relationshipDialog = page.Locator("[data-testid=relationship-dialog]");
        await relationshipDialog.GetByLabel("Relationship").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "is provided by", Exact = true }).ClickAsync();
        await relationshipDialog.GetByLabel("Other node (search by key or name)").FillAsync("SUP-SWIFTLINE");
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("SUP-SWIFTLINE") }).ClickAsync();
        await Assertions.Expect(relationshipDialog.Locator("[data-testid=relationship-sentence]")).ToContainTextAsync("Gift cards is provided by Swiftline");
        // The dialog's actions sit outside its content (where the test id is): find Add in the open dialog.
        await page.GetByRole(AriaRole.Dialog).GetByTestId("save").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=group-out-ProvidedBy] >> text=/Swiftline/");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Impact" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=supply-chain-summary]");
        var externalSuppliers = await page.TextContentAsync("[data-testid=external-suppliers]");
        await PortalServer.ScreenshotAsync(page, "service-impact");

        Assert.Contains("Swiftline", externalSuppliers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_OnASharedComponentShowsTheServicesItTakesDownWithPaths()
    {
        var page = await portal.SignInAsync("cio@demo.local", "/suppliers/SUP-SWIFTLINE");

        // Issue 14: the blast radius shows straight away (no what-if toggle), its paths worded as sentences.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Impact" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=impact-summary]");
        await Assertions.Expect(page.Locator("[data-testid=impact-path]").First).ToBeVisibleAsync();
        var rows = await page.Locator("[data-testid=impact-path]").CountAsync();
        var firstPath = await page.Locator("[data-testid=impact-path]").First.TextContentAsync();
        await PortalServer.ScreenshotAsync(page, "what-if");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("Contracts and SLAs") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=impact-sla-targets] tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=impact-contracts]")).ToContainTextAsync("SWL");
        await PortalServer.ScreenshotAsync(page, "what-if-contracts");

        Assert.True(rows > 0, "the carrier's failure hits at least one service");
        Assert.Matches(@"^.+ (depends on|runs on|is provided by|is part of|connects to) .+\.$", firstPath!.Trim());
        Assert.Contains("Swiftline", firstPath, StringComparison.Ordinal);
        Assert.DoesNotContain("(DependsOn)", firstPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphView_DrawsTheNeighbourhoodAndReCentresOnClick()
    {
        var page = await portal.SignInAsync("viewer@demo.local", "/cmdb/graph?node=SVC-CHECKOUT&hops=2");

        // The prerendered diagram is replaced once the page renders over the circuit; a click on the prerendered one
        // goes nowhere, so wait for the interactive one (the machine may be busy with other tests).
        await page.WaitForSelectorAsync("[data-testid=diagram][data-interactive=true] g.node.centre");
        var nodes = await page.Locator("[data-testid=diagram] g.node").CountAsync();
        await PortalServer.ScreenshotAsync(page, "graph");
        var other = page.Locator("[data-testid=diagram] g.node:not(.centre)").First;
        var otherKey = await other.GetAttributeAsync("data-key");
        await other.ClickAsync();
        await PortalServer.WaitForAddressAsync(page, $@"/cmdb/graph\?node={otherKey}&hops=2$");
        await page.WaitForSelectorAsync($"[data-testid=diagram] g.node.centre[data-key='{otherKey}']");

        Assert.True(nodes > 3, $"checkout's 2-hop neighbourhood has more than 3 nodes, drew {nodes}");
    }

    [Fact]
    public async Task ServiceCatalog_ListsPagesAndSearchesTheSample()
    {
        var page = await portal.SignInAsync("viewer@demo.local", "/catalog/services");
        var rows = page.Locator("[data-testid=services-grid] tbody tr a");

        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await PortalServer.ScreenshotAsync(page, "services");
        await page.GetByTestId("search").FillAsync("payment");
        await Assertions.Expect(rows.First).ToContainTextAsync("PAYMENT");

        var keys = await rows.AllTextContentsAsync();
        Assert.All(keys, k => Assert.Contains("PAYMENT", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Viewer_SeesNoEditActions()
    {
        var page = await portal.SignInAsync("viewer@demo.local", "/catalog/services/SVC-CHECKOUT");

        await Assertions.Expect(page.GetByTestId("node-name")).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByTestId("edit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("retire")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("delete")).ToHaveCountAsync(0);
    }
}
