using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Score;

public class CommonScoreTests(PortalServer portal)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "sp-score");

    [Fact]
    public async Task GovernanceEditsTheDraft_CioPublishesIt_AndTheComparisonShowsTheChange()
    {
        Directory.CreateDirectory(Shots);
        var purpose = $"Restore service fast and learn from every major incident ({Guid.NewGuid():N})";

        // Governance staff start a draft (the sample has none) and change a practice's purpose.
        var editor = await portal.SignInAsync("governance@demo.local", "/score");
        await editor.ClickAsync("[data-testid=new-draft]");
        await editor.WaitForSelectorAsync("[data-testid=version-status]:has-text('Draft')");
        var card = editor.Locator("[data-stage=RUN] [data-testid=practice-card]").First;
        var key = await card.GetAttributeAsync("data-key");
        await card.Locator("[data-testid=edit-practice]").ClickAsync();
        var dialog = editor.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea[data-testid=purpose]").FillAsync(purpose);
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "practice-dialog.png") });
        await dialog.Locator("[data-testid=save]").ClickAsync();
        await editor.WaitForSelectorAsync($"[data-key='{key}'] [data-testid=practice-purpose]:has-text('{purpose}')");
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-draft.png"), FullPage = true });
        Assert.Equal(0, await editor.Locator("[data-testid=publish]").CountAsync());

        // The CIO publishes it with a change note.
        var cio = await portal.SignInAsync("cio@demo.local", "/score");
        Assert.Equal(0, await cio.Locator("[data-testid=edit-practice]").CountAsync());
        await cio.ClickAsync("[data-testid=publish]");
        await cio.ClickAsync("[data-testid=confirm-publish]");
        await cio.GetByRole(AriaRole.Dialog).GetByText("Change note is required").WaitForAsync();
        await cio.FillAsync("textarea[data-testid=change-note]", "Sharper purpose for incident management.");
        await cio.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "publish-dialog.png") });
        await cio.ClickAsync("[data-testid=confirm-publish]");
        await cio.WaitForSelectorAsync("[data-testid=version-status]:has-text('Published')");
        Assert.Contains("cio@demo.local", await cio.TextContentAsync("[data-testid=version-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await cio.Locator("[data-testid=publish]").CountAsync());

        // The comparison of the superseded and the new version shows the change.
        await cio.ClickAsync("[data-testid=compare]");
        await cio.WaitForSelectorAsync("[data-testid=versions-grid]");
        await cio.ClickAsync("[data-testid=run-compare]");
        var changed = cio.Locator("[data-testid=changed]");
        await changed.WaitForAsync();
        Assert.Contains(purpose, await changed.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Purpose", await changed.TextContentAsync(), StringComparison.Ordinal);
        await cio.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "compare.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/score", "[data-testid=score-board]")]
    [InlineData("/score/practices/PRC-INCIDENT", "[data-testid=assignments-grid]")]
    [InlineData("/governance", "[data-testid=coverage]")]
    [InlineData("/governance/raci", "[data-testid=raci-table]")]
    [InlineData("/governance/raci?view=services", "[data-testid=raci-table]")]
    [InlineData("/governance/people", "[data-testid=people-grid]")]
    [InlineData("/governance/roles/practice-owner", "[data-testid=assignments-grid]")]
    [InlineData("/governance/assignments", "[data-testid=assignments-grid]")]
    [InlineData("/score/history", "[data-testid=versions-grid]")]
    public async Task ScorePages_RenderForAViewer_WithoutEditButtons(string path, string marker)
    {
        Directory.CreateDirectory(Shots);
        var page = await portal.SignInAsync("viewer@demo.local", path);

        await page.WaitForSelectorAsync(marker);

        Assert.Equal(0, await page.Locator("[data-testid=new], [data-testid=add-assignment], [data-testid=remove-assignment], [data-testid=new-draft], [data-testid=publish], [data-testid=edit-practice], [data-testid=add-practice]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-') + ".png"), FullPage = true });
    }

    [Fact]
    public async Task RaciCell_GovernanceAddsAnAssignmentFromTheServiceMatrix()
    {
        Directory.CreateDirectory(Shots);
        var page = await portal.SignInAsync("governance@demo.local", "/governance/raci?view=services");
        // The row is found by its service's key, not its position: other browser tests add services to the same
        // portal at the same time, which can shift the rows while this test runs.
        var key = await page.Locator("[data-testid=raci-table] tbody tr").Nth(2).GetAttributeAsync("data-key");
        var row = page.Locator($"[data-testid=raci-table] tbody tr[data-key='{key}']");
        var architect = await page.Locator("[data-testid=raci-table] thead th").EvaluateAllAsync<int>("ths => ths.findIndex(th => th.textContent.trim() === 'Architect')");
        var cell = row.Locator("td, th").Nth(architect).Locator("button");
        var before = await cell.GetByTestId("raci-holder").CountAsync();

        // Two dialogs open on top of each other: each is found by its title.
        await cell.ClickAsync();
        var holders = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Architect · ") });
        await holders.GetByTestId("add-assignment").ClickAsync();
        var add = page.GetByRole(AriaRole.Dialog, new() { Name = "Add role assignment" });
        await add.GetByLabel("Person (search by name, e-mail or organisation)").FillAsync("a");
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await add.GetByTestId("save").ClickAsync();
        await Assertions.Expect(add).ToHaveCountAsync(0);
        await holders.GetByTestId("remove-assignment").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "raci-cell.png") });
        await holders.GetByTestId("close-cell").ClickAsync();

        await Assertions.Expect(cell.GetByTestId("raci-holder")).ToHaveCountAsync(before + 1);
    }

    [Fact]
    public async Task GovernanceFixLinks_OpenRealPages()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/governance");
        var links = await page.GetByTestId("fix-link").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.getAttribute('href')))]");
        Assert.NotEmpty(links);

        foreach (var link in links.GroupBy(l => string.Join('/', l.Split('?')[0].TrimStart('/').Split('/').Take(2))).Select(g => g.First()))
        {
            var response = await page.APIRequest.GetAsync("/" + link.TrimStart('/'));
            Assert.True(response.Ok, $"{link} answered {response.Status}");
            Assert.DoesNotContain("Not found", await response.TextAsync(), StringComparison.Ordinal);
        }
    }
}
