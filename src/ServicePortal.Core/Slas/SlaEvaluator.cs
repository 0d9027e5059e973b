using ServicePortal.Core.Targets;

namespace ServicePortal.Core.Slas;

/// <summary>The derived result of one SLA target for one period.</summary>
public enum SlaResult
{
    /// <summary>No measurement was recorded for the period. Never counted as met.</summary>
    NoData,
    Met,

    /// <summary>The target is met, but only just: the value lies inside the warning band.</summary>
    AtRisk,
    Breached,
}

/// <summary>
/// Decides the result of one measurement against its target through the shared <see cref="TargetRule"/>, after the
/// SLA's own limits (no SLA value, target or band is negative).
/// <para>Rules, with <c>t</c> the target, <c>b</c> the warning band and <c>v</c> the value:</para>
/// <list type="bullet">
/// <item><b>AtLeast</b> (availability): <c>v &lt; t</c> → Breached; <c>t ≤ v &lt; t + b</c> → AtRisk; <c>v ≥ t + b</c> → Met.</item>
/// <item><b>AtMost</b> (response and resolution times): <c>v &gt; t</c> → Breached; <c>t − b &lt; v ≤ t</c> → AtRisk; <c>v ≤ t − b</c> → Met.</item>
/// </list>
/// <para>So a value exactly on target is AtRisk when the band is positive (it has no margin left) and Met when the
/// band is 0 (there is no band to be inside). A value exactly on the far edge of the band (<c>t + b</c> for AtLeast,
/// <c>t − b</c> for AtMost) is Met: the band is half-open, closed on the target side.</para>
/// <para>Values are compared as decimals rounded to 15 significant digits, so numbers typed as 99.95 against a target
/// of 99.9 and a band of 0.05 land exactly on the edge instead of a binary-rounding hair away from it.</para>
/// <para>Values, targets and bands must be finite, not negative and at most <see cref="MaxValue"/>; anything else is
/// rejected with <see cref="ArgumentOutOfRangeException"/> (no SLA metric is negative, and a NaN must never be
/// turned into a result). A missing value (<c>null</c>) is <see cref="SlaResult.NoData"/>.</para>
/// </summary>
public static class SlaEvaluator
{
    /// <summary>Largest value accepted: far above any percentage, duration or count an SLA measures.</summary>
    public const double MaxValue = 1e12;

    public static SlaResult Evaluate(SlaTarget target, double? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Evaluate(target.Direction, target.Target, target.WarningBand, value);
    }

    public static SlaResult Evaluate(SlaTargetTerms target, double? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Evaluate(target.Direction, target.Target, target.WarningBand, value);
    }

    public static SlaResult Evaluate(TargetDirection direction, double target, double warningBand, double? value)
    {
        ThrowIfInvalid(target, nameof(target));
        ThrowIfInvalid(warningBand, nameof(warningBand));
        if (value is not { } actual)
        {
            return SlaResult.NoData;
        }

        ThrowIfInvalid(actual, nameof(value));

        // The comparison itself is the shared rule (practice KPIs use it too); an SLA calls a missed target Breached.
        return TargetRule.Evaluate(direction, target, warningBand, actual) switch
        {
            TargetOutcome.Met => SlaResult.Met,
            TargetOutcome.AtRisk => SlaResult.AtRisk,
            TargetOutcome.Missed => SlaResult.Breached,
            _ => SlaResult.NoData,
        };
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be recorded for a target with <paramref name="metric"/>, or null when it can.
    /// Besides the general limits, an availability is a percentage and cannot exceed 100.
    /// </summary>
    public static string? ValidateValue(SlaMetric metric, double value) => value switch
    {
        double.NaN => "is not a number",
        _ when double.IsInfinity(value) => "is not a finite number",
        < 0 => "must not be negative",
        > MaxValue => $"must not exceed {MaxValue:G}",
        > 100 when metric == SlaMetric.Availability => "is an availability percentage and must not exceed 100",
        _ => null,
    };

    private static void ThrowIfInvalid(double number, string parameterName)
    {
        if (!double.IsFinite(number) || number < 0 || number > MaxValue)
        {
            throw new ArgumentOutOfRangeException(parameterName, number, $"Must be a finite number between 0 and {MaxValue:G}.");
        }
    }
}
