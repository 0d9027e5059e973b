using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Slas;

/// <summary>The supplier manager's SLA pages and dialogs on a phone (390 × 844).</summary>
public class SlaPhoneLayoutTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_AnSlaTargetCard_ShowsTheKeyWhole_WithItsNameBeneath()
    {
        var page = await portal.SignInOnAPhoneAsync("supplier@demo.local", "/slas/targets");
        // The circuit renders the page again after the prerender: measure what it shows, not a node it is replacing.
        await PortalServer.WaitForCircuitAsync(page);
        var cell = page.GetByTestId("target-cell").First;
        var key = cell.GetByRole(AriaRole.Link);
        var name = cell.Locator(":scope > :last-child");
        await Assertions.Expect(key).ToBeVisibleAsync();
        await Assertions.Expect(name).ToBeVisibleAsync();

        var keyBox = await key.BoundingBoxAsync();
        var nameBox = await name.BoundingBoxAsync();

        // Side by side, the key broke mid-word ("NBP-RES P") and the name squeezed in beside it.
        Assert.True(nameBox!.Y >= keyBox!.Y + keyBox.Height - 1, $"The name starts at {nameBox.Y} px, beside the key ({keyBox.Y}..{keyBox.Y + keyBox.Height}).");
        Assert.True(await key.EvaluateAsync<bool>("a => a.getClientRects().length === 1"), "The key wraps onto a second line.");
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390, "The page scrolls sideways.");
    }

    [Fact]
    public async Task OnAPhone_TheContractDialog_ShowsBothDatesWhole()
    {
        var page = await portal.SignInOnAPhoneAsync("supplier@demo.local", "/slas/contracts");
        await page.GetByTestId("edit").First.ClickAsync();
        var dialog = page.GetByTestId("contract-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();

        var box = await dialog.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"The dialog spans {box.X}..{box.X + box.Width} px on a 390 px screen.");
        foreach (var label in new[] { "Start date", "End date" })
        {
            var input = dialog.GetByLabel(label);
            await Assertions.Expect(input).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}$"));
            Assert.True(await input.EvaluateAsync<bool>("i => i.scrollWidth <= i.clientWidth"), $"The {label} shows only part of its date.");
        }
    }
}
