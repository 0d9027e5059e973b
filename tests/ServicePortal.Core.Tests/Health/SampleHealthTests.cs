using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Tests.Slas;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Health;

/// <summary>The health roll-up and the CIO dashboard on the sample enterprise (Swiftline breaches Aug–Nov 2026).</summary>
public class SampleHealthTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    private static readonly FixedClock Clock = new(new DateOnly(2026, 11, 21));

    /// <summary>
    /// The story of November 2026, service by service: the effective health of every live service that needs attention,
    /// whether it is its own problem or inherited, and the root cause its path starts from. Every other live service is Healthy.
    /// </summary>
    private static readonly (string Service, OperationalStatus Effective, HealthSource Source, string Root)[] November =
    [
        // Swiftline, the parcel carrier, breaching four months running before Black Friday.
        ("SVC-CARRIER-PARCEL", OperationalStatus.Degraded, HealthSource.Own, "SVC-CARRIER-PARCEL"),
        ("SVC-SHIPPING", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-PARCEL-TRACKING", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-RETURNS", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-ORDER-DELIVERY", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-CHECKOUT", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-ORDER-AND-PAY", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-WEB-SHOP", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-MOBILE-APP", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),
        ("SVC-ONLINE-SHOPPING", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-CARRIER-PARCEL"),

        // StellarPay, the fail-over card gateway, breaching its P1 response time: Payments has lost its spare route.
        ("SVC-PAYMENT-GATEWAY-SP", OperationalStatus.Degraded, HealthSource.Own, "SVC-PAYMENT-GATEWAY-SP"),
        ("SVC-PAYMENTS", OperationalStatus.AtRisk, HealthSource.Inherited, "SVC-PAYMENT-GATEWAY-SP"),

        // Postwave's P1 response inside its warning band: an early warning that stays with the e-mail service.
        ("SVC-EMAIL-DELIVERY", OperationalStatus.AtRisk, HealthSource.Own, "SVC-EMAIL-DELIVERY"),
    ];

    [Fact]
    public async Task November2026_TellsTheStory_ServiceByServiceWithItsRootCause()
    {
        var (dashboard, health) = Services();

        var board = await dashboard.GetAsync();
        var report = await health.GetAsync();

        Assert.Equal(new DateOnly(2026, 11, 1), board.Period);
        var live = report.Index.Nodes.Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live).ToList();
        var expected = November.ToDictionary(x => x.Service);
        Assert.All(live, service =>
        {
            var health = HealthViews.Of(report, service.Id);
            if (expected.TryGetValue(service.Key, out var story))
            {
                Assert.Equal((service.Key, story.Effective, story.Source, story.Root), (service.Key, health.Effective, health.Source, health.RootCause!.Root.Key));
                Assert.Equal(service.Key, health.RootCause.Steps[^1].Node.Key);
                Assert.Equal(story.Root, health.RootCause.Steps[0].Node.Key);
            }
            else
            {
                Assert.Equal((service.Key, OperationalStatus.Healthy), (service.Key, health.Effective));
            }
        });
        Assert.True(board.ServiceHealth.NeedingAttention * 3 <= board.ServiceHealth.Total, $"{board.ServiceHealth.NeedingAttention} of {board.ServiceHealth.Total} need attention");
        Assert.Equal(November.Length, board.ServiceHealth.NeedingAttention);
        Assert.Equal((3, 10), (board.NeedingAttentionOwn, board.NeedingAttentionInherited));
    }

    [Fact]
    public async Task November2026_PutsSwiftlineFirstAmongTheRootCauses_AndTheFailedHostIsOnlyARisk()
    {
        var (dashboard, health) = Services();

        var board = await dashboard.GetAsync();
        var report = await health.GetAsync();

        Assert.Equal(["SVC-CARRIER-PARCEL", "SVC-PAYMENT-GATEWAY-SP", "SVC-EMAIL-DELIVERY", "CI-VMHOST-AMS1-04"], board.RootCauses.Select(r => r.Node.Key));
        var swiftline = board.RootCauses[0];
        Assert.Equal("SUP-SWIFTLINE", swiftline.Supplier!.Key);
        Assert.Equal((10, 3, 9), (swiftline.ServicesHit, swiftline.BusinessServicesHit, swiftline.CriticalServicesHit));
        Assert.Equal(["Commerce and Payments", "Customer Channels", "Supply Chain"], swiftline.Domains);
        Assert.Equal(["SVC-ONLINE-SHOPPING", "SVC-ORDER-AND-PAY", "SVC-ORDER-DELIVERY"], swiftline.Services.Take(3).Select(s => s.Key));
        Assert.Contains("Shipment API availability", swiftline.Reason, StringComparison.Ordinal);

        // The host with a failed power supply: the cluster still has 3 of the 4 hosts it needs, so it is at risk, and no service is.
        var host = board.RootCauses[^1];
        Assert.Equal((0, 2), (host.ServicesHit, host.NodesHit));
        var cluster = await IdOf("CI-VMCLUSTER-AMS1");
        Assert.Equal((OperationalStatus.Healthy, ImpactLevel.AtRisk), (report.OwnOf(cluster), report.InheritedOf(cluster)));
        Assert.Contains("lost spare capacity", HealthViews.Of(report, cluster).Reason, StringComparison.Ordinal);
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(await IdOf("SVC-WAREHOUSE-MANAGEMENT")));
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(await IdOf("SVC-DATA-CENTRE")));
    }

    [Fact]
    public async Task November2026_DomainTilesShowEachDomainsRealProblemAndExplainTheirScore()
    {
        var (dashboard, _) = Services();

        var board = await dashboard.GetAsync();

        var tiles = board.Domains.ToDictionary(t => t.Key);
        Assert.Equal(OperationalStatus.Degraded, tiles["DOM-SUPPLY"].Health.Status);
        Assert.Equal(OperationalStatus.Degraded, tiles["DOM-COMMERCE"].Health.Status);
        Assert.Equal(OperationalStatus.AtRisk, tiles["DOM-CHANNELS"].Health.Status);
        Assert.Equal(OperationalStatus.AtRisk, tiles["DOM-CUSTOMER"].Health.Status);
        Assert.All(["DOM-DATA", "DOM-CORPORATE", "DOM-INFRA"], key => Assert.Equal(OperationalStatus.Healthy, tiles[key].Health.Status));
        Assert.Equal(["SVC-CARRIER-PARCEL"], tiles["DOM-SUPPLY"].RootCauses.Select(r => r.Key));
        Assert.Equal(["SVC-CARRIER-PARCEL", "SVC-PAYMENT-GATEWAY-SP"], tiles["DOM-COMMERCE"].RootCauses.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal((1, 4), (tiles["DOM-SUPPLY"].NeedingAttentionOwn, tiles["DOM-SUPPLY"].NeedingAttentionInherited));
        Assert.StartsWith($"{tiles["DOM-SUPPLY"].Health.Index!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}/100: 5 of ", tiles["DOM-SUPPLY"].Explanation, StringComparison.Ordinal);
        Assert.Equal("80.2/100: 5 of 9 live services need attention (1 Degraded, 4 At risk), 1 own problem and 4 inherited.", tiles["DOM-SUPPLY"].Explanation);
        Assert.Contains("tier", board.ScoreFormula, StringComparison.Ordinal);
        Assert.Equal(DomainHealthRules.ScoreFormula, board.ScoreFormula);
        var attention = board.Attention[0];
        Assert.Equal(attention.Path!.Root.Id, attention.RootCause.Id);
    }

    [Fact]
    public async Task FirstBuild_HealthFirstMayLeavePending_TheFullCallAlwaysBringsGapsAndSuppliers()
    {
        var (dashboard, _) = Services();

        var preview = await dashboard.PreviewAsync();
        var first = await dashboard.GetAsync(healthFirst: true);
        var full = await dashboard.GetAsync();

        Assert.Equal(new DateOnly(2026, 11, 1), preview!.Period);
        Assert.Equal(full.Trend, preview.Trend);
        Assert.Equal(full.Domains.Select(d => (d.Key, d.Health.Status)), first.Domains.Select(d => (d.Key, d.Health.Status)));
        if (first.Pending)
        {
            Assert.Null(first.Gaps);
            Assert.Null(first.Trends);
            Assert.Empty(first.Suppliers);
        }

        Assert.False(full.Pending);
        Assert.NotNull(full.Gaps);
        Assert.NotEmpty(full.Suppliers);
        Assert.NotNull(full.Trends);
        Assert.All(full.Domains, d => Assert.NotNull(d.Coverage));
        Assert.Null(await dashboard.PreviewAsync());
    }

    [Fact]
    public async Task Trends_GiveTwelveMonthsPerDomainAndBusinessService_AndAsOfWorksForEveryMonth()
    {
        var (dashboard, health) = Services();

        var board = await dashboard.GetAsync();
        var periods = await health.MeasuredPeriodsAsync();

        var trends = board.Trends!;
        Assert.Equal(12, trends.Months.Count);
        Assert.Equal(board.Period, trends.Months[^1]);
        Assert.Equal(5, trends.BusinessServices.Count);
        Assert.All(trends.Domains, d => Assert.Equal(12, d.Points.Count));
        var delivery = trends.BusinessServices.Single(s => s.Service.Key == "SVC-ORDER-DELIVERY");
        Assert.Equal(OperationalStatus.AtRisk, delivery.Points[^1].Effective);
        var supply = trends.Domains.Single(d => d.Key == "DOM-SUPPLY");
        Assert.Equal(OperationalStatus.Degraded, supply.Points.Single(p => p.Month == new DateOnly(2026, 8, 1)).Status);
        foreach (var month in periods)
        {
            var past = await dashboard.GetAsync(month);
            Assert.Equal(month, past.Period);
            Assert.Equal(month, past.Trends!.Months[^1]);
            Assert.Equal(past.ServiceHealth.NeedingAttention, past.NeedingAttentionOwn + past.NeedingAttentionInherited);
        }
    }

    [Fact]
    public async Task RootOf_AgreesWithThePrimaryCauseForEveryNodeNeedingAttention()
    {
        var (_, health) = Services();

        var report = await health.GetAsync(null, [await IdOf("SUP-SWIFTLINE")]);

        Assert.All(report.NeedingAttention(), id => Assert.Equal(report.PrimaryCause(id)!.RootCauseId, report.RootOf(id)));
    }

    [Fact]
    public async Task AsOf_APastMonthUsesThatMonthsSlaResultsAndNotTheRecordedStatus()
    {
        var (_, health) = Services();

        var periods = await health.MeasuredPeriodsAsync();
        var august = await health.GetAsync(new DateOnly(2026, 8, 15));
        var june = await health.GetAsync(new DateOnly(2026, 6, 1));

        Assert.Equal(new DateOnly(2026, 11, 1), periods[0]);
        Assert.Equal(new DateOnly(2025, 12, 1), periods[^1]);
        Assert.Equal(new DateOnly(2026, 8, 1), august.Period);
        Assert.False(august.Inputs.RecordedApplies);
        Assert.Equal(OperationalStatus.Degraded, august.OwnOf(await IdOf("SVC-CARRIER-PARCEL")));
        Assert.NotEqual(OperationalStatus.Degraded, june.OwnOf(await IdOf("SVC-CARRIER-PARCEL")));
    }

    [Fact]
    public async Task Cache_ReturnsTheSameReportUntilDataChanges_AndWhatIfIsNotCached()
    {
        var (_, health) = Services();

        var first = await health.GetAsync();
        var second = await health.GetAsync();
        var whatIf = await health.GetAsync(null, [await IdOf("SUP-SWIFTLINE")]);

        Assert.Same(first, second);
        Assert.Equal(1, health.ComputeCount);
        Assert.NotSame(first, whatIf);
        Assert.Equal(OperationalStatus.Down, whatIf.EffectiveOf(await IdOf("SVC-CARRIER-PARCEL")));
    }

    [Fact]
    public async Task AStatusChange_RecomputesThePresentMonthOnly_APastMonthsReportStands()
    {
        await using var own = new SampleDatabase();
        await own.InitializeAsync();
        var (dashboard, health) = Services(own);
        var before = await dashboard.GetAsync();
        var august = await health.GetAsync(new DateOnly(2026, 8, 1));
        var november = await health.GetAsync();
        var computed = health.ComputeCount;

        int id;
        await using (var db = own.Database.CreateContext())
        {
            var service = await db.Services.SingleAsync(s => s.Key == "SVC-EMAIL-DELIVERY", TestContext.Current.CancellationToken);
            service.Status = OperationalStatus.Down;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = service.Id;
        }

        var board = await dashboard.GetAsync();
        var novemberAfter = await health.GetAsync();
        var augustAfter = await health.GetAsync(new DateOnly(2026, 8, 1));

        Assert.NotSame(november, novemberAfter);
        Assert.Equal(OperationalStatus.Down, novemberAfter.OwnOf(id));
        Assert.Same(august, augustAfter);
        // The present month again, nothing for the eleven earlier months the dashboard's trends show.
        Assert.Equal(computed + 1, health.ComputeCount);
        Assert.True(board.ServiceHealth.Down > before.ServiceHealth.Down);
        Assert.NotEqual(OperationalStatus.Down, augustAfter.OwnOf(id));
    }

    [Fact]
    public async Task WhatIf_ShowsPeopleToCallAndChangesTheDomainTilesWithoutStoringAnything()
    {
        var (dashboard, _) = Services();
        var before = await Count(db => db.Nodes.CountAsync(n => n.Status == OperationalStatus.Down));

        var board = await dashboard.GetAsync(whatIfNodeId: await IdOf("SUP-SWIFTLINE"));

        Assert.NotNull(board.WhatIf);
        Assert.NotEmpty(board.WhatIf.Impact.AccountablePeople);
        Assert.NotEmpty(board.WhatIf.Impact.SlaTargets);
        Assert.True(board.ServiceHealth.Down > 0);
        Assert.Equal(before, await Count(db => db.Nodes.CountAsync(n => n.Status == OperationalStatus.Down)));
    }

    private (DashboardService Dashboard, HealthService Health) Services(SampleDatabase? database = null)
    {
        var factory = database ?? sample;
        var feed = Feeds.Eager(factory);
        var provider = new GraphIndexProvider(factory, feed);
        var health = new HealthService(factory, provider, feed);
        var dashboard = new DashboardService(
            factory, health, new CmdbGraphService(provider, factory), new SlaResultsService(factory, Clock), new GovernanceSnapshotLoader(factory, Clock), feed);
        return (dashboard, health);
    }

    private async Task<int> Count(Func<PortalDbContext, Task<int>> query)
    {
        await using var db = sample.CreateContext();
        return await query(db);
    }

    private async Task<int> IdOf(string key)
    {
        await using var db = sample.CreateContext();
        return await db.Nodes.Where(n => n.Key == key).Select(n => n.Id).SingleAsync();
    }
}
