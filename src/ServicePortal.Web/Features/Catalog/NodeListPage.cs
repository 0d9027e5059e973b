using Microsoft.AspNetCore.Components;
using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Web.Features.Shared.Legacy;

namespace ServicePortal.Web.Features.Catalog;

/// <summary>
/// The Radzen list of one kind of node (still used by Cmdb's ConfigurationItems until it is ported): the grid of
/// <see cref="ServerListPage{TRow}"/> and "New …", which opens the (MudBlazor) node dialog and then the new node's page.
/// The ported lists (Services, Suppliers) call <see cref="NodeDialog.OpenAsync"/> themselves.
/// </summary>
public abstract class NodeListPage<TRow> : ServerListPage<TRow>
    where TRow : notnull
{
    [Inject]
    protected CatalogQueries Queries { get; set; } = null!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    protected abstract NodeType Type { get; }

    protected async Task NewAsync()
    {
        if (await NodeDialog.OpenAsync(Dialogs, $"New {Type.Describe()}", NodeForm.Blank(Type)) is { } form)
        {
            Navigation.NavigateTo(CatalogRoutes.Node(Type, form.Key));
        }
    }
}
