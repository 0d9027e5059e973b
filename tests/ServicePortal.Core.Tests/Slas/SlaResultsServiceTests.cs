using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Slas;

public sealed class SlaResultsServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 7, 10);
    private TestDatabase _database = null!;
    private SlaScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(Today));
        _scenario = await SlaScenario.SeedAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private SlaResultsService Service => new(_database, _database.Clock);

    [Fact]
    public async Task Trends_AreDerivedFromTheStoredMeasurementsUpToToday()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 4, 99.99), (2026, 5, 99.0), (2026, 6, 98.0), (2025, 1, 10.0));

        var trends = await Service.GetTrendsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([SlaScenario.AvailabilityKey, SlaScenario.ResponseKey, SlaScenario.TrackingKey], trends.Select(t => t.Target.Key));
        var availability = trends[0];
        Assert.Equal(new DateOnly(2026, 7, 1), availability.Periods[^1].PeriodStart);
        Assert.Equal([SlaResult.Met, SlaResult.Breached, SlaResult.Breached, SlaResult.NoData], availability.Periods.TakeLast(4).Select(p => p.Result));
        Assert.Equal(2, availability.CurrentBreachStreak);
        Assert.True(availability.HasConsecutiveBreaches);
        Assert.Equal(new Money(1_000m, "EUR"), availability.CreditsOwed);
        Assert.Equal("Checkout", availability.Target.ServiceName);
        Assert.Equal("PayCo", availability.Target.SupplierName);
        Assert.Equal(1, availability.Target.ServiceTier);
    }

    [Fact]
    public async Task Trends_CanBeFilteredByServiceContractOrSupplier()
    {
        var ct = TestContext.Current.CancellationToken;

        var byService = await Service.GetTrendsAsync(new SlaTrendFilter(ServiceId: _scenario.ReportingId), cancellationToken: ct);
        var byContract = await Service.GetTrendsAsync(new SlaTrendFilter(ContractId: _scenario.ShipContractId), cancellationToken: ct);
        var bySupplier = await Service.GetTrendsAsync(new SlaTrendFilter(SupplierId: _scenario.PayCoId), cancellationToken: ct);

        Assert.Equal([SlaScenario.ResponseKey], byService.Select(t => t.Target.Key));
        Assert.Equal([SlaScenario.TrackingKey], byContract.Select(t => t.Target.Key));
        Assert.Equal([SlaScenario.AvailabilityKey, SlaScenario.ResponseKey], bySupplier.Select(t => t.Target.Key));
    }

    [Fact]
    public async Task TrendOfOneTarget_UsesItsPeriodType()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.ResponseTargetId, (2026, 1, 40), (2026, 4, 28));

        var trend = await Service.GetTrendAsync(_scenario.ResponseTargetId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(trend);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1)], trend.Periods.TakeLast(3).Select(p => p.PeriodStart));
        Assert.Equal([SlaResult.Breached, SlaResult.AtRisk, SlaResult.NoData], trend.Periods.TakeLast(3).Select(p => p.Result));
        Assert.Null(await Service.GetTrendAsync(-1, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SupplierScorecard_CombinesResultsCreditsDependentsAndImpact()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 1, 99.99), (2026, 2, 99.92), (2026, 3, 98.0));
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.ResponseTargetId, (2026, 1, 45));

        var scorecard = await Service.GetSupplierScorecardAsync(
            _scenario.PayCoId, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), TestContext.Current.CancellationToken);

        Assert.NotNull(scorecard);
        Assert.Equal((4, 1, 1, 2), (scorecard.MeasuredPeriods, scorecard.MetCount, scorecard.AtRiskCount, scorecard.BreachedCount));
        Assert.Equal(SupplierScorecards.ImpactWeight(1) + SupplierScorecards.ImpactWeight(3), scorecard.BusinessImpact);
        Assert.Equal([new Money(500m + 600m, "EUR")], scorecard.CreditsOwed);
        Assert.Equal(["checkout", "fraud-check", "reporting"], scorecard.Services.Select(s => s.Key));
        Assert.Equal(["payments"], scorecard.Domains.Select(d => d.Key));
    }

    [Fact]
    public async Task SupplierScorecard_OfAnUnknownSupplier_IsNull()
    {
        var scorecard = await Service.GetSupplierScorecardAsync(-1, new DateOnly(2026, 1, 1), Today, TestContext.Current.CancellationToken);

        Assert.Null(scorecard);
    }

    [Fact]
    public async Task SupplierRanking_PutsTheSupplierThatHurtsTheMostCriticalServicesFirst()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.TrackingTargetId, (2026, 1, 90), (2026, 2, 90), (2026, 3, 90));
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 1, 90), (2026, 2, 90));

        var ranking = await Service.GetSupplierRankingAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1), TestContext.Current.CancellationToken);

        Assert.Equal(["PayCo", "ShipCo"], ranking.Select(r => r.Scorecard.Supplier.Name));
        Assert.Equal([16, 12], ranking.Select(r => r.Scorecard.BusinessImpact));
        Assert.Equal([1, 2], ranking.Select(r => r.Rank));
    }

    [Fact]
    public async Task SupplierRanking_WithTheChangeFeed_IsKeptUntilWhatItIsWorkedOutFromChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = Feeds.Eager(_database);
        var service = new SlaResultsService(_database, _database.Clock, feed);
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1));
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.TrackingTargetId, (2026, 1, 90));

        var first = await service.GetSupplierRankingAsync(from, to, ct);
        await EditServiceAsync(_scenario.FraudCheckId, s => s.Description = "Scores every payment");
        var afterDescription = await service.GetSupplierRankingAsync(from, to, ct);
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 1, 90), (2026, 2, 90));
        var afterMeasurements = await service.GetSupplierRankingAsync(from, to, ct);
        await EditServiceAsync(_scenario.FraudCheckId, s => s.Name = "Fraud scoring");
        var afterRename = await service.GetSupplierRankingAsync(from, to, ct);

        Assert.Equal(["ShipCo", "PayCo"], first.Select(r => r.Scorecard.Supplier.Name));
        Assert.Same(first, afterDescription); // a field the ranking does not hold: nothing read or worked out again
        Assert.Equal(["PayCo", "ShipCo"], afterMeasurements.Select(r => r.Scorecard.Supplier.Name));
        Assert.Equal([16, 4], afterMeasurements.Select(r => r.Scorecard.BusinessImpact));
        Assert.Contains("Fraud scoring", afterRename[0].Scorecard.Services.Select(s => s.Name));
        Assert.Equal(afterRename.Select(r => r.Scorecard.BusinessImpact), (await Service.GetSupplierRankingAsync(from, to, ct)).Select(r => r.Scorecard.BusinessImpact));
    }

    [Fact]
    public async Task SupplierRanking_OfAnotherWindow_CountsOnlyItsMeasurements()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = Feeds.Eager(_database);
        var service = new SlaResultsService(_database, _database.Clock, feed);
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2025, 12, 90), (2026, 1, 90), (2026, 2, 99.99));

        var january = await service.GetSupplierRankingAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), ct);
        var winter = await service.GetSupplierRankingAsync(new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 28), ct);

        var payCo = january.Single(r => r.Scorecard.Supplier.Id == _scenario.PayCoId).Scorecard;
        Assert.Equal((1, 1), (payCo.MeasuredPeriods, payCo.BreachedCount));
        var payCoWinter = winter.Single(r => r.Scorecard.Supplier.Id == _scenario.PayCoId).Scorecard;
        Assert.Equal((3, 2, 1), (payCoWinter.MeasuredPeriods, payCoWinter.BreachedCount, payCoWinter.MetCount));
    }

    private async Task EditServiceAsync(int id, Action<ServicePortal.Core.Catalog.Service> edit)
    {
        await using var db = _database.CreateDbContext();
        edit(await db.Services.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ContractAlerts_FollowTheClock()
    {
        var ct = TestContext.Current.CancellationToken;

        var before = await Service.GetContractAlertsAsync(ct);
        ((FixedClock)_database.Clock).Today = SlaScenario.PayContractEnd.AddDays(-30);
        var inWindow = await Service.GetContractAlertsAsync(ct);
        ((FixedClock)_database.Clock).Today = SlaScenario.PayContractEnd.AddDays(1);
        var ended = await Service.GetContractAlertsAsync(ct);

        Assert.Empty(before);
        Assert.Equal((ContractAlertKind.InNoticeWindow, "C-PAY"), (Assert.Single(inWindow).Kind, inWindow[0].Contract.Reference));
        var alert = Assert.Single(ended);
        Assert.Equal(ContractAlertKind.ExpiredWithLiveServices, alert.Kind);
        Assert.Equal(["Checkout", "Reporting"], alert.LiveServices.Select(s => s.Name));
    }

    [Fact]
    public async Task ServiceCredits_AreSummedPerTargetContractAndSupplierInTheirCurrencies()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 1, 90), (2026, 2, 90));
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.ResponseTargetId, (2026, 4, 31));
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.TrackingTargetId, (2026, 1, 90), (2026, 5, 99.5));

        var report = await Service.GetServiceCreditsAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1), TestContext.Current.CancellationToken);

        Assert.Equal(
            [(SlaScenario.AvailabilityKey, 2, 1_000m), (SlaScenario.ResponseKey, 1, 600m), (SlaScenario.TrackingKey, 1, 400m)],
            report.ByTarget.Select(t => (t.Target.Key, t.BreachedPeriods, t.Amount.Amount)));
        Assert.Equal([("C-PAY", new Money(1_600m, "EUR")), ("C-SHIP", new Money(400m, "USD"))], report.ByContract.Select(c => (c.ContractReference, c.Amount)));
        Assert.Equal([("PayCo", 3), ("ShipCo", 1)], report.BySupplier.Select(s => (s.SupplierName, s.BreachedPeriods)));
    }
}
