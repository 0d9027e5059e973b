using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class GovernancePageTests(PortalFactory portal) : GovernanceComponentTest(portal)
{
    [Fact]
    public async Task TheGapsOfTheSampleShowWithCoverage_EachFixLinkIsTheWebsOwnRoute()
    {
        var report = await Services.GetRequiredService<GovernanceOverview>().GetAsync();
        Assert.NotEmpty(report.Gaps);
        RenderProviders();

        var page = Render<GovernancePage>();

        page.WaitForAssertion(() => Assert.Equal(report.Gaps.Count, page.FindAll("[data-testid=gap]").Count));
        Assert.NotNull(page.Find("[data-testid=coverage-overall]"));
        Assert.Equal(report.Coverage.Domains.Count, page.FindAll("[data-testid=coverage-domains] tbody tr.mud-table-row").Count);
        Assert.Equal(report.Gaps.Select(GapLinks.Fix).Order(), page.FindAll("[data-testid=fix-link]").Select(a => a.GetAttribute("href")!).Order());
    }

    [Fact]
    public async Task ASeverityButtonHidesAndShowsItsGaps()
    {
        var report = await Services.GetRequiredService<GovernanceOverview>().GetAsync();
        var severity = report.Gaps.GroupBy(g => g.Severity).OrderByDescending(g => g.Count()).First().Key;
        RenderProviders();
        var page = Render<GovernancePage>();
        page.WaitForAssertion(() => Assert.Equal(report.Gaps.Count, page.FindAll("[data-testid=gap]").Count));
        var button = page.FindAll("[data-testid=severity-filter] button").Single(b => b.TextContent.Trim().StartsWith(severity.ToString() + " ", StringComparison.Ordinal));
        Assert.Equal("true", button.GetAttribute("aria-pressed"));

        button.Click();

        page.WaitForAssertion(() => Assert.Equal(report.Gaps.Count(g => g.Severity != severity), page.FindAll("[data-testid=gap]").Count));
        Assert.Equal("false", page.FindAll("[data-testid=severity-filter] button").Single(b => b.TextContent.Trim().StartsWith(severity.ToString() + " ", StringComparison.Ordinal)).GetAttribute("aria-pressed"));
    }
}
