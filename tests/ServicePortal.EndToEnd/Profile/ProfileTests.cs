using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Profile;

/// <summary>The profile's token form on a phone and a desktop: the expiry field's label shows whole.</summary>
public class ProfileTests(PortalServer portal)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task TheExpiryLabel_ShowsWhole(int width, int height)
    {
        var page = await portal.SignInAsync("admin@demo.local", "/profile");
        await page.SetViewportSizeAsync(width, height);
        await page.ReloadAsync();
        await PortalServer.WaitForCircuitAsync(page);
        var expires = page.GetByLabel("Expires (optional)");
        await Assertions.Expect(expires).ToBeVisibleAsync();

        // At 180 px beside the calendar icon the label read "Expires (optiona".
        Assert.True(await expires.EvaluateAsync<bool>("i => i.labels[0].scrollWidth <= i.labels[0].clientWidth"), "The expiry field's label is cut off.");
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= width);
    }
}
