using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Hosting;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Slas;

/// <summary>The SLA pages rendered to static HTML over the seeded sample enterprise (Swiftline's carrier SLA is breached 4 months running).</summary>
public sealed class SlaPagesRenderingTests(SlaPagesRenderingTests.SeededPortal portal) : IClassFixture<SlaPagesRenderingTests.SeededPortal>
{
    public sealed class SeededPortal : PortalFactory
    {
        public IServiceProvider App => Services;
    }

    private ComponentRendering Rendering(string role) => new(s =>
    {
        var app = portal.App;
        s.AddSingleton(app.GetRequiredService<SupplierSlaQueries>());
        s.AddSingleton(app.GetRequiredService<SlaResultsService>());
        s.AddSingleton(app.GetRequiredService<SupplierScorecardService>());
        s.AddSingleton(app.GetRequiredService<GraphIndexProvider>());
        s.AddSingleton(app.GetRequiredService<ServicePortal.Core.Catalog.NodeDetailsQuery>());
        s.AddScoped<PortalAuthorization>();
        s.AddAuthorizationCore(options =>
        {
            foreach (var (policy, roles) in PortalPolicies.Roles)
            {
                options.AddPolicy(policy, p => p.RequireRole(roles));
            }
        });
    }, ComponentRendering.User("someone@demo.local", role));

    [Fact]
    public async Task Scorecard_OfTheBreachingCarrier_ShowsBreachesStreakCreditsAndDependentServices()
    {
        await using var rendering = Rendering(PortalRoles.Viewer);

        var page = await rendering.RenderAsync<SupplierScorecardPage>(new Dictionary<string, object?> { ["Key"] = "SUP-SWIFTLINE" });

        Assert.Contains("Swiftline", page.QuerySelector("[data-testid=scorecard-title]")!.TextContent, StringComparison.Ordinal);
        Assert.True(int.Parse(page.QuerySelector("[data-testid=breaches]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 4);
        Assert.DoesNotContain("none", page.QuerySelector("[data-testid=credits]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=scorecard-targets] [data-testid=streak]"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=services-grid] tbody tr"));
        Assert.Null(page.QuerySelector("[data-testid=record]"));
    }

    [Fact]
    public async Task Scorecard_OffersRecordingOnlyToThoseWhoMayEdit()
    {
        await using var rendering = Rendering(PortalRoles.SupplierManager);

        var page = await rendering.RenderAsync<SupplierScorecardPage>(new Dictionary<string, object?> { ["Key"] = "SUP-SWIFTLINE" });

        Assert.NotNull(page.QuerySelector("[data-testid=record]"));
    }

    [Fact]
    public async Task TargetPage_ShowsTwelvePeriodsWithResultsAndTheRepeatedBreach()
    {
        await using var rendering = Rendering(PortalRoles.Viewer);

        var page = await rendering.RenderAsync<SlaTargetPage>(new Dictionary<string, object?> { ["Key"] = "SWL-AVAIL" });

        Assert.Equal(12, page.QuerySelectorAll("[data-testid=period-results] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=streak-alert]"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=period-results] [data-result=Breached]"));
    }

    [Fact]
    public async Task MeasurementGrid_ShowsStoredValueAndTheLiveResultOfTheTypedValue()
    {
        var target = new SlaTargetRow(1, 1, "X-AVAIL", "X availability", 1, "C-1", 1, "X", 1, "Checkout", SlaMetric.Availability, "%",
            99.9, TargetDirection.AtLeast, MeasurementPeriod.Monthly, 0.05, 5, 1);
        var typed = new MeasurementEntryRow(new MeasurementGridRow(target, new DateOnly(2026, 10, 1), 7, 99.99, null, "a@b")) { NewValue = 99.0 };
        var invalid = new MeasurementEntryRow(new MeasurementGridRow(target with { Id = 2, Key = "Y-AVAIL" }, new DateOnly(2026, 10, 1), null, null, null, null)) { NewValue = 101 };
        await using var rendering = Rendering(PortalRoles.SupplierManager);

        var page = await rendering.RenderAsync<MeasurementGrid>(new Dictionary<string, object?>
        {
            ["Rows"] = new List<MeasurementEntryRow> { typed, invalid },
            ["CanEdit"] = true,
        });

        var rows = page.QuerySelectorAll("[data-testid=measurement-grid] tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("99.99 %", rows[0].QuerySelector("[data-testid=current]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Met", rows[0].QuerySelector("[data-testid=current] + [data-result], [data-result]")!.GetAttribute("data-result"));
        Assert.Equal("Breached", rows[0].QuerySelector("[data-testid=result-X-AVAIL] [data-result]")!.GetAttribute("data-result"));
        Assert.Contains("must not exceed 100", rows[1].QuerySelector("[data-testid=row-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not recorded", rows[1].TextContent, StringComparison.Ordinal);
    }
}
