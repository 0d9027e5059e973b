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
        await editor.FillAsync("[data-testid=node-form] input[name=Name]", "Returns (audited)");
        await editor.ClickAsync("[data-testid=save]");
        await Assertions.Expect(editor.Locator("[data-testid=node-name]")).ToHaveTextAsync("Returns (audited)");

        var page = await portal.SignInAsync("cio@demo.local", "/admin/audit");
        var rows = page.Locator("[data-testid=audit-grid] tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("governance@demo.local");
        await PortalServer.ScreenshotAsync(page, "audit-log");

        var first = await rows.First.TextContentAsync();
        Assert.Contains("Returns (audited)", first, StringComparison.Ordinal);
        Assert.Contains("Updated", first, StringComparison.Ordinal);
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
