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

    [Fact]
    public async Task Dashboard_ShowsTheCarrierBreachAsARedDomainWithAPathToTheRootCause()
    {
        var (dashboard, health) = Services();

        var board = await dashboard.GetAsync();

        Assert.Equal(new DateOnly(2026, 11, 1), board.Period);
        Assert.True(board.RecordedStatusCounts);
        Assert.Equal(12, board.Trend.Count);
        Assert.Contains(board.Trend, p => p.Breached > 0);
        var red = board.Domains.First();
        Assert.True(red.Health.Status >= OperationalStatus.Degraded, $"worst domain {red.Name} is {red.Health.Status}");
        Assert.Contains(board.TopRisks, r => r.Supplier.Key == "SUP-SWIFTLINE" && r.Outcome.Result == SlaResult.Breached && r.Tier1Hit > 0);
        Assert.Contains(board.Suppliers, s => s.Supplier.Key == "SUP-SWIFTLINE");
        Assert.NotNull(board.Gaps);
        Assert.Equal(board.Totals.Services, await Count(db => db.Services.CountAsync()));

        var report = await health.GetAsync();
        var carrier = await IdOf("SVC-CARRIER-PARCEL");
        var carrierWhy = report.Explain(carrier);
        Assert.Contains(carrierWhy.Causes, c => c.Kind == HealthCauseKind.SlaBreached && c.Sla!.SupplierName.StartsWith("Swiftline", StringComparison.Ordinal));
        var hit = board.Attention.First(a => a.RootCause.Id == carrier && a.Service.Id != carrier);
        var path = report.Explain(hit.Service.Id).Causes.Single(c => c.Kind == HealthCauseKind.Dependency).Path!;
        Assert.Equal(carrier, path.NodeIds[0]);
        Assert.Equal(hit.Service.Id, path.NodeIds[^1]);
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

    private (DashboardService Dashboard, HealthService Health) Services()
    {
        var factory = sample;
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
