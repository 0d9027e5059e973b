using ServicePortal.Core.Catalog;
using ServicePortal.Core.Health;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Web.Features.Health;

public partial class Home
{
    private Core.Health.Dashboard? _board;
    private DashboardPreview? _preview;
    private ValueStreamHealth? _stream;
    private DateOnly? _asOf;
    private int? _failedId;
    private bool _loading;
    private int _loads;

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task AsOfAsync(DateOnly month)
    {
        _asOf = month;
        return ReloadAsync();
    }

    private Task WhatIfAsync(NodeLink? node)
    {
        _failedId = node?.Id;
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _loading = true;
        try
        {
            await LoadAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>
    /// The dashboard of the month chosen, in up to three steps while that month is first built (right after a start, or
    /// a month the background warm-up has not reached): the SLA results (one query), then health, root causes and risks,
    /// then governance gaps, coverage, the supplier ranking and the 12-month trends. The prerendered page streams each step.
    /// </summary>
    private async Task LoadAsync()
    {
        // A later choice (another month, a what-if) may start while this load still waits: only the latest one shows.
        var load = ++_loads;
        var building = Dashboards.GetAsync(_asOf, _failedId, healthFirst: true);
        if (!building.IsCompleted && await Dashboards.PreviewAsync(_asOf) is { } preview && !building.IsCompleted && load == _loads)
        {
            _preview = preview;
            StateHasChanged();
        }

        Core.Health.Dashboard board;
        try
        {
            board = await building;
        }
        catch when (load == _loads)
        {
            _preview = null;
            throw;
        }

        if (load != _loads)
        {
            return;
        }

        _preview = null;
        _board = board;
        var stream = await ValueStream.GetAsync(board.Period);
        if (load != _loads)
        {
            return;
        }

        _stream = stream;
        if (board.Pending)
        {
            StateHasChanged();
            board = await Dashboards.GetAsync(_asOf, _failedId);
            if (load == _loads)
            {
                _board = board;
            }
        }
    }
}
