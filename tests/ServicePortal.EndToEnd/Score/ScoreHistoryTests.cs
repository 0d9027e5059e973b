using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Score;

/// <summary>The score versions on a phone: a draft's card has no empty lines for what only publishing fills in.</summary>
public class ScoreHistoryTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_AVersionsCard_LeavesOutTheFieldsItHasNoValueFor()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/score");
        var newDraft = page.GetByTestId("new-draft");
        var discardDraft = page.GetByTestId("discard-draft");
        await Assertions.Expect(newDraft.Or(discardDraft)).ToBeVisibleAsync();
        if (await newDraft.IsVisibleAsync())
        {
            await newDraft.ClickAsync();
            await Assertions.Expect(discardDraft).ToBeVisibleAsync();
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/score/history");
        await PortalServer.WaitForCircuitAsync(page);
        var rows = page.GetByTestId("versions-grid").Locator("tbody tr");
        await Assertions.Expect(rows.Nth(1)).ToBeVisibleAsync();

        // A draft's "Published", "Published by" and "Change note" were blank lines in its card.
        var cells = await rows.Locator("td").EvaluateAllAsync<bool[][]>(
            "tds => tds.map(td => [td.textContent.trim() === '', td.getBoundingClientRect().height > 0])");
        Assert.All(cells.Where(c => c[0]), cell => Assert.False(cell[1], "A card shows an empty line."));
        Assert.Contains(cells, c => !c[0] && c[1]);
    }
}
