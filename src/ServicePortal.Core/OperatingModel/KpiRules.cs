using System.Globalization;
using System.Text;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>
/// The rules of a practice KPI that every entry point (practice editor, API, seed, import) calls: what a definition
/// needs, which values a metric accepts, and how a KPI is evaluated (through the shared <see cref="TargetRule"/>).
/// </summary>
public static class KpiRules
{
    /// <summary>The outcome of one value against the KPI's terms: the shared rule, never a copy of it.</summary>
    public static TargetOutcome Evaluate(KpiLine kpi, double? value)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return TargetRule.Evaluate(kpi.Direction, kpi.TargetValue, kpi.WarningBand, value);
    }

    /// <summary>How a KPI's outcome reads on every screen: "Met", "At risk", "Missed", "No data".</summary>
    public static string OutcomeText(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Met => "Met",
        TargetOutcome.AtRisk => "At risk",
        TargetOutcome.Missed => "Missed",
        _ => "No data",
    };

    /// <summary>A measured value as people read it, in the KPI's unit and the target's style (<see cref="TargetRule.Describe"/>): "4.2 days", "12.5%".</summary>
    public static string FormatValue(KpiLine kpi, double value)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var number = value.ToString("0.###", CultureInfo.InvariantCulture);
        return kpi.Unit is "%" ? number + "%" : string.IsNullOrWhiteSpace(kpi.Unit) ? number : number + " " + kpi.Unit;
    }

    /// <summary>Metrics measured as a share of something: their values and targets lie between 0 and 100 %.</summary>
    public static bool IsPercentage(KpiMetric metric) => metric is KpiMetric.ErrorRate or KpiMetric.Utilisation or KpiMetric.Compliance;

    /// <summary>
    /// Why <paramref name="value"/> cannot be a value (or target) of a KPI measuring <paramref name="metric"/>, or null
    /// when it can: a finite number within the shared rule's limits, not negative except for a return on investment
    /// or a custom metric, and at most 100 for a percentage metric.
    /// </summary>
    public static string? ValidateValue(KpiMetric metric, double value) => value switch
    {
        double.NaN => "is not a number",
        _ when double.IsInfinity(value) => "is not a finite number",
        _ when Math.Abs(value) > TargetRule.MaxMagnitude => $"must lie between -{TargetRule.MaxMagnitude:G} and {TargetRule.MaxMagnitude:G}",
        < 0 when metric is not (KpiMetric.ReturnOnInvestment or KpiMetric.Custom) => "must not be negative",
        > 100 when IsPercentage(metric) => $"is a percentage ({metric}) and must not exceed 100",
        _ => null,
    };

    /// <summary>
    /// Checks one KPI row of a form and returns its parsed target, adding messages to <paramref name="errors"/> under
    /// <paramref name="field"/> prefixed "KPI n". Key uniqueness is checked by the caller, which sees the whole version.
    /// </summary>
    public static double? Validate(KpiForm kpi, int position, ValidationErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(errors);
        var label = $"KPI {position}";
        void Add(string message) => errors.Add(field, $"{label}: {message}");

        if (string.IsNullOrWhiteSpace(kpi.Name))
        {
            Add("the name is required.");
        }
        else if (kpi.Name.Trim().Length > FieldLengths.Name)
        {
            Add($"the name is at most {FieldLengths.Name} characters.");
        }

        if (!string.IsNullOrWhiteSpace(kpi.Key) && (!TextRules.IsKey(kpi.Key.Trim()) || kpi.Key.Trim().Length > FieldLengths.Key))
        {
            Add($"the key is not valid. {TextRules.KeyMessage}");
        }

        if ((kpi.Unit?.Trim().Length ?? 0) > FieldLengths.Short)
        {
            Add($"the unit is at most {FieldLengths.Short} characters.");
        }

        // The one text rule (control characters, bidi overrides, invisible-only names) that every name and field follows.
        if ((TextRules.Problem(kpi.Name, isName: true) ?? TextRules.Problem(kpi.Unit) ?? TextRules.Problem(kpi.Key)) is { } problem)
        {
            Add(problem);
        }

        if (!Enum.IsDefined(kpi.Metric) || !Enum.IsDefined(kpi.Direction) || !Enum.IsDefined(kpi.Period))
        {
            Add("metric, direction or period is not one of the allowed values.");
        }

        double? target = null;
        if (string.IsNullOrWhiteSpace(kpi.Target))
        {
            Add("the target is required (a number; direction and unit are separate fields).");
        }
        else if (!double.TryParse(kpi.Target.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            Add($"the target '{kpi.Target.Trim()}' is not a number (write 95 or 2.5; direction and unit are separate fields).");
        }
        else if (ValidateValue(kpi.Metric, parsed) is { } reason)
        {
            Add($"the target {reason}.");
        }
        else
        {
            target = parsed;
        }

        if (!double.IsFinite(kpi.WarningBand) || kpi.WarningBand < 0 || kpi.WarningBand > TargetRule.MaxMagnitude)
        {
            Add("the warning band must be a number of 0 or more.");
        }

        return target;
    }

    /// <summary>A key for a new KPI: "KPI-" + the practice key without its "PRC-" prefix + the initials of the name ("KPI-CHANGE-SC").</summary>
    public static string NewKey(string practiceKey, string name, IReadOnlySet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var practice = practiceKey.StartsWith("PRC-", StringComparison.OrdinalIgnoreCase) ? practiceKey[4..] : practiceKey;
        var initials = new StringBuilder();
        foreach (var word in name.Split([' ', '-', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsAsciiLetterOrDigit(word[0]))
            {
                initials.Append(char.ToUpperInvariant(word[0]));
            }
        }

        var stem = $"KPI-{practice.ToUpperInvariant()}-{(initials.Length == 0 ? "X" : initials.ToString())}";
        stem = stem.Length > FieldLengths.Key - 4 ? stem[..(FieldLengths.Key - 4)] : stem;
        var key = stem;
        for (var n = 2; taken.Contains(key); n++)
        {
            key = $"{stem}-{n}";
        }

        return key;
    }
}
