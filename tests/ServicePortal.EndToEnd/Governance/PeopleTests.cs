using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Governance;

/// <summary>The People page on a phone, where the grid draws each person as a card with a line per column.</summary>
public class PeopleTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_APersonWithoutAJobTitleHasACardWithoutEmptyLines()
    {
        var name = $"Phone Card {Guid.NewGuid():N}"[..20];
        var page = await portal.SignInAsync("governance@demo.local", "/governance/people");
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByTestId("new").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("E-mail").FillAsync($"{Guid.NewGuid():N}@phone.example");
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.GetByTestId("search").FillAsync(name);
        await Assertions.Expect(page.GetByTestId("people-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        var card = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await PortalServer.ScreenshotAsync(page, "people-phone");

        // No job title, no organisation (hidden on a phone) and no leaving day: none of them takes a line of the card.
        foreach (var label in new[] { "Job title", "Organisation", "Left on" })
        {
            var height = await card.Locator($"td[data-label='{label}']").EvaluateAsync<double>("td => td.getBoundingClientRect().height");
            Assert.True(height == 0, $"The '{label}' line of the card is {height} px high with nothing in it.");
        }

        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhone_APersonWithALongEmailAndName_WrapsInsideTheCard_AndThePageNeverScrollsSideways()
    {
        var name = $"Unbroken{Guid.NewGuid():N}"; // 40 characters without a space
        var email = $"longmailboxfor{Guid.NewGuid():N}@phone.example";
        Assert.Equal(60, email.Length);
        var page = await portal.SignInAsync("governance@demo.local", "/governance/people");
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByTestId("new").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("E-mail").FillAsync(email);
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.GetByTestId("search").FillAsync(name);
        await Assertions.Expect(page.GetByTestId("people-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        var card = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(card.Locator("td[data-label='E-mail']")).ToHaveTextAsync(email);
        await PortalServer.ScreenshotAsync(page, "people-phone-long-email");

        var viewport = await page.EvaluateAsync<double>("() => window.innerWidth");
        var documentWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(documentWidth <= viewport, $"The page is {documentWidth} px wide on a {viewport} px screen.");
        // The grid scrolls on its own when its table is too wide, so the card's own edges are checked too.
        var cardRight = await card.EvaluateAsync<double>(
            "row => Math.max(row.closest('table').getBoundingClientRect().right, ...Array.from(row.cells, c => c.getBoundingClientRect().right))");
        Assert.True(cardRight <= viewport, $"The card reaches {cardRight} px on a {viewport} px screen.");
    }

    [Theory]
    [InlineData("/governance/people", "person-roles", "people-grid")]
    [InlineData("/governance/roles", "role-holders", "roles-grid")]
    public async Task OnAPhone_ThePersonOrRoleALinkOpens_ComesBeforeTheList(string list, string detailId, string gridId)
    {
        var page = await portal.SignInAsync("governance@demo.local", list);
        var first = await page.GetByTestId(gridId).GetByRole(AriaRole.Link).First.GetAttributeAsync("href");
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync(first!);
        await PortalServer.WaitForCircuitAsync(page);
        var detail = page.GetByTestId(detailId);
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId(gridId).Locator("tbody tr").Nth(1)).ToBeVisibleAsync();

        // It sat below the whole list: on a phone, 20 cards down.
        var detailTop = await detail.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        var gridTop = await page.GetByTestId(gridId).EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(detailTop < gridTop, $"The {detailId} panel starts at {detailTop} px, below the list at {gridTop} px.");
        Assert.True(detailTop < 844, $"The {detailId} panel starts at {detailTop} px, off the first screen.");
    }

    [Fact]
    public async Task OnADesktop_ThePeopleGridFitsItsBox_AndEveryRowsDeleteButtonIsInsideIt()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/governance/people");
        var grid = page.GetByTestId("people-grid");
        await Assertions.Expect(grid.Locator("tbody tr").Nth(1)).ToBeVisibleAsync();

        // The longest e-mail address widened the table 24 px past the grid: the delete buttons were cut off.
        var scrolls = await grid.EvaluateAsync<bool>(
            "g => [...g.querySelectorAll('*')].some(e => getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)");
        Assert.False(scrolls, "The people grid scrolls sideways at 1400 px.");
        var right = await grid.EvaluateAsync<double>("g => g.getBoundingClientRect().right");
        var deletes = await grid.GetByTestId("delete").EvaluateAllAsync<double[]>("bs => bs.map(b => b.getBoundingClientRect().right)");
        Assert.All(deletes, edge => Assert.True(edge <= right, $"A delete button ends at {edge} px, the grid at {right} px."));
    }
}
