using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Targets;

/// <summary>Where one value lies against a target with a warning band: the one outcome SLA results and practice KPIs share.</summary>
public enum TargetOutcome
{
    /// <summary>No value was recorded for the period. Never counted as met.</summary>
    NoData,
    Met,

    /// <summary>The target is met, but only just: the value lies inside the warning band.</summary>
    AtRisk,

    /// <summary>The target is not met (an SLA calls this Breached, a KPI Missed).</summary>
    Missed,
}

/// <summary>
/// The one rule that decides whether a measured value meets a target; <see cref="SlaEvaluator"/> (SLA results) and
/// <c>KpiEvaluator</c> (practice KPIs) both call it, so an SLA and a KPI with the same terms always agree.
/// <para>Rules, with <c>t</c> the target, <c>b</c> the warning band and <c>v</c> the value:</para>
/// <list type="bullet">
/// <item><b>AtLeast</b>: <c>v &lt; t</c> → Missed; <c>t ≤ v &lt; t + b</c> → AtRisk; <c>v ≥ t + b</c> → Met.</item>
/// <item><b>AtMost</b>: <c>v &gt; t</c> → Missed; <c>t − b &lt; v ≤ t</c> → AtRisk; <c>v ≤ t − b</c> → Met.</item>
/// </list>
/// <para>So a value exactly on target is AtRisk when the band is positive (it has no margin left) and Met when the
/// band is 0. A value exactly on the far edge of the band is Met: the band is half-open, closed on the target side.</para>
/// <para>Values are compared as decimals rounded to 15 significant digits, so 99.95 against a target of 99.9 and a
/// band of 0.05 lands exactly on the edge instead of a binary-rounding hair away from it.</para>
/// <para>Targets and values must be finite and within ±<see cref="MaxMagnitude"/> (a return on investment may be
/// negative; callers that measure something that cannot be, such as an availability, refuse negatives themselves);
/// the band must be finite, not negative and at most <see cref="MaxMagnitude"/>. Anything else throws
/// <see cref="ArgumentOutOfRangeException"/>: a NaN must never become an outcome. A missing value is NoData.</para>
/// </summary>
public static class TargetRule
{
    /// <summary>Largest magnitude accepted: far above any percentage, duration, count or amount measured.</summary>
    public const double MaxMagnitude = 1e12;

    public static TargetOutcome Evaluate(TargetDirection direction, double target, double warningBand, double? value)
    {
        ThrowIfInvalid(target, nameof(target), allowNegative: true);
        ThrowIfInvalid(warningBand, nameof(warningBand), allowNegative: false);
        if (value is not { } actual)
        {
            return TargetOutcome.NoData;
        }

        ThrowIfInvalid(actual, nameof(value), allowNegative: true);
        var v = (decimal)actual;
        var t = (decimal)target;
        var b = (decimal)warningBand;
        return direction switch
        {
            TargetDirection.AtLeast when v < t => TargetOutcome.Missed,
            TargetDirection.AtLeast when v < t + b => TargetOutcome.AtRisk,
            TargetDirection.AtLeast => TargetOutcome.Met,
            TargetDirection.AtMost when v > t => TargetOutcome.Missed,
            TargetDirection.AtMost when v > t - b => TargetOutcome.AtRisk,
            TargetDirection.AtMost => TargetOutcome.Met,
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown target direction."),
        };
    }

    /// <summary>Worst first: Missed, AtRisk, NoData, Met (an unmeasured target hides more than a met one).</summary>
    public static int Severity(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Missed => 0,
        TargetOutcome.AtRisk => 1,
        TargetOutcome.NoData => 2,
        _ => 3,
    };

    /// <summary>The worst of <paramref name="outcomes"/> that were measured; NoData when none was.</summary>
    public static TargetOutcome Worst(IEnumerable<TargetOutcome> outcomes)
    {
        var measured = outcomes.Where(o => o != TargetOutcome.NoData).ToList();
        return measured.Count == 0 ? TargetOutcome.NoData : measured.MinBy(Severity);
    }

    /// <summary>"≥ 95 %" or "≤ 2 days": the target as people read it.</summary>
    public static string Describe(TargetDirection direction, double target, string unit) =>
        $"{(direction == TargetDirection.AtLeast ? "≥" : "≤")} {target.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}{(unit is "%" ? "%" : string.IsNullOrWhiteSpace(unit) ? "" : " " + unit)}";

    private static void ThrowIfInvalid(double number, string parameterName, bool allowNegative)
    {
        if (!double.IsFinite(number) || Math.Abs(number) > MaxMagnitude || (!allowNegative && number < 0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, number, allowNegative ? $"Must be a finite number between -{MaxMagnitude:G} and {MaxMagnitude:G}." : $"Must be a finite number between 0 and {MaxMagnitude:G}.");
        }
    }
}
