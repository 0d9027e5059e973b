using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>A stage of the value stream as the roll-up reads it.</summary>
public sealed record StageInput(string Key, string Name, int Order);

/// <summary>A practice with its KPIs (of the version evaluated) and the people accountable for it (RACI: practice owner, Accountable, not left).</summary>
public sealed record PracticeInput(string Key, string Name, string StageKey, int Order, IReadOnlyList<KpiLine> Kpis, IReadOnlyList<string> AccountableOwners);

/// <summary>One recorded KPI value.</summary>
public sealed record KpiValue(string KpiKey, DateOnly PeriodStart, double Value);

/// <summary>Everything <see cref="ValueStreamHealth.Compute"/> reads; <see cref="AsOf"/> is any day of the last month looked at.</summary>
public sealed record ValueStreamInput(DateOnly AsOf, IReadOnlyList<StageInput> Stages, IReadOnlyList<PracticeInput> Practices, IReadOnlyList<KpiValue> Values);

/// <summary>A KPI's value and status for one period.</summary>
public sealed record KpiPeriodResult(DateOnly PeriodStart, string Period, double? Value, TargetOutcome Outcome);

/// <summary>Whether a KPI is getting better or worse: its latest value against the mean of the three values before it, in the KPI's direction.</summary>
public enum KpiTrend
{
    /// <summary>Fewer than two values in the window.</summary>
    Unknown,
    Improving,
    Steady,
    Worsening,
}

/// <summary>
/// One KPI at the as-of date. <see cref="Current"/> is the period containing the as-of date (NoData when nothing was
/// recorded for it); <see cref="LastMeasured"/> the most recent period with a value; <see cref="History"/> the last
/// <see cref="ValueStreamHealth.TrendPeriods"/> periods, oldest first; <see cref="MissedRunning"/> how many periods in
/// a row up to <see cref="Current"/> were missed; <see cref="Shortfall"/> how far the current value is on the wrong
/// side of the target, as a share of the target (0 when met; used to rank the worst KPIs).
/// </summary>
public sealed record KpiHealth(
    KpiLine Kpi,
    string PracticeKey,
    string PracticeName,
    string StageKey,
    KpiPeriodResult Current,
    KpiPeriodResult? LastMeasured,
    IReadOnlyList<KpiPeriodResult> History,
    int MissedRunning,
    KpiTrend Trend,
    double Shortfall)
{
    public TargetOutcome Status => Current.Outcome;
}

/// <summary>How many KPIs have each status.</summary>
public sealed record OutcomeCounts(int Met, int AtRisk, int Missed, int NoData)
{
    public int Total => Met + AtRisk + Missed + NoData;

    /// <summary>Share of measured KPIs that are met (0–1); null when none is measured.</summary>
    public double? MetShare => Met + AtRisk + Missed == 0 ? null : (double)Met / (Met + AtRisk + Missed);

    public static OutcomeCounts Of(IEnumerable<TargetOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return new OutcomeCounts(
            list.Count(o => o == TargetOutcome.Met), list.Count(o => o == TargetOutcome.AtRisk), list.Count(o => o == TargetOutcome.Missed), list.Count(o => o == TargetOutcome.NoData));
    }
}

/// <summary>The status of a practice or stage in one month: the worst of its KPIs' results for the period containing that month, with the counts.</summary>
public sealed record PeriodHealth(DateOnly Month, string Period, TargetOutcome Status, OutcomeCounts Counts);

/// <summary>A practice's KPI statuses and trend. <see cref="Status"/> is the worst current status of its measured KPIs.</summary>
public sealed record PracticeHealth(
    string Key, string Name, string StageKey, TargetOutcome Status, OutcomeCounts Counts, IReadOnlyList<KpiHealth> Kpis, IReadOnlyList<PeriodHealth> Trend,
    IReadOnlyList<string> AccountableOwners);

