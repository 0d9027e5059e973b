using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public class ServiceCreditsTests
{
    [Fact]
    public void MonthlyBreach_EarnsThePercentageOfOneTwelfthOfTheAnnualValue()
    {
        var target = Build.Target() with { AnnualValue = 120_000m, ServiceCreditPercent = 5 };

        var credit = ServiceCredits.PerBreachedPeriod(target);

        Assert.Equal(500m, credit);
    }

    [Fact]
    public void QuarterlyBreach_EarnsThePercentageOfOneQuarterOfTheAnnualValue()
    {
        var target = Build.Target() with { AnnualValue = 120_000m, ServiceCreditPercent = 5, Period = MeasurementPeriod.Quarterly };

        var credit = ServiceCredits.PerBreachedPeriod(target);

        Assert.Equal(1_500m, credit);
    }

    [Fact]
    public void Credit_IsRoundedToCentsAwayFromZero()
    {
        var target = Build.Target() with { AnnualValue = 1_000m, ServiceCreditPercent = 2.5 };

        var credit = ServiceCredits.PerBreachedPeriod(target);

        Assert.Equal(2.08m, credit); // 1000 / 12 × 2.5 % = 2.0833…
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void InvalidCreditPercentage_IsRejected(double percent)
    {
        var target = Build.Target() with { ServiceCreditPercent = percent };

        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceCredits.PerBreachedPeriod(target));
    }

    [Fact]
    public void Credits_AreSummedPerContractAndPerSupplierWithoutMixingCurrencies()
    {
        var eur = Build.Target(id: 1, contractId: 10, supplierId: 100);
        var eurSameContract = Build.Target(id: 2, contractId: 10, supplierId: 100);
        var usd = Build.Target(id: 3, contractId: 11, supplierId: 100) with { Currency = "USD", AnnualValue = 24_000m };
        var otherSupplier = Build.Target(id: 4, contractId: 12, supplierId: 200);
        var credits = new[]
        {
            new TargetCredits(eur, 2, new Money(1_000m, "EUR")),
            new TargetCredits(eurSameContract, 1, new Money(500m, "EUR")),
            new TargetCredits(usd, 1, new Money(100m, "USD")),
            new TargetCredits(otherSupplier, 0, new Money(0m, "EUR")),
        };

        var byContract = ServiceCredits.ByContract(credits);
        var bySupplier = ServiceCredits.BySupplier(credits);

        Assert.Equal([(10, 3, new Money(1_500m, "EUR")), (11, 1, new Money(100m, "USD"))], byContract.Select(c => (c.ContractId, c.BreachedPeriods, c.Amount)));
        var supplier = Assert.Single(bySupplier);
        Assert.Equal(100, supplier.SupplierId);
        Assert.Equal(4, supplier.BreachedPeriods);
        Assert.Equal([new Money(1_500m, "EUR"), new Money(100m, "USD")], supplier.Amounts);
    }

    [Fact]
    public void ForTarget_CountsBreachedPeriodsAndAddsTheirCredits()
    {
        var target = Build.Target();
        var results = new[]
        {
            new SlaPeriodResult(new DateOnly(2026, 1, 1), 98, SlaResult.Breached, 500m),
            new SlaPeriodResult(new DateOnly(2026, 2, 1), 99.92, SlaResult.AtRisk, 0m),
            new SlaPeriodResult(new DateOnly(2026, 3, 1), 97, SlaResult.Breached, 500m),
        };

        var credits = ServiceCredits.ForTarget(target, results);

        Assert.Equal(2, credits.BreachedPeriods);
        Assert.Equal(new Money(1_000m, "EUR"), credits.Amount);
    }
}
