using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public class SlaAttainmentTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 15);

    [Fact]
    public void Trend_CoversTheLastTwelveMonthsUpToTheAsOfDate()
    {
        var target = Build.Target();

        var trend = SlaAttainment.Trend(target, [], AsOf);

        Assert.Equal(SlaAttainment.TrendLength, trend.Periods.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), trend.Periods[0].PeriodStart);
        Assert.Equal(new DateOnly(2026, 6, 1), trend.Periods[^1].PeriodStart);
        Assert.All(trend.Periods, p => Assert.Equal(SlaResult.NoData, p.Result));
    }

    [Fact]
    public void Trend_OfAQuarterlyTarget_ListsTwelveQuarters()
    {
        var target = Build.Target() with { Period = MeasurementPeriod.Quarterly };

        var trend = SlaAttainment.Trend(target, [Build.Measured(target, 2026, 4, 99.0)], AsOf);

        Assert.Equal(new DateOnly(2023, 7, 1), trend.Periods[0].PeriodStart);
        Assert.Equal(new DateOnly(2026, 4, 1), trend.Periods[^1].PeriodStart);
        Assert.Equal(SlaResult.Breached, trend.Periods[^1].Result);
    }

    [Fact]
    public void Trend_EvaluatesEachMeasuredPeriodAndLeavesGapsAsNoData()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 3, 99.99),
            Build.Measured(target, 2026, 4, 99.92),
            Build.Measured(target, 2026, 5, 99.1),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        var lastFour = trend.Periods.TakeLast(4).Select(p => (p.Value, p.Result)).ToList();
        Assert.Equal([(99.99, SlaResult.Met), (99.92, SlaResult.AtRisk), (99.1, SlaResult.Breached), (null, SlaResult.NoData)], lastFour);
    }

    [Fact]
    public void Trend_IgnoresMeasurementsOfOtherTargetsAndInvalidPeriodStarts()
    {
        var target = Build.Target() with { Period = MeasurementPeriod.Quarterly };
        var other = Build.Target(id: 2);
        var measurements = new[]
        {
            Build.Measured(other, 2026, 4, 50),
            Build.Measured(target, 2026, 5, 50),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        Assert.All(trend.Periods, p => Assert.Equal(SlaResult.NoData, p.Result));
    }

    [Fact]
    public void Trend_SumsTheCreditsOfItsBreachedPeriodsOnly()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 1, 98.0),
            Build.Measured(target, 2026, 2, 99.91),
            Build.Measured(target, 2026, 4, 99.0),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        var perBreach = ServiceCredits.PerBreachedPeriod(target);
        Assert.Equal(2, trend.BreachedPeriods);
        Assert.Equal(new Money(2 * perBreach, "EUR"), trend.CreditsOwed);
        Assert.Equal(0m, trend.Periods.Single(p => p.Result == SlaResult.AtRisk).Credit);
    }

    [Fact]
    public void CurrentBreachStreak_SkipsTheUnrecordedLatestPeriodAndFlagsRepeatedBreaches()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 2, 99.99),
            Build.Measured(target, 2026, 3, 98.0),
            Build.Measured(target, 2026, 4, 97.0),
            Build.Measured(target, 2026, 5, 96.0),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        Assert.Equal(3, trend.CurrentBreachStreak);
        Assert.True(trend.HasConsecutiveBreaches);
        Assert.Equal(SlaResult.Breached, trend.LatestResult);
    }

    [Fact]
    public void CurrentBreachStreak_EndsAtAGapInTheData()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 3, 98.0),
            Build.Measured(target, 2026, 5, 98.0),
            Build.Measured(target, 2026, 6, 98.0),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        Assert.Equal(2, trend.CurrentBreachStreak);
        Assert.Equal(2, trend.LongestBreachStreak);
    }

    [Fact]
    public void SingleBreach_IsNotFlaggedAsConsecutive()
    {
        var target = Build.Target();
        var measurements = new[] { Build.Measured(target, 2026, 4, 99.99), Build.Measured(target, 2026, 5, 98.0) };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        Assert.Equal(1, trend.CurrentBreachStreak);
        Assert.False(trend.HasConsecutiveBreaches);
    }

    [Fact]
    public void RecoveredTarget_HasNoCurrentStreakButKeepsItsLongestStreak()
    {
        var target = Build.Target();
        var measurements = new[]
        {
            Build.Measured(target, 2026, 1, 98.0),
            Build.Measured(target, 2026, 2, 98.0),
            Build.Measured(target, 2026, 3, 98.0),
            Build.Measured(target, 2026, 4, 99.92),
        };

        var trend = SlaAttainment.Trend(target, measurements, AsOf);

        Assert.Equal(0, trend.CurrentBreachStreak);
        Assert.Equal(3, trend.LongestBreachStreak);
        Assert.False(trend.HasConsecutiveBreaches);
        Assert.Equal(SlaResult.AtRisk, trend.LatestResult);
    }
}