/// <summary>A value-stream stage rolled up from its practices, with its worst KPIs (missed or at risk, worst first).</summary>
public sealed record StageHealth(
    string Key, string Name, int Order, TargetOutcome Status, OutcomeCounts Counts, IReadOnlyList<PracticeHealth> Practices, IReadOnlyList<PeriodHealth> Trend,
    IReadOnlyList<KpiHealth> WorstKpis);

/// <summary>A KPI missed in the current period, with the practice's accountable owner(s) (empty when nobody is: a governance gap).</summary>
public sealed record MissedKpi(KpiHealth Kpi, string PracticeName, string StageName, IReadOnlyList<string> AccountableOwners);

/// <summary>
/// Value-stream health: per practice its KPI statuses and trend, per stage (Demand, Plan, Build, Run) the roll-up of its
/// practices, the worst KPIs, and every missed KPI with the practice's accountable owner. Every status comes from
/// <see cref="KpiRules.Evaluate"/> (the shared <see cref="TargetRule"/>); a roll-up is the worst of the measured
/// statuses beneath it (NoData only when nothing is measured), with the counts beside it. Pure: no database, no clock.
/// </summary>
public sealed record ValueStreamHealth(DateOnly AsOf, IReadOnlyList<StageHealth> Stages, IReadOnlyList<KpiHealth> WorstKpis, IReadOnlyList<MissedKpi> Missed)
{
    /// <summary>How many periods of history each KPI carries (12 months, or 12 quarters for a quarterly KPI).</summary>
    public const int TrendPeriods = 12;

    /// <summary>How many KPIs <see cref="WorstKpis"/> lists (per stage: <see cref="WorstPerStage"/>).</summary>
    public const int WorstCount = 5;

    public const int WorstPerStage = 3;

    public IEnumerable<PracticeHealth> Practices => Stages.SelectMany(s => s.Practices);

