using Microsoft.AspNetCore.Components;
using MudBlazor;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Slas;

/// <summary>The measurement grid page: pick a supplier and a month, type the actuals, save them as one batch.</summary>
public partial class RecordMeasurements
{
    private IReadOnlyList<SupplierChoice> _suppliers = [];
    private IReadOnlyList<DateOnly> _months = [];
    private List<MeasurementEntryRow>? _rows;
    private int? _supplierId;
    private DateOnly _month;
    private string? _message;
    private bool _saved;
    private bool _canEdit;

    [Inject]
    private SupplierSlaQueries Queries { get; set; } = default!;

    [Inject]
    private MeasurementRecorder Recorder { get; set; } = default!;

    [Inject]
    private SlaResultsService Results { get; set; } = default!;

    [Inject]
    private PortalAuthorization Authorization { get; set; } = default!;

    [Inject]
    private PortalAction Action { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "supplier")]
    public string? SupplierKey { get; set; }

    /// <summary>yyyy-MM; defaults to the previous month (the usual one to report).</summary>
    [SupplyParameterFromQuery(Name = "period")]
    public string? Period { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var today = Results.Today;
        var current = SlaPeriods.StartOf(today, MeasurementPeriod.Monthly);
        _months = Enumerable.Range(0, 24).Select(i => current.AddMonths(-i)).ToList();
        _month = SlaPeriods.TryParseMonth(Period, out var month) && month <= current ? month : current.AddMonths(-1);
        _suppliers = await Queries.SuppliersAsync();
        _supplierId = _suppliers.FirstOrDefault(s => s.Key == SupplierKey)?.Id ?? _supplierId;
        _canEdit = await Authorization.CanAsync(PortalPolicies.EditSuppliersAndSlas);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _message = null;
        if (_supplierId is not { } supplierId)
        {
            _rows = null;
            return;
        }

        var rows = await Queries.MeasurementGridAsync(supplierId, _month);
        _rows = rows.Select(r => new MeasurementEntryRow(r)).ToList();
    }

    private async Task SupplierChangedAsync(int? supplierId)
    {
        _supplierId = supplierId;
        _rows = null;
        await LoadAsync();
    }

    private async Task MonthChangedAsync(DateOnly month)
    {
        _month = month;
        await LoadAsync();
    }

    private async Task SaveAsync()
    {
        var changed = _rows!.Where(r => r.IsChanged).ToList();
        if (changed.Any(r => r.Error is not null))
        {
            _saved = false;
            _message = "Fix the values marked in red first; nothing was saved.";
            return;
        }

        MeasurementBatchResult? result = null;
        var entries = changed.Select(r => new MeasurementEntry(r.Source.Target.Id, r.Source.PeriodStart, r.EffectiveValue!.Value, r.Note)).ToList();
        var outcome = await Action.SaveAsync(PortalPolicies.EditSuppliersAndSlas, async () =>
        {
            result = await Recorder.RecordMeasurementsAsync(entries);
            return result.Saved
                ? SaveResult<MeasurementBatchResult>.Ok(result)
                : SaveResult<MeasurementBatchResult>.Invalid("", result.Message);
        }, "Measurements saved");
        if (outcome.Status == ActionStatus.Refused || result is null)
        {
            _saved = false;
            _message = outcome.Message ?? "Not saved.";
            return;
        }

        _saved = result.Saved;
        _message = result.Message;
        if (result.Saved)
        {
            await LoadAsync();
            _saved = true;
            _message = result.Message;
            return;
        }

        for (var i = 0; i < result.Items.Count && i < changed.Count; i++)
        {
            changed[i].Error = result.Items[i].Issues.Count == 0 ? null : string.Join("; ", result.Items[i].Issues.Select(x => $"{x.Field}: {x.Reason}"));
        }
    }

    private Task ShowHistoryAsync(MeasurementEntryRow row) =>
        MeasurementHistoryDialog.ShowAsync(Dialogs,
            $"History of {row.Source.Target.Key} for {SlaPeriods.Format(row.Source.PeriodStart, row.Source.Target.Period)}",
            row.Source.MeasurementId);
}

/// <summary>One editable row of the grid: the stored state and what the user typed.</summary>
public sealed class MeasurementEntryRow(MeasurementGridRow source)
{
    private double? _newValue;

    public MeasurementGridRow Source { get; } = source;

    public double? NewValue
    {
        get => _newValue;
        set
        {
            _newValue = value;
            Error = value is { } v ? SlaEvaluator.ValidateValue(Source.Target.Metric, v) is { } reason ? $"Value {reason}." : null : null;
        }
    }

    public string? Note { get; set; } = source.Note;

    /// <summary>The inline message of this row, from typing or from the server.</summary>
    public string? Error { get; set; }

    /// <summary>The value to save: the one typed, or the stored one when only the note changes.</summary>
    public double? EffectiveValue => NewValue ?? Source.CurrentValue;

    public bool IsChanged => EffectiveValue is { } v && (v != Source.CurrentValue || (Note ?? "") != (Source.Note ?? ""));

    /// <summary>The result of the value typed (or, when nothing is typed, of the stored value).</summary>
    public SlaResult LiveResult => NewValue is { } v && Error is null
        ? SlaEvaluator.Evaluate(Source.Target.Direction, Source.Target.Target, Source.Target.WarningBand, v)
        : Source.CurrentResult;
}
