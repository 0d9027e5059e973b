using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Health;
using ServicePortal.Web.Tests.Support;
using CoreDashboard = ServicePortal.Core.Health.Dashboard;

namespace ServicePortal.Web.Tests.Dashboard;

/// <summary>The dashboard's sections rendered from hand-made records: no database, no circuit.</summary>
public class DashboardSectionsTests
{
    private static readonly DateOnly Month = new(2026, 11, 1);
    private static readonly NodeLink Carrier = new(10, "SVC-CARRIER", "Parcel carrier API", NodeType.Service);
    private static readonly NodeLink Swiftline = new(20, "SUP-SWIFTLINE", "Swiftline", NodeType.Supplier);
    private static readonly NodeLink Host = new(30, "CI-HOST-04", "VM host 04", NodeType.ConfigurationItem);
    private static readonly NodeLink Shop = new(40, "SVC-SHOP", "Online shopping", NodeType.Service);

    [Fact]
    public async Task HeatMap_ColoursEachDomainAndLinksToItsServicesAndTheirHealth()
    {
        await using var rendering = new ComponentRendering();

        var page = await rendering.RenderAsync<DomainHeatMap>(new Dictionary<string, object?> { ["Board"] = Board() });

        var tiles = page.QuerySelectorAll("[data-testid=domain-tile]");
        Assert.Equal(2, tiles.Length);
        Assert.Equal("Degraded", tiles[0].GetAttribute("data-health"));
        Assert.Contains("health-degraded", tiles[0].ClassList);
        Assert.Equal("/service-health?domain=DOM-SUPPLY&asOf=2026-11", tiles[0].QuerySelector(".tile-name")!.GetAttribute("href"));
        Assert.Contains(tiles[0].QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/services?domain=DOM-SUPPLY");
        Assert.Contains("55", tiles[0].QuerySelector(".tile-index")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Governed 75% (3/4)", tiles[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Healthy", tiles[1].GetAttribute("data-health"));
    }

    [Fact]
    public async Task Kpis_KeepTheCountsTheShellTestReadsAndLinkGapsToGovernance()
    {
        await using var rendering = new ComponentRendering();

        var page = await rendering.RenderAsync<DashboardKpis>(new Dictionary<string, object?> { ["Board"] = Board() });

        Assert.Equal("57", page.QuerySelector("[data-testid=count-services] .portal-stat")!.TextContent.Trim());
        Assert.Equal("52 Live", page.QuerySelector("[data-testid=services-live]")!.TextContent.Trim());
        Assert.Equal("32", page.QuerySelector("[data-testid=count-suppliers] .portal-stat")!.TextContent.Trim());
        Assert.Equal("/governance?severity=Critical", page.QuerySelector("[data-testid=gaps-critical]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[data-testid=gaps-low]"));
        Assert.StartsWith("3", page.QuerySelector("[data-testid=attention-count]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootCauses_LinkToTheNodeWhereTheTroubleStarts()
    {
        await using var rendering = new ComponentRendering();
        var board = Board();

        var page = await rendering.RenderAsync<AttentionCard>(new Dictionary<string, object?>
        {
            ["RootCauses"] = board.RootCauses, ["Items"] = board.Attention, ["Total"] = board.AttentionTotal, ["Period"] = Month,
        });

        var roots = page.QuerySelectorAll("[data-testid=root-cause]");
        Assert.Equal(["/cmdb/items/CI-HOST-04", "/catalog/services/SVC-CARRIER"], roots.Select(a => a.GetAttribute("href")));
        Assert.Contains("explains 2 live services", page.QuerySelector("[data-testid=root-cause-item]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Online shopping", page.QuerySelector("[data-testid=attention-item]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopRisks_NameTheSlaTheSupplierAndTheBusinessServicesHit_OrSayThereAreNone()
    {
        await using var rendering = new ComponentRendering();

        var page = await rendering.RenderAsync<TopRisksCard>(new Dictionary<string, object?> { ["Risks"] = Board().TopRisks, ["Period"] = Month });
        var empty = await rendering.RenderAsync<TopRisksCard>(new Dictionary<string, object?> { ["Risks"] = Array.Empty<TopRisk>(), ["Period"] = Month });

        var risk = page.QuerySelector("[data-testid=top-risk]")!;
        Assert.Contains("Shipment API availability", risk.TextContent, StringComparison.Ordinal);
        Assert.Contains(risk.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/suppliers/SUP-SWIFTLINE");
        Assert.Contains(risk.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/services/SVC-SHOP");
        Assert.Contains("(1 tier 1, 0 tier 2)", risk.TextContent, StringComparison.Ordinal);
        Assert.Contains("No breached or at-risk SLA", empty.QuerySelector("[data-testid=top-risks]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppliers_AreRankedWithTheirImpact()
    {
        await using var rendering = new ComponentRendering();

        var page = await rendering.RenderAsync<SupplierImpactCard>(new Dictionary<string, object?> { ["Suppliers"] = Board().Suppliers, ["Period"] = Month });

        var row = page.QuerySelector("[data-testid=supplier-row]")!;
        Assert.Contains("64", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/suppliers/SUP-SWIFTLINE", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Trend_WithoutMeasurementsSaysSoInsteadOfDrawingZeroes()
    {
        await using var rendering = new ComponentRendering();
        var none = Board().Trend.Select(p => p with { Measured = 0, Attained = 0, Breached = 0 }).ToList();

        var page = await rendering.RenderAsync<SlaTrendCharts>(new Dictionary<string, object?> { ["Trend"] = none });

        Assert.Contains("No SLA measurements", page.QuerySelector("[data-testid=sla-trend]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=attainment-chart]"));
    }

    private static CoreDashboard Board()
    {
        var supply = new DomainHealthFigure(1, OperationalStatus.Degraded, 55, new HealthCounts(1, 0, 3, 0, 0), new HealthCounts(0, 0, 2, 0, 0));
        var data = new DomainHealthFigure(2, OperationalStatus.Healthy, 100, new HealthCounts(3, 0, 0, 0, 0), new HealthCounts(1, 0, 0, 0, 0));
        var outcome = new SlaOutcome(1, "CARRIER-AVAIL", "Shipment API availability", Carrier.Id, Swiftline.Id, "Swiftline", Month,
            SlaResult.Breached, 98.7, 99.5, TargetDirection.AtLeast, "%");
        return new CoreDashboard(
            Month,
            [Month, Month.AddMonths(-1)],
            true,
            new DashboardTotals(57, 52, 32, 24, 85, 504),
            new HealthCounts(4, 0, 3, 0, 0),
            [new DomainTile(1, "DOM-SUPPLY", "Supply Chain", supply, new CoverageFigure(4, 3)), new DomainTile(2, "DOM-DATA", "Data", data, new CoverageFigure(3, 3))],
            [new RootCause(Host, OperationalStatus.Degraded, "Recorded status: Degraded", 2, 1), new RootCause(Carrier, OperationalStatus.Degraded, "SLA breached", 1, 1)],
            [new ServiceAttention(Shop, 1, ServiceKind.Business, "Supply Chain", OperationalStatus.Degraded, "Degraded because Parcel carrier API is breaching …", Carrier)],
            1,
            [new TopRisk(outcome, Carrier, Swiftline, [Shop], 1, 0)],
            [new SupplierImpact(1, Swiftline, 64, 8, 64, 1)],
            new GapSummary(new Dictionary<GapSeverity, int> { [GapSeverity.Critical] = 1, [GapSeverity.High] = 2, [GapSeverity.Medium] = 0, [GapSeverity.Low] = 0 }, new CoverageFigure(10, 9)),
            [.. Enumerable.Range(0, 12).Select(i => new TrendPoint(Month.AddMonths(i - 11), 10, 9, 1))],
            null);
    }
}
