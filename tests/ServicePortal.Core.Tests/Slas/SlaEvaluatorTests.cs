using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public class SlaEvaluatorTests
{
    [Theory]
    [InlineData(99.80, SlaResult.Breached)]
    [InlineData(99.89, SlaResult.Breached)]
    [InlineData(99.90, SlaResult.AtRisk)]
    [InlineData(99.94, SlaResult.AtRisk)]
    [InlineData(99.95, SlaResult.Met)]
    [InlineData(100.0, SlaResult.Met)]
    public void AtLeastTarget_IsAtRiskFromTheTargetUpToButExcludingTheBandEdge(double value, SlaResult expected)
    {
        var result = SlaEvaluator.Evaluate(TargetDirection.AtLeast, target: 99.9, warningBand: 0.05, value);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(31.0, SlaResult.Breached)]
    [InlineData(30.01, SlaResult.Breached)]
    [InlineData(30.0, SlaResult.AtRisk)]
    [InlineData(25.1, SlaResult.AtRisk)]
    [InlineData(25.0, SlaResult.Met)]
    [InlineData(0.0, SlaResult.Met)]
    public void AtMostTarget_IsAtRiskFromTheTargetDownToButExcludingTheBandEdge(double value, SlaResult expected)
    {
        var result = SlaEvaluator.Evaluate(TargetDirection.AtMost, target: 30, warningBand: 5, value);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(TargetDirection.AtLeast)]
    [InlineData(TargetDirection.AtMost)]
    public void ValueExactlyOnTarget_IsMetWhenTheBandIsZero(TargetDirection direction)
    {
        var result = SlaEvaluator.Evaluate(direction, target: 99.5, warningBand: 0, 99.5);

        Assert.Equal(SlaResult.Met, result);
    }

    [Theory]
    [InlineData(TargetDirection.AtLeast, 99.49)]
    [InlineData(TargetDirection.AtMost, 99.51)]
    public void ValueJustWorseThanTarget_IsBreachedWhenTheBandIsZero(TargetDirection direction, double value)
    {
        var result = SlaEvaluator.Evaluate(direction, target: 99.5, warningBand: 0, value);

        Assert.Equal(SlaResult.Breached, result);
    }

    [Fact]
    public void ValuesTypedAsDecimals_LandExactlyOnTheBandEdge()
    {
        // In binary floating point 99.7 + 0.15 is a hair above 99.85, and 0.3 - 0.1 a hair below 0.2: both values
        // would wrongly fall inside the band.
        var onEdge = SlaEvaluator.Evaluate(TargetDirection.AtLeast, 99.7, 0.15, 99.85);
        var atMostEdge = SlaEvaluator.Evaluate(TargetDirection.AtMost, 0.3, 0.1, 0.2);

        Assert.Equal(SlaResult.Met, onEdge);
        Assert.Equal(SlaResult.Met, atMostEdge);
    }

    [Fact]
    public void MissingValue_IsNoDataNotMet()
    {
        var result = SlaEvaluator.Evaluate(TargetDirection.AtLeast, 99.9, 0.05, value: null);

        Assert.Equal(SlaResult.NoData, result);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(SlaEvaluator.MaxValue * 10)]
    public void InvalidValue_IsRejected(double value)
    {
        Action evaluate = () => SlaEvaluator.Evaluate(TargetDirection.AtLeast, 99.9, 0.05, value);

        var error = Assert.Throws<ArgumentOutOfRangeException>(evaluate);
        Assert.Equal("value", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 0.0, "target")]
    [InlineData(-1.0, 0.0, "target")]
    [InlineData(99.0, -0.5, "warningBand")]
    [InlineData(99.0, double.NaN, "warningBand")]
    public void InvalidTargetOrBand_IsRejected(double target, double band, string parameter)
    {
        Action evaluate = () => SlaEvaluator.Evaluate(TargetDirection.AtLeast, target, band, 99.0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(evaluate);
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void EntityOverload_UsesTheTargetsDirectionTargetAndBand()
    {
        var target = new SlaTarget { Key = "RESP", Name = "Response", Unit = "min", Direction = TargetDirection.AtMost, Target = 30, WarningBand = 5 };

        var results = new[] { 26.0, 24.0, 31.0 }.Select(v => SlaEvaluator.Evaluate(target, v)).ToList();

        Assert.Equal([SlaResult.AtRisk, SlaResult.Met, SlaResult.Breached], results);
    }

    [Theory]
    [InlineData(SlaMetric.Availability, 100.0, true)]
    [InlineData(SlaMetric.Availability, 100.01, false)]
    [InlineData(SlaMetric.ResponseTime, 240.0, true)]
    [InlineData(SlaMetric.Custom, -1.0, false)]
    [InlineData(SlaMetric.Custom, double.NaN, false)]
    public void ValidateValue_AcceptsOnlyValuesTheMetricCanHave(SlaMetric metric, double value, bool valid)
    {
        var reason = SlaEvaluator.ValidateValue(metric, value);

        Assert.Equal(valid, reason is null);
    }
}
