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
}
