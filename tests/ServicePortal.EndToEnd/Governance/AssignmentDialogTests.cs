using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Governance;

/// <summary>The add-role-assignment dialog on a phone: it fits the screen and every field's label shows whole.</summary>
public class AssignmentDialogTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_TheAddAssignmentDialog_FitsAndShowsEveryLabelWhole()
    {
        var page = await portal.SignInOnAPhoneAsync("governance@demo.local", "/governance/domains/DOM-COMMERCE");
        await page.GetByTestId("add-assignment").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var person = dialog.GetByLabel("Person", new() { Exact = true });
        await Assertions.Expect(person).ToBeVisibleAsync();

        // The person field's label, "Person (search by name, e-mail or organisation)", ended in "orga…" on a phone.
        var cut = await dialog.Locator("label").EvaluateAllAsync<string[]>(
            "labels => labels.filter(l => l.offsetWidth > 0 && l.scrollWidth > l.clientWidth).map(l => l.textContent)");
        Assert.Empty(cut);
        var edges = await dialog.EvaluateAsync<double[]>("d => { const r = d.getBoundingClientRect(); return [r.left, r.right]; }");
        Assert.True(edges[0] >= 0 && edges[1] <= 390, $"The dialog spans {edges[0]}..{edges[1]} px on a 390 px screen.");
    }
}
