using MudBlazor;

namespace ServicePortal.Web.Features.Shared;

/// <summary>The confirm-before-acting dialog: one question, a verb on the button, Cancel.</summary>
public static class Confirm
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string question, string verb) =>
        await dialogs.ShowMessageBoxAsync(new MessageBoxOptions { Title = title, Message = question, YesText = verb, CancelText = "Cancel" }) == true;
}
