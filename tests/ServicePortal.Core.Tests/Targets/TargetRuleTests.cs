using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.Tests.Targets;

public class TargetRuleTests
{
    [Theory]
    [InlineData(TargetDirection.AtMost, 10, 2, 7.9, TargetOutcome.Met)]
    [InlineData(TargetDirection.AtMost, 10, 2, 8.0, TargetOutcome.Met)]
    [InlineData(TargetDirection.AtMost, 10, 2, 8.1, TargetOutcome.AtRisk)]
    [InlineData(TargetDirection.AtMost, 10, 2, 10.0, TargetOutcome.AtRisk)]
    [InlineData(TargetDirection.AtMost, 10, 2, 10.01, TargetOutcome.Missed)]
    [InlineData(TargetDirection.AtLeast, 15, 5, 14.9, TargetOutcome.Missed)]
    [InlineData(TargetDirection.AtLeast, 15, 5, 15, TargetOutcome.AtRisk)]
    [InlineData(TargetDirection.AtLeast, 15, 5, 20, TargetOutcome.Met)]
    public void Evaluate_PutsTheBandOnTheTargetsSafeSide(TargetDirection direction, double target, double band, double value, TargetOutcome expected)
    {
        var outcome = TargetRule.Evaluate(direction, target, band, value);

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Evaluate_AcceptsANegativeReturnOnInvestmentAndTarget()
    {
        var missed = TargetRule.Evaluate(TargetDirection.AtLeast, 15, 5, -4.5);
        var met = TargetRule.Evaluate(TargetDirection.AtLeast, -10, 0, -4.5);

        Assert.Equal((TargetOutcome.Missed, TargetOutcome.Met), (missed, met));
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(10, -1)]
    [InlineData(10, double.PositiveInfinity)]
    public void Evaluate_RefusesNumbersThatCannotBeTerms(double target, double band)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetRule.Evaluate(TargetDirection.AtLeast, target, band, 1));
    }

    [Fact]
    public void Evaluate_WithoutAValueIsNoData()
    {
        Assert.Equal(TargetOutcome.NoData, TargetRule.Evaluate(TargetDirection.AtMost, 2, 0.5, null));
    }

    [Fact]
    public void SlaResultsAndKpiStatuses_AgreeForTheSameTerms()
    {
        var values = Enumerable.Range(0, 400).Select(i => 90 + (i * 0.025)).ToList();
        foreach (var direction in Enum.GetValues<TargetDirection>())
        {
            var kpi = new KpiLine("K", "K", KpiMetric.Compliance, "%", 95, direction, 2, MeasurementPeriod.Monthly);
            foreach (var value in values)
            {
                var sla = SlaEvaluator.Evaluate(direction, 95, 2, value);
                var status = KpiRules.Evaluate(kpi, value);

                Assert.Equal(sla switch { SlaResult.Breached => TargetOutcome.Missed, SlaResult.AtRisk => TargetOutcome.AtRisk, _ => TargetOutcome.Met }, status);
            }
        }
    }

    [Fact]
    public void Worst_IgnoresUnmeasuredUnlessNothingIsMeasured()
    {
        Assert.Equal(TargetOutcome.AtRisk, TargetRule.Worst([TargetOutcome.Met, TargetOutcome.NoData, TargetOutcome.AtRisk]));
        Assert.Equal(TargetOutcome.Missed, TargetRule.Worst([TargetOutcome.AtRisk, TargetOutcome.Missed]));
        Assert.Equal(TargetOutcome.NoData, TargetRule.Worst([TargetOutcome.NoData]));
    }

    [Fact]
    public void Sla_StillRefusesANegativeValue()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaEvaluator.Evaluate(TargetDirection.AtLeast, 99.9, 0.05, -1));
    }
}
