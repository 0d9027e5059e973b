using MudBlazor;
using ServicePortal.Core;
using ServicePortal.Core.Catalog;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Shared;

/// <summary>How an action ended: done, refused (role), invalid (messages per field) or a concurrent edit (their values).</summary>
public enum ActionStatus
{
    Succeeded,
    Refused,
    Invalid,
    Conflict,
}

/// <summary>The outcome of <see cref="PortalAction.SaveAsync{T}"/>: for a form to show field messages or the conflict panel.</summary>
public sealed record ActionOutcome<T>(ActionStatus Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, string? Message = null)
{
    public bool Succeeded => Status == ActionStatus.Succeeded;

    /// <summary>Their saved values, when <see cref="Status"/> is <see cref="ActionStatus.Conflict"/>.</summary>
    public T? Theirs => Status == ActionStatus.Conflict ? Value : default;
}

/// <summary>
/// The one way a dialog or button acts: checks the named policy on the server, keeps <see cref="Busy"/> while it
/// runs, turns a refusal (<see cref="NotAllowedException"/>) into a message instead of the error boundary, passes
/// validation and conflict results back to the form, and says "Saved" (or why not) in a snackbar; a save or delete refused
/// for the user's role, and a refused delete (stale, blocked), is left to the page's own alert, so it is said once.
/// Inject it per component (it is transient, so <see cref="Busy"/> belongs to the component that injected it).
/// </summary>
public sealed class PortalAction(PortalAuthorization authorization, ISnackbar snackbar)
{
    public bool Busy { get; private set; }

    /// <summary>
    /// Saves through a Core editor; a success says <paramref name="success"/>, invalid fields or a conflict say so in a
    /// snackbar. A save refused for the user's role comes back as <see cref="ActionStatus.Refused"/> with its message, for
    /// the page or dialog to show in its own alert, so it pops no snackbar repeating it; a caller without such an alert
    /// passes <paramref name="refusalInSnackbar"/> to have it said there instead.
    /// </summary>
    public async Task<ActionOutcome<T>> SaveAsync<T>(string policy, Func<Task<SaveResult<T>>> save, string success = "Saved", bool refusalInSnackbar = false)
    {
        if (Busy)
        {
            return new(ActionStatus.Refused, default, NoErrors, "Still saving");
        }

        Busy = true;
        try
        {
            await authorization.RequireAsync(policy);
            var result = await save();
            if (result.Succeeded)
            {
                snackbar.Add(success, Severity.Success);
                return new(ActionStatus.Succeeded, result.Value, NoErrors);
            }

            if (result.Conflict)
            {
                snackbar.Add("Not saved: someone else changed this meanwhile.", Severity.Warning);
                return new(ActionStatus.Conflict, result.Value, result.Errors, result.Summary);
            }

            snackbar.Add("Not saved: check the fields marked.", Severity.Error);
            return new(ActionStatus.Invalid, default, result.Errors, result.Summary);
        }
        catch (NotAllowedException e)
        {
            if (refusalInSnackbar)
            {
                snackbar.Add(e.Message, Severity.Error);
            }

            return new(ActionStatus.Refused, default, NoErrors, e.Message);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Deletes through a Core editor; a success says "Deleted …". A refusal, by the rules (stale version, blockers) or by
    /// the user's role (<see cref="SaveKind.NotAllowed"/>), is returned for the page to show in its own alert, so it pops
    /// no snackbar repeating it; a caller without such an alert passes <paramref name="refusalInSnackbar"/> to have it
    /// said there instead.
    /// </summary>
    public async Task<DeleteResult> DeleteAsync(string policy, Func<Task<DeleteResult>> delete, string what, bool refusalInSnackbar = false)
    {
        Busy = true;
        try
        {
            var result = await authorization.CanAsync(policy)
                ? await delete()
                : DeleteResult.NotAllowed($"Your sign-in role does not allow deleting {what}.");

            if (result.Deleted)
            {
                snackbar.Add($"Deleted {what}", Severity.Success);
            }
            else if (refusalInSnackbar)
            {
                snackbar.Add(result.Message ?? $"{what} was not deleted", result.Kind == SaveKind.NotAllowed ? Severity.Error : Severity.Warning);
            }

            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Any other action (publish, import, …): true when it ran.</summary>
    public async Task<bool> RunAsync(string policy, Func<Task> action, string success)
    {
        Busy = true;
        try
        {
            await authorization.RequireAsync(policy);
            await action();
            snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (NotAllowedException e)
        {
            snackbar.Add(e.Message, Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
}
