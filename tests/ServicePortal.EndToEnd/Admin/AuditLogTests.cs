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

    [Fact]
    public async Task OnAPhone_AnEntrysChangedFields_StackOneBelowTheOther()
    {
        var page = await portal.SignInOnAPhoneAsync("admin@demo.local", "/admin/audit");
        var entry = page.Locator("[data-testid=audit-grid] tbody tr")
            .Filter(new() { Has = page.Locator("[data-testid=audit-change] + [data-testid=audit-change]") }).First;
        await Assertions.Expect(entry).ToBeVisibleAsync();

        // The card's line for the changes is a flex row: each field was a flex item of its own, squeezed to a letter wide.
        var boxes = await entry.GetByTestId("audit-change").EvaluateAllAsync<double[][]>(
            "lines => lines.map(l => { const r = l.getBoundingClientRect(); return [r.top, r.bottom, r.width]; })");

        for (var i = 1; i < boxes.Length; i++)
        {
            Assert.True(boxes[i][0] >= boxes[i - 1][1] - 1, $"Changed field {i + 1} sits beside field {i}, not below it.");
        }

        Assert.All(boxes, box => Assert.True(box[2] >= 120, $"A changed field is only {box[2]} px wide on a 390 px screen."));
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390);
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task TheExportAndBackupButtons_ShareALine_AboveTheFilters(int width, int height)
    {
        var page = await portal.SignInAsync("admin@demo.local", "/admin/audit");
        await page.SetViewportSizeAsync(width, height);
        await page.ReloadAsync();
        await PortalServer.WaitForCircuitAsync(page);
        var backup = page.GetByTestId("backup");
        await Assertions.Expect(backup).ToBeVisibleAsync();

        // At 1400 px the filters and Export CSV filled the line and Download backup wrapped onto one of its own.
        var export = await page.GetByTestId("audit-export").BoundingBoxAsync();
        var backupBox = await backup.BoundingBoxAsync();
        var filters = await page.GetByTestId("audit-filters").BoundingBoxAsync();
        Assert.Equal(export!.Y, backupBox!.Y, 1);
        Assert.True(backupBox.Y + backupBox.Height <= filters!.Y, "The actions are not above the filters.");
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= width);
    }
}
