using Microsoft.AspNetCore.Components;
using MudBlazor;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.OperatingModel;

public partial class ScoreBoardPage
{
    private IReadOnlyList<ScoreVersionRow> _versions = [];
    private ScoreBoard? _board;
    private ValueStreamHealth? _health;
    private string? _error;
    private bool _loading = true;

    [Inject]
    private ScoreQueries Queries { get; set; } = default!;

    [Inject]
    private ValueStreamHealthService HealthService { get; set; } = default!;

    [Inject]
    private ScoreEditor Editor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private PortalAction Action { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The version number in the address; the draft (else the latest published) when absent.</summary>
    [Parameter]
    public int? Number { get; set; }

    private ScoreVersionRow? Draft => _versions.FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft);

    private string CompareLink
    {
        get
        {
            var published = _versions.Where(v => v.Status == ScoreVersionStatus.Published).MaxBy(v => v.Number);
            var current = _board?.Version;
            return current is not null && published is not null && current.Number != published.Number
                ? ScoreRoutes.History(published.Number, current.Number)
                : ScoreRoutes.History();
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = _board is null;
        _versions = await Queries.VersionsAsync();
        var selected = Number is { } number ? _versions.FirstOrDefault(v => v.Number == number) : ScoreQueries.DefaultVersion(_versions);
        _board = selected is null ? null : await Queries.BoardAsync(selected.Id);
        // The version's own KPI targets judge the recorded measurements (a draft shows how its new targets would judge them).
        _health = _board is null ? null : await HealthService.GetAsync(versionId: _board.Version.Id);
        _loading = false;
    }

    private async Task NewDraftAsync()
    {
        var outcome = await Action.SaveAsync(PortalPolicies.EditScore, () => Editor.NewDraftAsync(), "Draft started: it copies the published practices, KPIs and owners.");
        _error = outcome.Succeeded ? null : outcome.Message ?? string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
        if (outcome.Value is { } draft)
        {
            Navigation.NavigateTo(ScoreRoutes.Version(draft.Number));
        }
    }

    private async Task AddPracticeAsync()
    {
        var form = new PracticeForm { ScoreVersionId = _board!.Version.Id, StageId = _board.Stages[0].Id };
        await OpenPracticeDialogAsync(form, "Add practice");
    }

    private async Task EditPracticeAsync(PracticeCard card)
    {
        if (await Queries.PracticeAsync(card.Id) is not { } form)
        {
            _error = $"{card.Name} no longer exists; it may have been removed.";
            await LoadAsync();
            return;
        }

        await OpenPracticeDialogAsync(form, $"Edit {card.Name}");
    }

    private async Task OpenPracticeDialogAsync(PracticeForm form, string title)
    {
        var stages = _board!.Stages.Select(s => new StageOption(s.Id, s.Name)).ToList();
        var dialog = await Dialogs.ShowAsync<PracticeDialog>(title,
            new DialogParameters<PracticeDialog> { { d => d.Form, form }, { d => d.Stages, stages } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task MoveAsync((PracticeCard Card, MoveDirection Direction) move)
    {
        var outcome = await Action.SaveAsync(PortalPolicies.EditScore, () => Editor.MoveAsync(move.Card.Id, move.Direction), "Moved");
        _error = outcome.Succeeded ? null : outcome.Message ?? string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
        await LoadAsync();
    }

    private async Task DeletePracticeAsync(PracticeCard card)
    {
        if (!await Dialogs.ConfirmAsync("Remove practice", $"Remove {card.Name} from the draft, with its role assignments? Published versions keep it.", "Remove"))
        {
            return;
        }

        var result = await Action.DeleteAsync(PortalPolicies.EditScore, () => Editor.DeletePracticeAsync(card.Id, card.Version), card.Name);
        _error = result is { Deleted: false } ? result.Message : null;
        await LoadAsync();
    }

    private async Task DiscardAsync()
    {
        var draft = _board!.Version;
        if (!await Dialogs.ConfirmAsync("Discard draft", $"Discard draft v{draft.Number} with every change made in it? This cannot be undone.", "Discard"))
        {
            return;
        }

        var result = await Action.DeleteAsync(PortalPolicies.EditScore, () => Editor.DiscardDraftAsync(draft.Id, draft.Version), $"draft v{draft.Number}");
        if (result is { Deleted: true })
        {
            _error = null;
            Navigation.NavigateTo(ScoreRoutes.Board);
        }
        else
        {
            _error = result.Message;
        }
    }

    private async Task PublishAsync()
    {
        var draft = _board!.Version;
        var dialog = await Dialogs.ShowAsync<PublishDialog>($"Publish v{draft.Number}",
            new DialogParameters<PublishDialog> { { d => d.Form, new PublishForm { VersionId = draft.Id, Version = draft.Version } } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
        }
    }
}

/// <summary>A stage as the practice dialog's picker shows it.</summary>
public sealed record StageOption(int Id, string Name);
