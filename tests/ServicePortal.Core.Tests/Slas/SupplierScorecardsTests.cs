using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Slas;

public class SupplierScorecardsTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 6, 1);
    private static readonly DateOnly Today = new(2026, 7, 10);

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    public void ImpactWeight_DoublesWithEachMoreCriticalTier(int tier, int weight)
    {
        Assert.Equal(weight, SupplierScorecards.ImpactWeight(tier));
    }

    [Fact]
    public void Scorecard_CountsMeasuredTargetPeriodsByResult()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 1, 99.99),
            Build.Measured(target, 2026, 2, 99.99),
            Build.Measured(target, 2026, 3, 99.92),
            Build.Measured(target, 2026, 4, 98.0),
        };

        var scorecard = Compute([target], measurements);

        Assert.Equal(4, scorecard.MeasuredPeriods);
        Assert.Equal((2, 1, 1), (scorecard.MetCount, scorecard.AtRiskCount, scorecard.BreachedCount));
        Assert.Equal(50.0, scorecard.MetPercent);
        Assert.Equal(2, scorecard.NoDataCount);
    }

    [Fact]
    public void Scorecard_WithoutMeasurements_HasNoMetPercentage()
    {
        var scorecard = Compute([Build.Target()], []);

        Assert.Null(scorecard.MetPercent);
        Assert.Equal(0, scorecard.BusinessImpact);
    }

    [Fact]
    public void Scorecard_IgnoresMeasurementsOutsideTheWindowAndOtherSuppliersTargets()
    {
        var own = Build.Target();
        var foreign = Build.Target(id: 2, supplierId: 200);
        var measurements = new[]
        {
            Build.Measured(own, 2025, 12, 90.0),
            Build.Measured(own, 2026, 7, 90.0),
            Build.Measured(foreign, 2026, 2, 90.0),
            Build.Measured(own, 2026, 2, 90.0),
        };

        var scorecard = Compute([own, foreign], measurements);

        Assert.Equal(1, scorecard.BreachedCount);
        Assert.Equal(new DateOnly(2026, 2, 1), Assert.Single(scorecard.Breaches).PeriodStart);
    }

    [Fact]
    public void BusinessImpact_WeighsEachBreachByTheTierOfTheBreachedService()
    {
        var tierOne = Build.Target(id: 1, serviceId: 1, tier: 1);
        var tierFour = Build.Target(id: 2, serviceId: 2, tier: 4);
        var measurements = new[]
        {
            Build.Measured(tierOne, 2026, 1, 90.0),
            Build.Measured(tierOne, 2026, 2, 90.0),
            Build.Measured(tierFour, 2026, 1, 90.0),
            Build.Measured(tierFour, 2026, 2, 99.92),
        };

        var scorecard = Compute([tierOne, tierFour], measurements);

        Assert.Equal((2 * 8) + 1, scorecard.BusinessImpact);
        Assert.Equal(scorecard.Breaches.Sum(b => b.ImpactWeight), scorecard.BusinessImpact);
    }

    [Fact]
    public void Scorecard_AddsCreditsPerCurrency()
    {
        var eur = Build.Target(id: 1);
        var usd = Build.Target(id: 2, contractId: 11) with { Currency = "USD" };
        var measurements = new[] { Build.Measured(eur, 2026, 1, 90.0), Build.Measured(eur, 2026, 2, 90.0), Build.Measured(usd, 2026, 1, 90.0) };

        var scorecard = Compute([eur, usd], measurements);

        Assert.Equal(
            [new Money(2 * ServiceCredits.PerBreachedPeriod(eur), "EUR"), new Money(ServiceCredits.PerBreachedPeriod(usd), "USD")],
            scorecard.CreditsOwed);
    }

    [Fact]
    public void Scorecard_ListsTheNonRetiredDependentServicesAndTheirDomains()
    {
        var dependents = new[]
        {
            Build.Service(1, tier: 3, domainId: 7),
            Build.Service(2, tier: 1, domainId: 8),
            Build.Service(3, tier: 2, domainId: 7),
            Build.Service(4, tier: 1, lifecycle: Lifecycle.Retired, domainId: 9),
            Build.Service(5, tier: 4, domainId: null),
        };

        var scorecard = Compute([], [], dependents: dependents);

        Assert.Equal([2, 3, 1, 5], scorecard.Services.Select(s => s.Id));
        Assert.Equal([7, 8], scorecard.Domains.Select(d => d.Id));
    }

    [Fact]
    public void Scorecard_ShowsOnlyTheSuppliersOwnContractAlerts()
    {
        var live = Build.Service(1);
        var own = Build.Contract(1, new DateOnly(2024, 1, 1), new DateOnly(2026, 7, 1), services: [live]);
        var foreign = Build.Contract(2, new DateOnly(2024, 1, 1), new DateOnly(2026, 7, 1), supplierId: 200, services: [live]);

        var scorecard = Compute([], [], contracts: [own, foreign]);

        var alert = Assert.Single(scorecard.ContractAlerts);
        Assert.Equal(own.Id, alert.Contract.Id);
        Assert.Equal(ContractAlertKind.ExpiredWithLiveServices, alert.Kind);
    }

    [Fact]
    public void NoData_CountsOnlyFinishedPeriodsInsideTheContractTerm()
    {
        var target = Build.Target(contractId: 1);
        var contract = Build.Contract(1, new DateOnly(2026, 3, 15), new DateOnly(2028, 1, 1));

        var scorecard = SupplierScorecards.Compute(
            new SupplierScorecardInput(Build.Supplier(), [target], [], [contract], []),
            From, new DateOnly(2026, 12, 1), Today);

        Assert.Equal(4, scorecard.NoDataCount); // March to June: January and February predate the contract, July is running.
    }

    [Fact]
    public void Rank_OrdersByBusinessImpactAndLetsTiesShareARank()
    {
        var scorecards = new[] { ("Gamma", 2, 1), ("Alpha", 8, 1), ("Beta", 2, 2), ("Delta", 0, 0) }
            .Select((s, i) => Compute([], [], supplier: Build.Supplier(i + 1, s.Item1)) with { BusinessImpact = s.Item2, BreachedCount = s.Item3 });

        var ranking = SupplierScorecards.Rank(scorecards);

        Assert.Equal(
            [(1, "Alpha"), (2, "Beta"), (2, "Gamma"), (4, "Delta")],
            ranking.Select(r => (r.Rank, r.Scorecard.Supplier.Name)));
    }

    [Fact]
    public void DirectDependents_AreServicesCoveredByContractsOrProvidedByTheSupplier()
    {
        var covered = Build.Service(1);
        var provided = Build.Service(2);
        var underDraft = Build.Service(3);
        var otherSuppliers = Build.Service(4);
        var contracts = new[]
        {
            Build.Contract(1, new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1), services: [covered, provided]),
            Build.Contract(2, new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1), status: ContractStatus.Draft, services: [underDraft]),
            Build.Contract(3, new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1), supplierId: 200, services: [otherSuppliers]),
        };
        var services = new[] { covered, provided, underDraft, otherSuppliers }.ToDictionary(s => s.Id);

        var dependents = SupplierScorecards.DirectDependents(100, contracts, [(provided.Id, 100), (otherSuppliers.Id, 200)], services);

        Assert.Equal([covered.Id, provided.Id], dependents.Select(s => s.Id).Order());
    }

    private static SupplierScorecard Compute(
        IReadOnlyCollection<SlaTargetTerms> targets,
        IReadOnlyCollection<MeasuredValue> measurements,
        IReadOnlyCollection<ContractTerms>? contracts = null,
        IReadOnlyCollection<ServiceSummary>? dependents = null,
        SupplierSummary? supplier = null) =>
        SupplierScorecards.Compute(
            new SupplierScorecardInput(supplier ?? Build.Supplier(), targets, measurements, contracts ?? [], dependents ?? []),
            From, To, Today);
}
