using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Admin;

public class AuditLogTests(PortalServer portal)
{
    [Fact]
    public async Task Cio_SeesAnEditInTheAuditLogWithItsOldAndNewValue()
    {
        var editor = await portal.SignInAsync("governance@demo.local", "/catalog/services/SVC-RETURNS");
        await editor.ClickAsync("[data-testid=edit]");
        await editor.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Returns (audited)");
        await editor.ClickAsync("[data-testid=save]");
        await Assertions.Expect(editor.Locator("[data-testid=node-name]")).ToHaveTextAsync("Returns (audited)");

        var page = await portal.SignInAsync("cio@demo.local", "/admin/audit");
        // Other browser tests edit the same portal at the same time: find this edit by its content, not its position.
        var row = page.Locator("[data-testid=audit-grid] tbody tr", new PageLocatorOptions { HasText = "Returns (audited)" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "audit-log");

        var text = await row.TextContentAsync();
        Assert.Contains("governance@demo.local", text, StringComparison.Ordinal);
        Assert.Contains("Updated", text, StringComparison.Ordinal);
        Assert.Contains("Returns →", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_IsNotShownTheAuditLog()
    {
        var page = await portal.SignInAsync("viewer@demo.local");

        await page.GotoAsync("/admin/audit");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");
        Assert.Equal(0, await page.Locator("[data-testid=audit-grid]").CountAsync());
    }
}
