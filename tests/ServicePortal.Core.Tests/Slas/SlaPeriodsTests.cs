using System.Globalization;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public class SlaPeriodsTests
{
    [Theory]
    [InlineData("2026-05-17", MeasurementPeriod.Monthly, "2026-05-01")]
    [InlineData("2026-05-01", MeasurementPeriod.Monthly, "2026-05-01")]
    [InlineData("2026-05-17", MeasurementPeriod.Quarterly, "2026-04-01")]
    [InlineData("2026-03-31", MeasurementPeriod.Quarterly, "2026-01-01")]
    [InlineData("2026-12-31", MeasurementPeriod.Quarterly, "2026-10-01")]
    public void StartOf_NormalisesADateToItsPeriodStart(string date, MeasurementPeriod period, string expected)
    {
        var start = SlaPeriods.StartOf(DateOnly.Parse(date, CultureInfo.InvariantCulture), period);

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), start);
    }

    [Theory]
    [InlineData("2026-01-01", MeasurementPeriod.Quarterly, true)]
    [InlineData("2026-04-01", MeasurementPeriod.Quarterly, true)]
    [InlineData("2026-07-01", MeasurementPeriod.Quarterly, true)]
    [InlineData("2026-10-01", MeasurementPeriod.Quarterly, true)]
    [InlineData("2026-02-01", MeasurementPeriod.Quarterly, false)]
    [InlineData("2026-02-01", MeasurementPeriod.Monthly, true)]
    [InlineData("2026-02-02", MeasurementPeriod.Monthly, false)]
    public void IsPeriodStart_AcceptsOnlyMonthStartsAndQuarterStarts(string date, MeasurementPeriod period, bool expected)
    {
        var valid = SlaPeriods.IsPeriodStart(DateOnly.Parse(date, CultureInfo.InvariantCulture), period);

        Assert.Equal(expected, valid);
        Assert.Equal(expected, SlaPeriods.ValidatePeriodStart(DateOnly.Parse(date, CultureInfo.InvariantCulture), period) is null);
    }

    [Fact]
    public void ValidatePeriodStart_NamesTheQuarterTheDateBelongsTo()
    {
        var reason = SlaPeriods.ValidatePeriodStart(new DateOnly(2026, 5, 1), MeasurementPeriod.Quarterly);

        Assert.Contains("2026-05", reason);
        Assert.Contains("2026-04", reason);
    }

    [Fact]
    public void LastPeriods_ListsMonthsOldestFirstAcrossAYearBoundary()
    {
        var periods = SlaPeriods.LastPeriods(new DateOnly(2026, 2, 14), MeasurementPeriod.Monthly, 4);

        Assert.Equal([new(2025, 11, 1), new(2025, 12, 1), new(2026, 1, 1), new(2026, 2, 1)], periods);
    }

    [Fact]
    public void LastPeriods_ListsQuarterStartsEndingWithTheQuarterOfTheAsOfDate()
    {
        var periods = SlaPeriods.LastPeriods(new DateOnly(2026, 5, 31), MeasurementPeriod.Quarterly, 3);

        Assert.Equal([new(2025, 10, 1), new(2026, 1, 1), new(2026, 4, 1)], periods);
    }

    [Fact]
    public void LastPeriods_OfTwelveMonths_CoversExactlyOneYear()
    {
        var periods = SlaPeriods.LastPeriods(new DateOnly(2026, 6, 30), MeasurementPeriod.Monthly, 12);

        Assert.Equal(12, periods.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), periods[0]);
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.AddMonths(1), pair.Second));
    }

    [Fact]
    public void Between_KeepsQuartersThatStartInsideTheWindow()
    {
        var quarters = SlaPeriods.Between(new DateOnly(2026, 2, 15), new DateOnly(2026, 8, 3), MeasurementPeriod.Quarterly);
        var months = SlaPeriods.Between(new DateOnly(2026, 2, 15), new DateOnly(2026, 4, 3), MeasurementPeriod.Monthly);

        Assert.Equal([new(2026, 4, 1), new(2026, 7, 1)], quarters);
        Assert.Equal([new(2026, 2, 1), new(2026, 3, 1), new(2026, 4, 1)], months);
    }

    [Fact]
    public void EndOf_IsTheDayBeforeTheNextPeriod()
    {
        var february = SlaPeriods.EndOf(new DateOnly(2028, 2, 1), MeasurementPeriod.Monthly);
        var fourthQuarter = SlaPeriods.EndOf(new DateOnly(2026, 10, 1), MeasurementPeriod.Quarterly);

        Assert.Equal(new DateOnly(2028, 2, 29), february);
        Assert.Equal(new DateOnly(2026, 12, 31), fourthQuarter);
    }

    [Theory]
    [InlineData("2026-03", true)]
    [InlineData(" 2026-03 ", true)]
    [InlineData("2026-3", false)]
    [InlineData("03/2026", false)]
    [InlineData("2026-13", false)]
    [InlineData("", false)]
    public void TryParseMonth_AcceptsOnlyYearDashMonth(string text, bool expected)
    {
        var parsed = SlaPeriods.TryParseMonth(text, out var month);

        Assert.Equal(expected, parsed);
        if (parsed)
        {
            Assert.Equal(new DateOnly(2026, 3, 1), month);
        }
    }

    [Fact]
    public void Format_WritesMonthsAndQuartersAsPeopleReadThem()
    {
        var month = SlaPeriods.Format(new DateOnly(2026, 3, 1), MeasurementPeriod.Monthly);
        var quarter = SlaPeriods.Format(new DateOnly(2026, 7, 1), MeasurementPeriod.Quarterly);

        Assert.Equal("2026-03", month);
        Assert.Equal("2026-Q3", quarter);
    }
}
