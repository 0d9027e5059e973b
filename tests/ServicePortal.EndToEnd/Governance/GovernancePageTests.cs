using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Governance;

/// <summary>The governance gaps on a phone: each gap's message reads across the card and its Fix link is on the screen.</summary>
public class GovernancePageTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_EveryGapsMessageIsWide_AndItsFixLinkIsOnTheScreen()
    {
        var page = await portal.SignInOnAPhoneAsync("cio@demo.local", "/governance");
        var gaps = page.GetByTestId("gap");
        await Assertions.Expect(gaps.First).ToBeVisibleAsync();

        // Four table columns squeezed the message to a word a line and cut "Fix" off at the card's right edge.
        var boxes = await gaps.EvaluateAllAsync<double[][]>(
            "rows => rows.map(r => { const m = r.querySelector('[data-testid=gap-message]').getBoundingClientRect(); const f = r.querySelector('[data-testid=fix-link]').getBoundingClientRect(); return [m.width, f.left, f.right]; })");

        Assert.All(boxes, box =>
        {
            Assert.True(box[0] >= 250, $"A gap's message is {box[0]} px wide on a 390 px screen.");
            Assert.True(box[1] >= 0 && box[2] <= 390, $"A Fix link spans {box[1]}..{box[2]} px on a 390 px screen.");
        });
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 390);
    }
}
