using Microsoft.AspNetCore.Components;
using Radzen;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.OperatingModel;

public partial class ScoreBoardPage
{
    private IReadOnlyList<ScoreVersionRow> _versions = [];
    private ScoreBoard? _board;
    private string? _error;
    private bool _loading = true;
    private bool _busy;

    [Inject]
    private ScoreQueries Queries { get; set; } = default!;

    [Inject]
    private ScoreEditor Editor { get; set; } = default!;

    [Inject]
    private DialogService Dialogs { get; set; } = default!;

    [Inject]
    private NotificationService Notifications { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PortalAuthorization Authorization { get; set; } = default!;

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
                ? $"score/history?from={published.Number}&to={current.Number}"
                : "score/history";
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = _board is null;
        _versions = await Queries.VersionsAsync();
        var selected = Number is { } number ? _versions.FirstOrDefault(v => v.Number == number) : ScoreQueries.DefaultVersion(_versions);
        _board = selected is null ? null : await Queries.BoardAsync(selected.Id);
        _loading = false;
    }

    private async Task NewDraftAsync()
    {
        _busy = true;
        try
        {
            await Authorization.RequireAsync(PortalPolicies.EditScore);
            var result = await Editor.NewDraftAsync();
            if (!result.Succeeded)
            {
                _error = result.Summary;
                return;
            }

            Notifications.Notify(NotificationSeverity.Success, $"Draft v{result.Value!.Number} started", "It copies the published practices, KPIs and owners.");
            Navigation.NavigateTo($"score/versions/{result.Value.Number}");
        }
        catch (NotAllowedException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
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
        var saved = await Dialogs.OpenAsync<PracticeDialog>(title, new() { ["Form"] = form, ["Stages"] = stages }, new DialogOptions { Width = "760px" });
        if (saved is PracticeForm)
        {
            Notifications.Notify(NotificationSeverity.Success, "Saved");
            await LoadAsync();
        }
    }

    private async Task MoveAsync((PracticeCard Card, MoveDirection Direction) move)
    {
        try
        {
            await Authorization.RequireAsync(PortalPolicies.EditScore);
            var result = await Editor.MoveAsync(move.Card.Id, move.Direction);
            _error = result.Succeeded ? null : result.Summary;
            await LoadAsync();
        }
        catch (NotAllowedException e)
        {
            _error = e.Message;
        }
    }

    private async Task DeletePracticeAsync(PracticeCard card)
    {
        if (await Dialogs.Confirm($"Remove {card.Name} from the draft, with its role assignments? Published versions keep it.", "Remove practice",
                new ConfirmOptions { OkButtonText = "Remove", CancelButtonText = "Cancel" }) != true)
        {
            return;
        }

        try
        {
            await Authorization.RequireAsync(PortalPolicies.EditScore);
            var result = await Editor.DeletePracticeAsync(card.Id);
            _error = result.Deleted ? null : result.Message;
            await LoadAsync();
        }
        catch (NotAllowedException e)
        {
            _error = e.Message;
        }
    }

    private async Task DiscardAsync()
    {
        var draft = _board!.Version;
        if (await Dialogs.Confirm($"Discard draft v{draft.Number} with every change made in it? This cannot be undone.", "Discard draft",
                new ConfirmOptions { OkButtonText = "Discard", CancelButtonText = "Keep it" }) != true)
        {
            return;
        }

        try
        {
            await Authorization.RequireAsync(PortalPolicies.EditScore);
            var result = await Editor.DiscardDraftAsync(draft.Id);
            if (!result.Deleted)
            {
                _error = result.Message;
                return;
            }

            Notifications.Notify(NotificationSeverity.Info, $"Draft v{draft.Number} discarded");
            Navigation.NavigateTo("score");
        }
        catch (NotAllowedException e)
        {
            _error = e.Message;
        }
    }

    private async Task PublishAsync()
    {
        var draft = _board!.Version;
        var published = await Dialogs.OpenAsync<PublishDialog>($"Publish v{draft.Number}",
            new() { ["Form"] = new PublishForm { VersionId = draft.Id, Version = draft.Version } }, new DialogOptions { Width = "600px" });
        if (published is ScoreVersionRow row)
        {
            Notifications.Notify(NotificationSeverity.Success, $"Version {row.Number} published", "The previous version is now superseded.");
            await LoadAsync();
        }
    }
}

/// <summary>A stage as the practice dialog's picker shows it.</summary>
public sealed record StageOption(int Id, string Name);
