using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

/// <summary>The long lists on a 1400 px screen with the menu open: every column shows without scrolling the table.</summary>
public class ListWidthTests(PortalServer portal)
{
    [Theory]
    [InlineData("/catalog/services", "services-grid", "Accountable owner")]
    [InlineData("/cmdb/items", "items-grid", "Location")]
    [InlineData("/suppliers", "suppliers-grid", "Contact")]
    public async Task OnA1400PxScreen_TheListShowsEveryColumn_WithoutScrollingSideways(string path, string grid, string lastColumn)
    {
        var page = await portal.SignInAsync("governance@demo.local", path);
        await page.SetViewportSizeAsync(1400, 900);
        await page.ReloadAsync();
        await PortalServer.WaitForCircuitAsync(page); // measure what the circuit renders, not the prerender it replaces
        var table = page.GetByTestId(grid).Locator("table");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Nth(3)).ToBeVisibleAsync();

        var widths = await table.EvaluateAsync<double[]>("t => [t.scrollWidth, t.parentElement.clientWidth]");
        var (tableWidth, roomWidth) = (widths[0], widths[1]);
        var last = table.GetByRole(AriaRole.Columnheader, new() { Name = lastColumn });
        var box = await last.BoundingBoxAsync();

        Assert.True(tableWidth <= roomWidth, $"The table is {tableWidth} px wide in {roomWidth} px: it scrolls sideways.");
        Assert.NotNull(box);
        Assert.True(box.X + box.Width <= 1400, $"'{lastColumn}' ends at {box.X + box.Width} px on a 1400 px screen.");
    }
}
