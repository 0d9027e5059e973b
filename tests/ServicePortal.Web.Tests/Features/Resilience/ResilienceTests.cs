using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Resilience;
using ServicePortal.Web.Features.Resilience;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Resilience;

public sealed class ResilienceTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Cio)]
    [InlineData(PortalRoles.SupplierManager)]
    public void SinglePoints_ShowEachWithItsPathAsASentence_AndAnExport(string role)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Resilience.Resilience>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=single-points-grid] tbody tr.mud-table-row")));
        var paths = page.FindAll("[data-testid=path]").Select(p => p.TextContent.Trim()).ToList();
        Assert.All(paths, p => Assert.EndsWith(".", p, StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains(" depends on ", StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("[data-testid=single-points-grid] code"), c => c.TextContent is "SVC-PAYMENT-GATEWAY-NB" or "CI-VM-WMS-APP01");
        Assert.Equal(ResilienceRoutes.SinglePointsCsv, page.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void TheSlaChainTab_OpensFromTheAddress_AndShowsEachBusinessService()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(ResilienceRoutes.Resilience(ResilienceTab.SlaChain));
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Resilience.Resilience>();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=sla-chain-grid] tbody tr.mud-table-row").Count));
        Assert.Contains("Online shopping", page.Find("[data-testid=sla-chain-grid]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No promise recorded", page.Find("[data-testid=sla-chain-grid]").TextContent, StringComparison.Ordinal);

        // Order and pay's promise (99.95 %) is the one its suppliers' SLAs do not carry: it leads the list, marked short.
        var first = page.FindAll("[data-testid=sla-chain-grid] tbody tr.mud-table-row")[0];
        Assert.Contains("Order and pay", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("99.95 %", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("97.68937 % — short", Assert.Single(page.FindAll("[data-testid=shortfall]")).TextContent.Trim());
    }

    [Fact]
    public void TheRenewalsTab_RanksContractsInTheWindow_AndABadWindowFallsBackToTheDefault()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/resilience?tab=renewals&months=banana");
        RenderProviders();

        var page = Render<ServicePortal.Web.Features.Resilience.Resilience>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=renewals-grid] tbody tr.mud-table-row")));
        var first = page.FindAll("[data-testid=renewals-grid] tbody tr.mud-table-row")[0];
        Assert.StartsWith("1", first.QuerySelector("td")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("6 months", page.Find("[data-testid=months]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyLists_SayWhyTheyAreEmpty()
    {
        var chains = Render<SlaChainPanel>(p => p.Add(c => c.Chains, []));
        var renewals = Render<RenewalsPanel>(p => p.Add(c => c.Renewals, []).Add(c => c.Months, 3));

        Assert.Contains("no live business services", chains.Find("[data-testid=sla-chain-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("next 3 months", renewals.Find("[data-testid=renewals-empty]").TextContent, StringComparison.Ordinal);
    }

    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        var factory = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        // Today is mid-November 2026 (the sample's latest measured month), so the renewal window holds the sample's contracts.
        services.AddSingleton(new ResilienceService(Portal.Services.GetRequiredService<GraphIndexProvider>(), factory, new NovemberClock()));
    }

    private sealed class NovemberClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