    public PracticeHealth? Practice(string key) => Practices.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));

    public KpiHealth? Kpi(string key) => Practices.SelectMany(p => p.Kpis).FirstOrDefault(k => string.Equals(k.Kpi.Key, key, StringComparison.OrdinalIgnoreCase));

    public static ValueStreamHealth Compute(ValueStreamInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = input.Values.GroupBy(v => v.KpiKey, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.GroupBy(v => v.PeriodStart).ToDictionary(p => p.Key, p => p.Last().Value), StringComparer.OrdinalIgnoreCase);
        var months = SlaPeriods.LastPeriods(input.AsOf, MeasurementPeriod.Monthly, TrendPeriods);
        var stageNames = input.Stages.ToDictionary(s => s.Key, s => s.Name, StringComparer.OrdinalIgnoreCase);

        var practices = input.Practices
            .Select(p => Practice(p, values.GetValueOrDefault, input.AsOf, months))
            .ToList();
        var stages = input.Stages.OrderBy(s => s.Order).Select(s =>
        {
            var own = practices.Where(p => string.Equals(p.StageKey, s.Key, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => input.Practices.First(i => i.Key == p.Key).Order).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var kpis = own.SelectMany(p => p.Kpis).ToList();
            return new StageHealth(
                s.Key, s.Name, s.Order, TargetRule.Worst(kpis.Select(k => k.Status)), OutcomeCounts.Of(kpis.Select(k => k.Status)), own,
                Trend(kpis, months), Worst(kpis, WorstPerStage));
        }).ToList();

        var all = practices.SelectMany(p => p.Kpis).ToList();
        var missed = practices.SelectMany(p => p.Kpis.Where(k => k.Status == TargetOutcome.Missed)
                .Select(k => new MissedKpi(k, p.Name, stageNames.GetValueOrDefault(p.StageKey, p.StageKey), p.AccountableOwners)))
            .OrderByDescending(m => m.Kpi.MissedRunning).ThenByDescending(m => m.Kpi.Shortfall).ThenBy(m => m.Kpi.Kpi.Key, StringComparer.Ordinal)
            .ToList();
        return new ValueStreamHealth(input.AsOf, stages, Worst(all, WorstCount), missed);
    }

    private static PracticeHealth Practice(
        PracticeInput practice, Func<string, Dictionary<DateOnly, double>?> valuesOf, DateOnly asOf, IReadOnlyList<DateOnly> months)
    {
        var kpis = practice.Kpis.Select(k => Kpi(k, practice, valuesOf(k.Key), asOf)).ToList();
        var statuses = kpis.Select(k => k.Status).ToList();
        return new PracticeHealth(
            practice.Key, practice.Name, practice.StageKey, TargetRule.Worst(statuses), OutcomeCounts.Of(statuses), kpis, Trend(kpis, months), practice.AccountableOwners);
    }

    private static KpiHealth Kpi(KpiLine kpi, PracticeInput practice, Dictionary<DateOnly, double>? values, DateOnly asOf)
    {
        var history = SlaPeriods.LastPeriods(asOf, kpi.Period, TrendPeriods).Select(period =>
        {
            double? value = values is not null && values.TryGetValue(period, out var v) ? v : null;
            return new KpiPeriodResult(period, SlaPeriods.Format(period, kpi.Period), value, KpiRules.Evaluate(kpi, value));
        }).ToList();
        var current = history[^1];
        var missedRunning = 0;
        for (var i = history.Count - 1; i >= 0 && history[i].Outcome == TargetOutcome.Missed; i--)
        {
            missedRunning++;
        }

        return new KpiHealth(
            kpi, practice.Key, practice.Name, practice.StageKey, current, history.LastOrDefault(h => h.Value is not null), history, missedRunning,
            TrendOf(kpi, history), Shortfall(kpi, current.Value));
    }

    private static KpiTrend TrendOf(KpiLine kpi, List<KpiPeriodResult> history)
    {
        var measured = history.Where(h => h.Value is not null).Select(h => h.Value!.Value).ToList();
        if (measured.Count < 2)
        {
            return KpiTrend.Unknown;
        }

        var previous = measured.SkipLast(1).TakeLast(3).Average();
        var better = (measured[^1] - previous) * (kpi.Direction == TargetDirection.AtLeast ? 1 : -1);
        var threshold = Math.Max(kpi.WarningBand / 2, Math.Abs(kpi.TargetValue) * 0.02);
        return better > threshold ? KpiTrend.Improving : better < -threshold ? KpiTrend.Worsening : KpiTrend.Steady;
    }

    private static double Shortfall(KpiLine kpi, double? value)
    {
        if (value is not { } v)
        {
            return 0;
        }

        var wrongSide = kpi.Direction == TargetDirection.AtLeast ? kpi.TargetValue - v : v - kpi.TargetValue;
        return wrongSide <= 0 ? 0 : wrongSide / Math.Max(Math.Abs(kpi.TargetValue), Math.Max(kpi.WarningBand, 1));
    }

    /// <summary>Per month of the window: the worst of the KPIs' results for the period containing that month.</summary>
    private static List<PeriodHealth> Trend(IReadOnlyList<KpiHealth> kpis, IReadOnlyList<DateOnly> months) =>
        months.Select(month =>
        {
            var outcomes = kpis.Select(k => k.History.LastOrDefault(h => h.PeriodStart == SlaPeriods.StartOf(month, k.Kpi.Period))?.Outcome ?? TargetOutcome.NoData).ToList();
            return new PeriodHealth(month, SlaPeriods.Format(month, MeasurementPeriod.Monthly), TargetRule.Worst(outcomes), OutcomeCounts.Of(outcomes));
        }).ToList();

    /// <summary>Missed before at risk; then the longest run of misses, the largest shortfall, a worsening trend.</summary>
    private static List<KpiHealth> Worst(IEnumerable<KpiHealth> kpis, int count) =>
        kpis.Where(k => k.Status is TargetOutcome.Missed or TargetOutcome.AtRisk)
            .OrderBy(k => TargetRule.Severity(k.Status))
            .ThenByDescending(k => k.MissedRunning)
            .ThenByDescending(k => k.Shortfall)
            .ThenBy(k => k.Trend == KpiTrend.Worsening ? 0 : 1)
            .ThenBy(k => k.Kpi.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
