namespace ServicePortal.Core.Slas;

/// <summary>The result of one target for one period, and the service credit that period earns.</summary>
public sealed record SlaPeriodResult(DateOnly PeriodStart, double? Value, SlaResult Result, decimal Credit);

/// <summary>The attainment of one target over its last periods, oldest first.</summary>
/// <param name="CurrentBreachStreak">Consecutive breached periods ending at the most recent measured period (see <see cref="SlaAttainment.CurrentBreachStreak"/>).</param>
/// <param name="LongestBreachStreak">The longest run of consecutive breached periods anywhere in the trend.</param>
/// <param name="CreditsOwed">Service credits earned by the breached periods of the trend, in the contract's currency.</param>
public sealed record SlaTrend(
    SlaTargetTerms Target,
    IReadOnlyList<SlaPeriodResult> Periods,
    int CurrentBreachStreak,
    int LongestBreachStreak,
    Money CreditsOwed)
{
    /// <summary>The target is breached now and was breached the period before: a repeated breach, not a blip.</summary>
    public bool HasConsecutiveBreaches => CurrentBreachStreak >= 2;

    public int BreachedPeriods => Periods.Count(p => p.Result == SlaResult.Breached);

    /// <summary>The result of the most recent measured period, or NoData when nothing was measured.</summary>
    public SlaResult LatestResult => Periods.LastOrDefault(p => p.Result != SlaResult.NoData)?.Result ?? SlaResult.NoData;
}

/// <summary>Results of a target over a list of periods, and its trend over the last <see cref="TrendLength"/> periods.</summary>
public static class SlaAttainment
{
    public const int TrendLength = 12;

    /// <summary>
    /// Evaluates <paramref name="target"/> for each of <paramref name="periods"/>. A period without a measurement is
    /// NoData and earns no credit. Measurements whose PeriodStart is not one of the periods (including ones that are
    /// not a valid start for the target's period type) are ignored.
    /// </summary>
    public static IReadOnlyList<SlaPeriodResult> Results(
        SlaTargetTerms target, IEnumerable<MeasuredValue> measurements, IReadOnlyList<DateOnly> periods)
    {
        ArgumentNullException.ThrowIfNull(target);
        var values = measurements
            .Where(m => m.SlaTargetId == target.Id)
            .GroupBy(m => m.PeriodStart)
            .ToDictionary(g => g.Key, g => g.Last().Value);
        var credit = ServiceCredits.PerBreachedPeriod(target);
        return periods
            .Select(period =>
            {
                double? value = values.TryGetValue(period, out var v) ? v : null;
                var result = SlaEvaluator.Evaluate(target, value);
                return new SlaPeriodResult(period, value, result, result == SlaResult.Breached ? credit : 0m);
            })
            .ToList();
    }

    /// <summary>
    /// The trend of <paramref name="target"/> over the <paramref name="periodCount"/> periods ending with the one
    /// containing <paramref name="asOf"/> (that period may still be running and then usually shows NoData).
    /// </summary>
    public static SlaTrend Trend(
        SlaTargetTerms target, IEnumerable<MeasuredValue> measurements, DateOnly asOf, int periodCount = TrendLength)
    {
        var results = Results(target, measurements, SlaPeriods.LastPeriods(asOf, target.Period, periodCount));
        return new SlaTrend(
            target,
            results,
            CurrentBreachStreak(results),
            LongestBreachStreak(results),
            new Money(results.Sum(r => r.Credit), target.Currency));
    }

    /// <summary>
    /// How many consecutive periods are breached, counting back from the most recent <i>measured</i> period.
    /// Periods at the end with no data are skipped (the latest period is often not recorded yet); a period with
    /// no data between two breaches ends the streak, because a missing value proves neither breach nor recovery.
    /// </summary>
    public static int CurrentBreachStreak(IReadOnlyList<SlaPeriodResult> results)
    {
        var i = results.Count - 1;
        while (i >= 0 && results[i].Result == SlaResult.NoData)
        {
            i--;
        }

        var streak = 0;
        for (; i >= 0 && results[i].Result == SlaResult.Breached; i--)
        {
            streak++;
        }

        return streak;
    }

    /// <summary>The longest run of consecutive breached periods; any other result, NoData included, ends a run.</summary>
    public static int LongestBreachStreak(IReadOnlyList<SlaPeriodResult> results)
    {
        int longest = 0, run = 0;
        foreach (var result in results)
        {
            run = result.Result == SlaResult.Breached ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
