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
        await editor.GetByTestId("new-draft").ClickAsync();
        await Assertions.Expect(editor.GetByTestId("version-status")).ToHaveTextAsync("Draft");
        var card = editor.GetByRole(AriaRole.Region, new() { Name = "Run", Exact = true }).GetByTestId("practice-card").First;
        var key = await card.GetAttributeAsync("data-key");
        await card.GetByTestId("edit-practice").ClickAsync();
        var dialog = editor.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Purpose", new() { Exact = true }).FillAsync(purpose);
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "practice-dialog.png") });
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(editor.Locator($"[data-key='{key}']").GetByTestId("practice-purpose")).ToHaveTextAsync(purpose);
        await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-draft.png"), FullPage = true });
        await Assertions.Expect(editor.GetByTestId("publish")).ToHaveCountAsync(0);

        // The CIO publishes it with a change note.
        var cio = await portal.SignInAsync("cio@demo.local", "/score");
        await Assertions.Expect(cio.GetByTestId("version-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(cio.GetByTestId("edit-practice")).ToHaveCountAsync(0);
        await cio.GetByTestId("publish").ClickAsync();
        var publish = cio.GetByRole(AriaRole.Dialog);
        await publish.GetByTestId("confirm-publish").ClickAsync();
        await publish.GetByText("Change note is required").WaitForAsync();
        await publish.GetByLabel("Change note", new() { Exact = true }).FillAsync("Sharper purpose for incident management.");
        await cio.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "publish-dialog.png") });
        await publish.GetByTestId("confirm-publish").ClickAsync();
        await Assertions.Expect(cio.GetByTestId("version-status")).ToHaveTextAsync("Published");
        await Assertions.Expect(cio.GetByTestId("version-summary")).ToContainTextAsync("cio@demo.local");
        await Assertions.Expect(cio.GetByTestId("publish")).ToHaveCountAsync(0);

        // The comparison of the superseded and the new version shows the change.
        await cio.GetByTestId("compare").ClickAsync();
        await cio.GetByTestId("versions-grid").WaitForAsync();
        await cio.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        var changed = cio.GetByTestId("changed");
        await Assertions.Expect(changed).ToContainTextAsync(purpose);
        await Assertions.Expect(changed).ToContainTextAsync("Purpose");
        await cio.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "compare.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/score", "[data-testid=score-board]")]
    [InlineData("/score/practices/PRC-INCIDENT", "[data-testid=kpi-table]")]
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

        Assert.Equal(0, await page.Locator("[data-testid=new], [data-testid=add-assignment], [data-testid=remove-assignment], [data-testid=new-draft], [data-testid=publish], [data-testid=edit-practice], [data-testid=add-practice], [data-testid=record-kpi], [data-testid=record-kpi-value]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-') + ".png"), FullPage = true });
    }

    [Fact]
    public async Task PracticePage_GovernanceRecordsAKpiValue_AndBadInputIsRefusedBesideTheField()
    {
        Directory.CreateDirectory(Shots);
        var page = await portal.SignInAsync("governance@demo.local", "/score/practices/PRC-DEVELOPMENT");
        var asOf = System.Text.RegularExpressions.Regex.Match(await page.GetByTestId("kpi-as-of").TextContentAsync() ?? "", @"\d{4}-\d{2}").Value;
        var row = page.GetByTestId("kpi-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "KPI-DEVELOPMENT-CFR" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Record Change failure rate" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Period", new() { Exact = true }).FillAsync(asOf);
        await dialog.GetByLabel("Value (%) of Change failure rate").FillAsync("-3");
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog.GetByText("Value: must not be negative.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Value (%) of Change failure rate").FillAsync("4.5");
        await dialog.GetByLabel("Value (%) of Change failure rate").PressAsync("Enter"); // the grid saves from the keyboard

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByTestId("kpi-status")).ToHaveAttributeAsync("data-status", "Met");
        await Assertions.Expect(row.GetByTestId("kpi-value")).ToHaveTextAsync("4.5%");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "practice-kpis.png"), FullPage = true });
    }

    [Fact]
    public async Task ScorePages_OnAPhone_StayWithinTheScreen()
    {
        Directory.CreateDirectory(Shots);
        var page = await portal.SignInAsync("viewer@demo.local", "/score");
        await page.SetViewportSizeAsync(390, 844);
        // Signed in means the circuit is up, so the board seen now is the interactive one (the prerendered one is replaced once).
        await Assertions.Expect(page.GetByTestId("score-board")).ToBeVisibleAsync();

        var stages = new List<LocatorBoundingBoxResult>();
        foreach (var name in new[] { "Demand", "Plan", "Build", "Run" })
        {
            stages.Add((await page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true }).BoundingBoxAsync())!);
        }

        Assert.All(stages, box => Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"a stage spans {box.X}..{box.X + box.Width} on a 390 px screen"));
        Assert.True(stages.Zip(stages.Skip(1)).All(pair => pair.Second.Y > pair.First.Y), "the stages are stacked Demand, Plan, Build, Run");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-phone.png"), FullPage = true });

        // The practice page's KPIs and the score versions fit the phone's width too.
        foreach (var (path, testId) in new[] { ("/score/practices/PRC-DEVELOPMENT", "kpi-section"), ("/score/history", "versions-grid") })
        {
            await page.GotoAsync(path);
            await PortalServer.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            var box = (await page.GetByTestId(testId).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{testId} on {path} spans {box.X}..{box.X + box.Width} on a 390 px screen");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, testId + "-phone.png"), FullPage = true });
        }
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
        // The person picked is one who does not hold the cell yet (another test may have added the first match), and
        // the pick is checked in the field before Add, so a list that re-renders under the click cannot leave it empty.
        var holderNames = await cell.GetByTestId("raci-holder").EvaluateAllAsync<string[]>("els => els.map(e => e.lastChild.textContent.trim())");
        var person = add.GetByLabel("Person", new() { Exact = true });
        await person.FillAsync("a");
        var option = page.GetByRole(AriaRole.Option);
        foreach (var name in holderNames)
        {
            option = option.Filter(new() { HasNotText = name });
        }

        await option.First.ClickAsync();
        await Assertions.Expect(person).Not.ToHaveValueAsync("a");
        await Assertions.Expect(person).Not.ToHaveValueAsync("");
        await add.GetByTestId("save").ClickAsync();
        await Assertions.Expect(add.GetByTestId("form-error")).ToHaveCountAsync(0);
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
