using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Core.Tests.OperatingModel;

public class KpiRulesTests
{
    [Theory]
    [InlineData(KpiMetric.ErrorRate, 100.5, "is a percentage (ErrorRate) and must not exceed 100")]
    [InlineData(KpiMetric.Utilisation, -1, "must not be negative")]
    [InlineData(KpiMetric.CycleTime, double.NaN, "is not a number")]
    [InlineData(KpiMetric.ReturnOnInvestment, -12.5, null)]
    [InlineData(KpiMetric.Throughput, 1500, null)]
    public void ValidateValue_KnowsWhatEachMetricCanBe(KpiMetric metric, double value, string? expected)
    {
        Assert.Equal(expected, KpiRules.ValidateValue(metric, value));
    }

    [Fact]
    public void NewKey_IsMadeFromThePracticeAndTheNameAndAvoidsTakenKeys()
    {
        var first = KpiRules.NewKey("PRC-CHANGE", "Successful changes", new HashSet<string>());
        var second = KpiRules.NewKey("PRC-CHANGE", "Successful changes", new HashSet<string> { "KPI-CHANGE-SC" });

        Assert.Equal(("KPI-CHANGE-SC", "KPI-CHANGE-SC-2"), (first, second));
    }
}
