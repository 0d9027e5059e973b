using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Health;
using ServicePortal.Web.Tests.Support;
using CoreDashboard = ServicePortal.Core.Health.Dashboard;

namespace ServicePortal.Web.Tests.Features.Health;

/// <summary>The dashboard's sections rendered from hand-made records, and the page over the seeded sample enterprise.</summary>
public sealed class DashboardSectionsTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private static readonly DateOnly Month = new(2026, 11, 1);
    private static readonly NodeLink Carrier = new(10, "SVC-CARRIER", "Parcel carrier API", NodeType.Service);
    private static readonly NodeLink Swiftline = new(20, "SUP-SWIFTLINE", "Swiftline", NodeType.Supplier);
    private static readonly NodeLink Host = new(30, "CI-HOST-04", "VM host 04", NodeType.ConfigurationItem);
    private static readonly NodeLink Shop = new(40, "SVC-SHOP", "Online shopping", NodeType.Service);
    private static readonly NodeLink Billing = new(50, "SVC-BILLING", "Billing", NodeType.Service);

    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(Portal.Services.GetRequiredService<DashboardService>());
        services.AddSingleton(Portal.Services.GetRequiredService<ValueStreamHealthService>());
    }

    [Fact]
    public void HeatMap_ColoursEachDomain_ExplainsItsScore_AndLinksEveryNumber()
    {
        var page = Render<DomainHeatMap>(p => p.Add(c => c.Board, Board()));

        var tiles = page.FindAll("[data-testid=domain-tile]");
        Assert.Equal(2, tiles.Count);
        Assert.Equal("Degraded", tiles[0].GetAttribute("data-health"));
        Assert.Contains("health-degraded", tiles[0].ClassList);
        Assert.Equal("/service-health?domain=DOM-SUPPLY&asOf=2026-11", tiles[0].QuerySelector("[data-testid=tile-name]")!.GetAttribute("href"));
        Assert.Contains(tiles[0].QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/services?domain=DOM-SUPPLY");
        Assert.Contains("55", tiles[0].QuerySelector("[data-testid=tile-score]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DomainHealthRules.ScoreFormula, tiles[0].QuerySelector("[data-testid=tile-score]")!.GetAttribute("title"));
        Assert.Equal("55/100: 3 need attention", tiles[0].QuerySelector("[data-testid=tile-explanation]")!.TextContent.Trim());
        Assert.Equal("/service-health?domain=DOM-SUPPLY&attention=true&source=own&asOf=2026-11", tiles[0].QuerySelector("[data-testid=tile-own]")!.GetAttribute("href"));
        Assert.Equal("/service-health?domain=DOM-SUPPLY&attention=true&source=inherited&asOf=2026-11", tiles[0].QuerySelector("[data-testid=tile-inherited]")!.GetAttribute("href"));
        Assert.Equal("/cmdb/items/CI-HOST-04", tiles[0].QuerySelector("[data-testid=tile-root]")!.GetAttribute("href"));
        Assert.Contains("Governed 75% (3/4)", tiles[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Healthy", tiles[1].GetAttribute("data-health"));
        Assert.Null(tiles[1].QuerySelector("[data-testid=tile-own]"));
        Assert.Contains(DomainHealthRules.StatusRule, page.Find("[data-testid=score-formula]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatMap_DrawsTwelveMonthsPerDomain_EachBarLinkingToThatMonth()
    {
        var page = Render<DomainHeatMap>(p => p.Add(c => c.Board, Board()));

        var bars = page.FindAll("[data-testid=domain-tile][data-domain=DOM-SUPPLY] [data-testid=spark-bar]");
        Assert.Equal(12, bars.Count);
        Assert.Equal("Degraded", bars[^1].GetAttribute("data-health"));
        Assert.Equal("AtRisk", bars[0].GetAttribute("data-health"));
        Assert.Equal("/service-health?domain=DOM-SUPPLY&attention=true&asOf=2025-12", bars[0].GetAttribute("href"));
    }

    [Fact]
    public void HeatMap_At50Domains_CountsEveryDomainByHealth_DrawsTheWorstEight_AndShowAllDrawsEveryOne()
    {
        var board = ManyDomains(50);

        var page = Render<DomainHeatMap>(p => p.Add(c => c.Board, board));

        Assert.Contains("50 domains", page.Find("[data-testid=domain-counts]").TextContent, StringComparison.Ordinal);
        var counts = page.FindAll("[data-testid=domain-count]");
        Assert.Equal(["Down", "Degraded", "AtRisk", "Healthy"], counts.Select(c => c.GetAttribute("data-health")));
        Assert.Equal(["2 Down", "3 Degraded", "5 At risk", "40 Healthy"], counts.Select(c => c.TextContent.Trim()));
        var tiles = page.FindAll("[data-testid=domain-tile]");
        Assert.Equal(DomainTileList.Shown, tiles.Count);
        Assert.Equal(["Down", "Down", "Degraded"], tiles.Take(3).Select(t => t.GetAttribute("data-health")));
        Assert.Contains("The 8 worst of 50 domains", page.Find("[data-testid=domains-shown]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=domains-show-all]").Click();

        Assert.Equal(50, page.FindAll("[data-testid=domain-tile]").Count);
        Assert.Contains("Show the 8 worst", page.Find("[data-testid=domains-show-all]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatMap_FindADomain_DrawsAHealthyDomainBeyondTheWorstEight()
    {
        var page = Render<DomainHeatMap>(p => p.Add(c => c.Board, ManyDomains(50)));

        page.Find("input[data-testid=domain-search], [data-testid=domain-search] input").Input("domain 49");

        page.WaitForAssertion(() =>
        {
            var tile = Assert.Single(page.FindAll("[data-testid=domain-tile]"));
            Assert.Equal("DOM-49", tile.GetAttribute("data-domain"));
            Assert.Equal("Healthy", tile.GetAttribute("data-health"));
        }, TimeSpan.FromSeconds(5));
        Assert.Contains("1 of 50 domains match", page.Find("[data-testid=domains-shown]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatMap_WithFewDomains_DrawsThemAllWithoutShowAllOrSearch()
    {
        var page = Render<DomainHeatMap>(p => p.Add(c => c.Board, Board()));

        Assert.Equal(2, page.FindAll("[data-testid=domain-tile]").Count);
        Assert.Empty(page.FindAll("[data-testid=domains-show-all]"));
        Assert.Empty(page.FindAll("[data-testid=domain-search]"));
        Assert.Equal(["1 Degraded", "1 Healthy"], page.FindAll("[data-testid=domain-count]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void WhileGovernanceIsWorkedOut_GapsAndSuppliersSayItInsteadOfNone()
    {
        var board = Board() with { Gaps = null, Suppliers = [] };
        board = board with { Pending = true, Trends = null };

        var kpis = Render<DashboardKpis>(p => p.Add(c => c.Board, board));
        var suppliers = Render<SupplierImpactCard>(p => p.Add(c => c.Suppliers, board.Suppliers).Add(c => c.Period, Month).Add(c => c.Pending, true));
        var trends = Render<BusinessTrendsCard>(p => p.Add(c => c.Trends, board.Trends).Add(c => c.Pending, true));

        Assert.Contains("Being worked out", kpis.Find("[data-testid=gaps-pending]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not available", kpis.Find("[data-testid=governance-gaps]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ranking the suppliers", suppliers.Find("[data-testid=suppliers-pending]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("No supplier breached", suppliers.Markup, StringComparison.Ordinal);
        Assert.Contains("12 months of health", trends.Find("[data-testid=business-trends-pending]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("No live business services", trends.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_ShowsTheSlaResultsOfTheMonth_WhileHealthIsRolledUp()
    {
        var preview = new DashboardPreview(Month, [Month], Board().Trend);

        var page = Render<DashboardBuilding>(p => p.Add(c => c.Preview, preview));

        Assert.Contains("November 2026", page.Find("[data-testid=building-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.FindAll("[data-testid=breaches-chart] [data-testid=breach-bar]").Count);
        Assert.Empty(page.FindAll("[data-testid=domain-tile]"));
    }

    [Fact]
    public void Kpis_KeepTheCountsAndSplitOwnFromInherited()
    {
        var page = Render<DashboardKpis>(p => p.Add(c => c.Board, Board()));

        Assert.Equal("57", page.Find("[data-testid=count-services] .portal-stat").TextContent.Trim());
        Assert.Contains("52 Live", page.Find("[data-testid=services-live]").TextContent, StringComparison.Ordinal);
        Assert.Equal("32", page.Find("[data-testid=count-suppliers] .portal-stat").TextContent.Trim());
        Assert.Equal("/governance?severity=Critical", page.Find("[data-testid=gaps-critical]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=gaps-low]"));
        Assert.StartsWith("3", page.Find("[data-testid=attention-count]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("1 own problem", page.Find("[data-testid=kpi-own]").TextContent.Trim());
        Assert.Equal("2 inherited", page.Find("[data-testid=kpi-inherited]").TextContent.Trim());
        Assert.Equal("/service-health?attention=true&source=inherited&asOf=2026-11", page.Find("[data-testid=kpi-inherited]").GetAttribute("href"));
    }

    [Fact]
    public void RootCauses_LinkToTheNodeWhereTheTroubleStarts_WithWhatTheyTouch()
    {
        var page = Render<RootCausesCard>(p => p.Add(c => c.RootCauses, Board().RootCauses));

        Assert.Equal(["/cmdb/items/CI-HOST-04", "/catalog/services/SVC-CARRIER"], page.FindAll("[data-testid=root-cause]").Select(a => a.GetAttribute("href")));
        var first = page.Find("[data-testid=root-cause-item]");
        Assert.Equal("2 business services", first.QuerySelector("[data-testid=root-business]")!.TextContent.Trim());
        Assert.Equal("1 tier 1–2", first.QuerySelector("[data-testid=root-critical]")!.TextContent.Trim());
        Assert.Equal("2 domains", first.QuerySelector("[data-testid=root-domains]")!.TextContent.Trim());
        Assert.Equal("Supply Chain, Finance", first.QuerySelector("[data-testid=root-domains]")!.GetAttribute("title"));
        Assert.Equal("/suppliers/SUP-SWIFTLINE", page.FindAll("[data-testid=root-cause-item]")[1].QuerySelector("[data-testid=root-supplier]")!.GetAttribute("href"));
    }

    [Fact]
    public void Attention_SplitsOwnProblemsFromInherited_EachWithItsClickableRootCausePath()
    {
        var page = Render<AttentionCard>(p => p.Add(c => c.Board, Board()));

        var own = page.Find("[data-testid=attention-own]");
        var inherited = page.Find("[data-testid=attention-inherited]");
        Assert.Contains("Parcel carrier API", own.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Online shopping", own.TextContent, StringComparison.Ordinal);
        var item = inherited.QuerySelector("[data-testid=attention-item]")!;
        Assert.Contains("Online shopping", item.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/cmdb/items/CI-HOST-04", "/catalog/services/SVC-CARRIER", "/catalog/services/SVC-SHOP"],
            item.QuerySelectorAll("[data-testid=path-step]").Select(a => a.GetAttribute("href")));
        Assert.Equal("VM host 04 is Degraded; Online shopping runs on it.", item.QuerySelector("[data-testid=path-text]")!.TextContent.Trim());
        Assert.Equal(["Parcel carrier API runs on VM host 04 (through a redundancy group, judged k of n)", "Online shopping depends on Parcel carrier API"],
            item.QuerySelectorAll("[data-testid=path-via]").Select(a => a.GetAttribute("title")));
        Assert.Equal("2 live services", inherited.QuerySelector("[data-testid=attention-inherited-count]")!.TextContent.Trim());
    }

    [Fact]
    public void TopRisks_NameTheSlaTheSupplierAndTheBusinessServicesHit_OrSayThereAreNone()
    {
        var page = Render<TopRisksCard>(p => p.Add(c => c.Risks, Board().TopRisks).Add(c => c.Period, Month));
        var empty = Render<TopRisksCard>(p => p.Add(c => c.Risks, Array.Empty<TopRisk>()).Add(c => c.Period, Month));

        var risk = page.Find("[data-testid=top-risk]");
        Assert.Contains("Shipment API availability", risk.TextContent, StringComparison.Ordinal);
        Assert.Contains(risk.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/suppliers/SUP-SWIFTLINE");
        Assert.Contains(risk.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/services/SVC-SHOP");
        Assert.Contains("(1 tier 1, 0 tier 2)", risk.TextContent, StringComparison.Ordinal);
        Assert.Contains("No breached or at-risk SLA", empty.Find("[data-testid=top-risks]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppliers_AreRankedWithTheirImpact()
    {
        var page = Render<SupplierImpactCard>(p => p.Add(c => c.Suppliers, Board().Suppliers).Add(c => c.Period, Month));

        var row = page.Find("[data-testid=supplier-row]");
        Assert.Contains("64", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/suppliers/SUP-SWIFTLINE", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void SlaTrend_DrawsEveryMonth_OrSaysThereAreNoMeasurementsInsteadOfDrawingZeroes()
    {
        var page = Render<SlaTrendCharts>(p => p.Add(c => c.Trend, Board().Trend));
        var none = Render<SlaTrendCharts>(p => p.Add(c => c.Trend, Board().Trend.Select(t => t with { Measured = 0, Attained = 0, Breached = 0 }).ToList()));

        Assert.Equal(12, page.FindAll("[data-testid=breaches-chart] [data-testid=breach-bar]").Count);
        Assert.Contains("No SLA measurements", none.Find("[data-testid=sla-trend]").TextContent, StringComparison.Ordinal);
        Assert.Empty(none.FindAll("[data-testid=attainment-chart]"));
    }

    [Fact]
    public void BusinessTrends_ShowTwelveMonthsPerBusinessService_WorstNowFirst()
    {
        var page = Render<BusinessTrendsCard>(p => p.Add(c => c.Trends, Board().Trends));

        var rows = page.FindAll("[data-testid=business-trend]");
        Assert.Equal(["SVC-SHOP", "SVC-BILLING"], rows.Select(r => r.GetAttribute("data-service")));
        Assert.Equal(12, rows[0].QuerySelectorAll("[data-testid=spark-bar]").Length);
        Assert.Contains("own Healthy, inherited At risk", rows[0].QuerySelectorAll("[data-testid=spark-bar] title")[^1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void BusinessTrends_DrawOnlyTheWorstFew_AndSayHowManyThereAre()
    {
        var page = Render<BusinessTrendsCard>(p => p.Add(c => c.Trends, Board().Trends).Add(c => c.Shown, 1));

        Assert.Equal(["SVC-SHOP"], page.FindAll("[data-testid=business-trend]").Select(r => r.GetAttribute("data-service")));
        Assert.Contains("The 1 worst now of 2 live business services", page.Find("[data-testid=business-trends-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthBadge_SaysAtRiskInWords()
    {
        var page = Render<HealthBadge>(p => p.Add(c => c.Status, OperationalStatus.AtRisk));

        Assert.Equal("At risk", page.Find("[data-testid=health-badge]").TextContent.Trim());
    }

    [Fact]
    public void Home_OverTheSampleEnterprise_PutsRootCausesBeforeTheDomains()
    {
        var page = Render<Home>();

        // The page comes in steps while a month is first built: wait for the last (the sparklines).
        page.WaitForElement("[data-testid=domain-tile] [data-testid=sparkline]", TimeSpan.FromSeconds(30));
        var markup = page.Markup;
        Assert.True(markup.IndexOf("data-testid=\"root-causes\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"domain-heatmap\"", StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("[data-testid=root-cause]"));
        Assert.NotEmpty(page.FindAll("[data-testid=domain-tile] [data-testid=sparkline]"));
        Assert.NotEmpty(page.FindAll("[data-testid=business-trend]"));
        Assert.Equal(["DEMAND", "PLAN", "BUILD", "RUN"], page.FindAll("[data-testid=value-stream] [data-testid=stage-tile]").Select(t => t.GetAttribute("data-stage")));
        Assert.NotEmpty(page.FindAll("[data-testid=value-stream] [data-testid=worst-kpi]"));
    }

    [Fact]
    public void ValueStream_RollsUpEachStage_AndNamesTheOwnerOfEveryWorstKpi()
    {
        var failure = new KpiLine("KPI-CFR", "Change failure rate", KpiMetric.ErrorRate, "%", 15, TargetDirection.AtMost, 2, MeasurementPeriod.Monthly);
        var intake = new KpiLine("KPI-INTAKE", "Demand triage time", KpiMetric.CycleTime, "days", 5, TargetDirection.AtMost, 1, MeasurementPeriod.Monthly);
        var health = ValueStreamHealth.Compute(new ValueStreamInput(
            Month,
            [new StageInput("DEMAND", "Demand", 1), new StageInput("BUILD", "Build", 3)],
            [
                new PracticeInput("PRC-DEMAND", "Demand management", "DEMAND", 1, [intake], []),
                new PracticeInput("PRC-CHANGE", "Change enablement", "BUILD", 1, [failure], ["Fleur Willems"]),
            ],
            [new KpiValue("KPI-CFR", Month, 22), new KpiValue("KPI-INTAKE", Month, 3)]));

        var strip = Render<ValueStreamStrip>(p => p.Add(c => c.Health, health));

        var tiles = strip.FindAll("[data-testid=stage-tile]");
        Assert.Equal(["DEMAND", "BUILD"], tiles.Select(t => t.GetAttribute("data-stage")));
        Assert.Equal("Met", tiles[0].GetAttribute("data-status"));
        Assert.Equal("Missed", tiles[1].GetAttribute("data-status"));
        Assert.Equal("Missed", tiles[1].QuerySelector("[data-testid=stage-status]")!.TextContent.Trim());
        Assert.Equal("1 missed", tiles[1].QuerySelector("[data-testid=stage-counts]")!.TextContent.Trim());
        var worst = tiles[1].QuerySelector("[data-testid=worst-kpi]")!;
        Assert.Equal("/score/practices/PRC-CHANGE", worst.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("22% vs ≤ 15%", worst.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fleur Willems", worst.TextContent, StringComparison.Ordinal);
        Assert.Empty(tiles[0].QuerySelectorAll("[data-testid=worst-kpi]"));
    }

    [Fact]
    public void ValueStream_WithoutKpis_SaysHowToGetThere()
    {
        var health = ValueStreamHealth.Compute(new ValueStreamInput(Month, [new StageInput("RUN", "Run", 4)], [], []));

        var strip = Render<ValueStreamStrip>(p => p.Add(c => c.Health, health));

        Assert.Empty(strip.FindAll("[data-testid=stage-tile]"));
        Assert.Equal("/score", strip.Find("[data-testid=value-stream-empty] a").GetAttribute("href"));
    }

    /// <summary>A board with <paramref name="count"/> domains, worst first as the service orders them: 2 Down, 3 Degraded, 5 At risk, the rest Healthy.</summary>
    private static CoreDashboard ManyDomains(int count)
    {
        var tiles = Enumerable.Range(0, count)
            .Select(i =>
            {
                var status = i < 2 ? OperationalStatus.Down : i < 5 ? OperationalStatus.Degraded : i < 10 ? OperationalStatus.AtRisk : OperationalStatus.Healthy;
                var figure = new DomainHealthFigure(i + 1, status, 100 - (10 - Math.Min(i, 10)), new HealthCounts(4, 0, 0, 0, 0), new HealthCounts(1, 0, 0, 0, 0));
                return new DomainTile(i + 1, $"DOM-{i}", $"Domain {i}", figure, new CoverageFigure(4, 4)) { Explanation = $"Domain {i}" };
            })
            .ToList();
        return Board() with { Domains = tiles };
    }

    private static CoreDashboard Board()
    {
        var supply = new DomainHealthFigure(1, OperationalStatus.Degraded, 55, new HealthCounts(1, 0, 3, 0, 0), new HealthCounts(0, 0, 2, 0, 0));
        var data = new DomainHealthFigure(2, OperationalStatus.Healthy, 100, new HealthCounts(3, 0, 0, 0, 0), new HealthCounts(1, 0, 0, 0, 0));
        var outcome = new SlaOutcome(1, "CARRIER-AVAIL", "Shipment API availability", Carrier.Id, Swiftline.Id, "Swiftline", Month,
            SlaResult.Breached, 98.7, 99.5, TargetDirection.AtLeast, "%");
        var months = Enumerable.Range(0, 12).Select(i => Month.AddMonths(i - 11)).ToList();
        var path = new CausePath(Host, "Recorded status: Degraded", null,
            [new PathStep(Host, null), new PathStep(Carrier, RelationshipType.RunsOn, true), new PathStep(Shop, RelationshipType.DependsOn)],
            "VM host 04 is Degraded; Online shopping runs on it.");
        var trends = new HealthTrends(
            months,
            [new DomainTrend(1, "DOM-SUPPLY", "Supply Chain", [.. months.Select((m, i) => new DomainTrendPoint(m, i == 11 ? OperationalStatus.Degraded : OperationalStatus.AtRisk, 60, 2, 4))])],
            [
                new ServiceTrend(Billing, 2, [.. months.Select(m => new ServiceTrendPoint(m, OperationalStatus.Healthy, ImpactLevel.None, OperationalStatus.Healthy))]),
                new ServiceTrend(Shop, 1, [.. months.Select(m => new ServiceTrendPoint(m, OperationalStatus.Healthy, ImpactLevel.AtRisk, OperationalStatus.AtRisk))]),
            ]);
        return new CoreDashboard(
            Month,
            [Month, Month.AddMonths(-1)],
            true,
            new DashboardTotals(57, 52, 32, 24, 85, 504),
            new HealthCounts(4, 0, 3, 0, 0),
            [
                new DomainTile(1, "DOM-SUPPLY", "Supply Chain", supply, new CoverageFigure(4, 3))
                {
                    NeedingAttentionOwn = 1, NeedingAttentionInherited = 2, Explanation = "55/100: 3 need attention", RootCauses = [Host],
                },
                new DomainTile(2, "DOM-DATA", "Data", data, new CoverageFigure(3, 3)) { Explanation = "100/100: all Healthy" },
            ],
            [
                new RootCause(Host, OperationalStatus.Degraded, "Recorded status: Degraded", 2, 1) { BusinessServicesHit = 2, Domains = ["Supply Chain", "Finance"], Services = [Shop] },
                new RootCause(Carrier, OperationalStatus.Degraded, "SLA breached", 1, 1) { Supplier = Swiftline, BusinessServicesHit = 0, Domains = ["Supply Chain"] },
            ],
            [
                new ServiceAttention(Carrier, 1, ServiceKind.Technical, "Supply Chain", OperationalStatus.Degraded, "SLA breached", Carrier) { Source = HealthSource.Own },
                new ServiceAttention(Shop, 1, ServiceKind.Business, "Supply Chain", OperationalStatus.AtRisk, "At risk because VM host 04 is Degraded", Host)
                {
                    Source = HealthSource.Inherited, Inherited = ImpactLevel.AtRisk, Path = path,
                },
            ],
            2,
            [new TopRisk(outcome, Carrier, Swiftline, [Shop], 1, 0)],
            [new SupplierImpact(1, Swiftline, 64, 8, 64, 1)],
            new GapSummary(new Dictionary<GapSeverity, int> { [GapSeverity.Critical] = 1, [GapSeverity.High] = 2, [GapSeverity.Medium] = 0, [GapSeverity.Low] = 0 }, new CoverageFigure(10, 9)),
            [.. months.Select(m => new TrendPoint(m, 10, 9, 1))],
            null)
        {
            NeedingAttentionOwn = 1,
            NeedingAttentionInherited = 2,
            Trends = trends,
        };
    }
}
