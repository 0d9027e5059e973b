using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ServicePortal.Core;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>One KPI's line of the recording grid: the value as typed (blank: not recorded this time), a note, and what was refused.</summary>
public sealed class KpiValueRow(KpiLine kpi, IReadOnlyList<KpiPeriodResult>? recent = null)
{
    public KpiLine Kpi { get; } = kpi;

    /// <summary>The KPI's recent periods as the page showed them, so the grid can say a period already holds a value.</summary>
    public IReadOnlyList<KpiPeriodResult> Recent { get; } = recent ?? [];

    /// <summary>The value stored for the period written as yyyy-MM, when the page knows one (saving then corrects it).</summary>
    public double? StoredFor(string? period) =>
        SlaPeriods.TryParseMonth(period, out var month) ? Recent.FirstOrDefault(r => r.PeriodStart == month)?.Value : null;

    public string? Value { get; set; }

    public string? Note { get; set; }

    /// <summary>Why this line was refused, each message naming its field ("Value: must not be negative.").</summary>
    public List<string> Errors { get; } = [];

    public bool IsFilled => !string.IsNullOrWhiteSpace(Value) || !string.IsNullOrWhiteSpace(Note);
}

/// <summary>
/// KPI values for one period as the practice page's grid takes them: the period as yyyy-MM (a quarter's first month
/// for a quarterly KPI) and a value per KPI. Lines left blank are not recorded; the filled ones are recorded together
/// through the Core recorder, all or nothing.
/// </summary>
public sealed class KpiMeasurementForm
{
    [Required(ErrorMessage = "Period is required.")]
    [RegularExpression(@"^\s*\d{4}-\d{2}\s*$", ErrorMessage = "Period must be a month written yyyy-MM.")]
    public string? Period { get; set; }

    public List<KpiValueRow> Rows { get; set; } = [];

    /// <summary>
    /// Records the filled lines. A refusal comes back per line (<see cref="KpiValueRow.Errors"/>) and, for the
    /// period or the whole batch, in the result's errors under <c>Period</c> or the empty key.
    /// </summary>
    public async Task<SaveResult<KpiMeasurementBatchResult>> RecordAsync(KpiMeasurementRecorder recorder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        foreach (var row in Rows)
        {
            row.Errors.Clear();
        }

        var errors = new ValidationErrors();
        if (!SlaPeriods.TryParseMonth(Period, out var period))
        {
            errors.Add(nameof(Period), "Period must be a month written yyyy-MM.");
        }

        var filled = Rows.Where(r => r.IsFilled).ToList();
        if (filled.Count == 0)
        {
            errors.Add("", "Type a value for at least one KPI.");
        }

        var entries = new List<KpiMeasurementEntry>();
        foreach (var row in filled)
        {
            if (string.IsNullOrWhiteSpace(row.Value))
            {
                row.Errors.Add("Value is required when a note is given.");
            }
            else if (!double.TryParse(row.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                row.Errors.Add($"Value '{row.Value.Trim()}' is not a number (write 97.5 or 12; the unit is the KPI's).");
            }
            else
            {
                entries.Add(new KpiMeasurementEntry(row.Kpi.Key, period, value, row.Note));
            }
        }

        if (errors.Any || filled.Any(r => r.Errors.Count > 0))
        {
            return Refused(errors);
        }

        var result = await recorder.RecordAsync(entries, cancellationToken);
        if (result.Saved)
        {
            return SaveResult<KpiMeasurementBatchResult>.Ok(result);
        }

        foreach (var item in result.Items)
        {
            var row = filled[item.Row - 1];
            foreach (var issue in item.Issues)
            {
                switch (issue.Field)
                {
                    case MeasurementField.Period:
                        var reason = $"Period: {issue.Reason}.";
                        if (!errors.ToDictionary().TryGetValue(nameof(Period), out var known) || !known.Contains(reason))
                        {
                            errors.Add(nameof(Period), reason);
                        }

                        break;
                    case MeasurementField.Target:
                        row.Errors.Add($"KPI: {issue.Reason}.");
                        break;
                    default:
                        row.Errors.Add($"{issue.Field}: {issue.Reason}.");
                        break;
                }
            }
        }

        if (!errors.Any && Rows.All(r => r.Errors.Count == 0))
        {
            errors.Add("", result.Message);
        }

        return Refused(errors);
    }

    /// <summary>The period the grid proposes: the last one of the KPI's kind that has ended, as yyyy-MM.</summary>
    public static string DefaultPeriod(KpiLine kpi, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var current = SlaPeriods.StartOf(today, kpi.Period);
        return current.AddMonths(-SlaPeriods.MonthsIn(kpi.Period)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private SaveResult<KpiMeasurementBatchResult> Refused(ValidationErrors errors)
    {
        if (!errors.Any)
        {
            errors.Add("", $"Not saved: {Rows.Count(r => r.Errors.Count > 0)} KPI line(s) need a correction.");
        }

        return SaveResult<KpiMeasurementBatchResult>.Invalid(errors);
    }
}
