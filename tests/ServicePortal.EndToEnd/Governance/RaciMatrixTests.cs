using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Governance;

/// <summary>The RACI matrix on a phone: the roles scroll sideways inside the matrix, under a practice column that stays put.</summary>
public class RaciMatrixTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_ThePracticeColumnIsNarrowAndStaysInView_WhileTheRolesScroll()
    {
        var page = await portal.SignInOnAPhoneAsync("cio@demo.local", "/governance/raci");
        var practice = page.GetByTestId("raci-table").Locator("tbody tr th").First;
        await Assertions.Expect(practice).ToBeVisibleAsync();
        var scroller = page.GetByTestId("raci-scroll");
        var before = await practice.BoundingBoxAsync();

        // The practice column took 320 of 390 px, leaving one role a sliver, and scrolled away with the roles.
        Assert.True(before!.Width is >= 110 and <= 160, $"The practice column is {before.Width} px wide on a 390 px screen.");
        await scroller.EvaluateAsync("s => s.scrollLeft = 400");
        Assert.True(await scroller.EvaluateAsync<double>("s => s.scrollLeft") > 0, "The matrix does not scroll sideways.");
        var after = await practice.BoundingBoxAsync();
        Assert.Equal(before.X, after!.X, 1);
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390, "The page itself scrolls sideways.");
    }
}
