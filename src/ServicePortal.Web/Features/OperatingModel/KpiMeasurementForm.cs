using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ServicePortal.Core;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>One KPI value as the practice page's dialog takes it: the KPI, its period as yyyy-MM (the period's first month), the value as typed, a note.</summary>
public sealed class KpiMeasurementForm
{
    [Required(ErrorMessage = "KPI is required.")]
    public string? KpiKey { get; set; }

    [Required(ErrorMessage = "Period is required.")]
    [RegularExpression(@"^\s*\d{4}-\d{2}\s*$", ErrorMessage = "Period must be a month written yyyy-MM.")]
    public string? Period { get; set; }

    [Required(ErrorMessage = "Value is required.")]
    public string? Value { get; set; }

    [StringLength(FieldLengths.Description, ErrorMessage = "Note is at most {1} characters.")]
    [PlainText(allowLineBreaks: true, ErrorMessage = "Note must not contain control characters.")]
    public string? Note { get; set; }

    /// <summary>Records the value through the Core recorder (its rules, all or nothing); every refusal comes back beside the field it names.</summary>
    public async Task<SaveResult<KpiMeasurementBatchResult>> RecordAsync(KpiMeasurementRecorder recorder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var errors = new ValidationErrors();
        if (!SlaPeriods.TryParseMonth(Period, out var period))
        {
            errors.Add(nameof(Period), "Period must be a month written yyyy-MM.");
        }

        if (!double.TryParse(Value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(nameof(Value), $"Value '{Value?.Trim()}' is not a number (write 97.5 or 12; the unit is the KPI's).");
        }

        if (string.IsNullOrWhiteSpace(KpiKey))
        {
            errors.Add(nameof(KpiKey), "KPI is required.");
        }

        if (errors.Any)
        {
            return SaveResult<KpiMeasurementBatchResult>.Invalid(errors);
        }

        var result = await recorder.RecordAsync([new KpiMeasurementEntry(KpiKey!.Trim(), period, value, Note)], cancellationToken);
        if (result.Saved)
        {
            return SaveResult<KpiMeasurementBatchResult>.Ok(result);
        }

        foreach (var issue in result.Items.SelectMany(i => i.Issues))
        {
            var (field, label) = issue.Field switch
            {
                MeasurementField.Target => (nameof(KpiKey), "KPI"),
                MeasurementField.Period => (nameof(Period), "Period"),
                MeasurementField.Value => (nameof(Value), "Value"),
                _ => (nameof(Note), "Note"),
            };
            errors.Add(field, $"{label}: {issue.Reason}.");
        }

        return errors.Any ? SaveResult<KpiMeasurementBatchResult>.Invalid(errors) : SaveResult<KpiMeasurementBatchResult>.Invalid("", result.Message);
    }

    /// <summary>The period the dialog proposes: the last one of the KPI's kind that has ended, as yyyy-MM.</summary>
    public static string DefaultPeriod(KpiLine kpi, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var current = SlaPeriods.StartOf(today, kpi.Period);
        return current.AddMonths(-SlaPeriods.MonthsIn(kpi.Period)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
