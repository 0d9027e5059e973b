using System.Globalization;
using Bunit;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

/// <summary>The scorecard, the ranking and a target's page (ported from the HtmlRenderer tests of SlaPagesRenderingTests).</summary>
public sealed class ScorecardTests(PortalFactory portal) : SlaComponentTest(portal)
{
    [Fact]
    public void TheScorecardOfTheBreachingCarrierShowsBreachesStreakCreditsAndDependentServices()
    {
        RenderProviders();

        var page = Render<SupplierScorecardPage>(p => p.Add(x => x.Key, "SUP-SWIFTLINE"));

        page.WaitForAssertion(() => Assert.Contains("Swiftline", page.Find("[data-testid=scorecard-title]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.True(int.Parse(page.Find("[data-testid=breaches]").TextContent.Trim(), CultureInfo.InvariantCulture) >= 4));
        Assert.DoesNotContain("none", page.Find("[data-testid=credits]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=scorecard-targets] [data-testid=streak]"));
        Assert.NotEmpty(page.FindAll("[data-testid=services-grid] tbody tr.mud-table-row"));
        Assert.Empty(page.FindAll("[data-testid=record]"));
        Assert.Empty(page.FindAll("[data-testid=contracts-grid] [data-testid=edit]"));
    }

    [Fact]
    public void TheScorecardOffersRecordingOnlyToThoseWhoMayEdit()
    {
        SignInAs(PortalRoles.SupplierManager);
        RenderProviders();

        var page = Render<SupplierScorecardPage>(p => p.Add(x => x.Key, "SUP-SWIFTLINE"));

        page.WaitForAssertion(() => Assert.Equal(SlaRoutes.Measurements("SUP-SWIFTLINE"), page.Find("[data-testid=record]").GetAttribute("href")));
    }

    [Fact]
    public void TheRankingPutsTheBreachingCarrierAboveTheSuppliersWithoutImpact()
    {
        RenderProviders();

        var page = Render<SupplierRanking>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=ranking-grid] tbody tr.mud-table-row")));
        var rows = page.FindAll("[data-testid=ranking-grid] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();
        var swiftline = rows.FindIndex(r => r.Contains("Swiftline", StringComparison.Ordinal));
        Assert.True(swiftline >= 0);
        var impacts = page.FindAll("[data-testid=ranking-grid] [data-testid=impact]").Select(c => int.Parse(c.TextContent.Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(impacts.OrderByDescending(i => i), impacts);
        Assert.True(impacts[swiftline] > 0);
    }

    [Fact]
    public void ATargetPageShowsTwelvePeriodsWithResultsAndTheRepeatedBreach()
    {
        RenderProviders();

        var page = Render<SlaTargetPage>(p => p.Add(x => x.Key, "SWL-AVAIL"));

        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=period-results] tbody tr.mud-table-row").Count));
        Assert.NotNull(page.Find("[data-testid=streak-alert]"));
        Assert.NotEmpty(page.FindAll("[data-testid=period-results] [data-result=Breached]"));
    }
}
