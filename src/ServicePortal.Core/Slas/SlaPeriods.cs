using System.Globalization;

namespace ServicePortal.Core.Slas;

/// <summary>
/// Measurement periods. A period is named by its first day: a Monthly period starts on the 1st of a month, a
/// Quarterly period on 1 January, 1 April, 1 July or 1 October. Every list returned is oldest first.
/// </summary>
public static class SlaPeriods
{
    public static int MonthsIn(MeasurementPeriod period) => period switch
    {
        MeasurementPeriod.Monthly => 1,
        MeasurementPeriod.Quarterly => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown measurement period."),
    };

    public static int PerYear(MeasurementPeriod period) => 12 / MonthsIn(period);

    /// <summary>The first day of the period that contains <paramref name="date"/>.</summary>
    public static DateOnly StartOf(DateOnly date, MeasurementPeriod period)
    {
        var months = MonthsIn(period);
        var firstMonth = ((date.Month - 1) / months * months) + 1;
        return new DateOnly(date.Year, firstMonth, 1);
    }

    public static bool IsPeriodStart(DateOnly date, MeasurementPeriod period) => StartOf(date, period) == date;

    /// <summary>Why <paramref name="date"/> is not a valid start of a <paramref name="period"/> period, or null when it is.</summary>
    /// <summary>The earliest period a measurement may be for: anything before it is a typo (year 1, 1899), not history.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static string? ValidatePeriodStart(DateOnly date, MeasurementPeriod period) =>
        date < Earliest
            ? $"{Month(date)} is before {Month(Earliest)}, the earliest period the portal records"
            : IsPeriodStart(date, period)
            ? null
            : period == MeasurementPeriod.Monthly
                ? $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is not the first day of a month"
                : $"{Month(date)} is not the start of a quarter (quarters start in January, April, July and October; this one starts {Month(StartOf(date, period))})";

    public static DateOnly Next(DateOnly periodStart, MeasurementPeriod period) => periodStart.AddMonths(MonthsIn(period));

    /// <summary>The last day of the period starting on <paramref name="periodStart"/>.</summary>
    public static DateOnly EndOf(DateOnly periodStart, MeasurementPeriod period) => Next(periodStart, period).AddDays(-1);

    /// <summary>The <paramref name="count"/> periods ending with the one that contains <paramref name="asOf"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> LastPeriods(DateOnly asOf, MeasurementPeriod period, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var last = StartOf(asOf, period);
        var months = MonthsIn(period);
        var periods = new DateOnly[count];
        for (var i = 0; i < count; i++)
        {
            periods[i] = last.AddMonths(-months * (count - 1 - i));
        }

        return periods;
    }

    /// <summary>
    /// The periods of a window. Both bounds are first moved to the start of their month; a period belongs to the
    /// window when its start lies between them, inclusive. So a quarterly window from February to August holds the
    /// quarters starting in April and July, and a monthly one holds February to August.
    /// </summary>
    public static IReadOnlyList<DateOnly> Between(DateOnly from, DateOnly to, MeasurementPeriod period)
    {
        var first = StartOf(from, MeasurementPeriod.Monthly);
        var last = StartOf(to, MeasurementPeriod.Monthly);
        var periods = new List<DateOnly>();
        var current = StartOf(first, period);
        if (current < first)
        {
            current = Next(current, period);
        }

        for (; current <= last; current = Next(current, period))
        {
            periods.Add(current);
        }

        return periods;
    }

    /// <summary>"2026-03" for a month, "2026-Q2" for a quarter.</summary>
    public static string Format(DateOnly periodStart, MeasurementPeriod period) =>
        period == MeasurementPeriod.Quarterly
            ? $"{periodStart.Year}-Q{((periodStart.Month - 1) / 3) + 1}"
            : Month(periodStart);

    /// <summary>Parses the "yyyy-MM" form used by imports into the first day of that month.</summary>
    public static bool TryParseMonth(string? text, out DateOnly monthStart) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart);

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
