using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

/// <summary>The data grids' phone cards: one record is set apart from the next.</summary>
public class PhoneCardsTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_EverySupplierCardAfterTheFirst_StartsWithALine()
    {
        var page = await portal.SignInOnAPhoneAsync("supplier@demo.local", "/suppliers");
        var rows = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SUP-" });
        await Assertions.Expect(rows.Nth(2)).ToBeVisibleAsync();

        // The supplier grid hides its last cells on a phone, so its cards had no line between them.
        var lines = await rows.EvaluateAllAsync<double[]>(
            "rows => rows.map(r => parseFloat(getComputedStyle(r.querySelector('td')).borderTopWidth))");

        Assert.Equal(0, lines[0]);
        Assert.All(lines.Skip(1), width => Assert.True(width >= 1, $"A card starts without a line ({width} px)."));
    }
}
