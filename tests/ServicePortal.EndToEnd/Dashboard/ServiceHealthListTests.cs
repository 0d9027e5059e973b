using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Dashboard;

/// <summary>The service health list on a phone: a card shows no line it has nothing to say on.</summary>
public class ServiceHealthListTests(PortalServer portal)
{
    [Fact]
    public async Task OnAPhone_NoServiceCardShowsAnEmptyLine()
    {
        var page = await portal.SignInOnAPhoneAsync("cio@demo.local", "/service-health");
        var rows = page.GetByTestId("service-health-grid").Locator("tbody tr");
        await Assertions.Expect(rows.Nth(2)).ToBeVisibleAsync();

        // A service with its own problem and nothing inherited had a blank "Inherited" line.
        var empty = await rows.Locator("td").EvaluateAllAsync<string[]>(
            "tds => tds.filter(td => td.getBoundingClientRect().height > 0 && td.textContent.trim() === '').map(td => td.dataset.label)");
        Assert.Empty(empty);
    }
}
