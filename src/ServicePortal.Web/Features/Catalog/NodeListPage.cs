using Microsoft.AspNetCore.Components;
using Radzen;
using ServicePortal.Core.Catalog;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Features.Shared.Legacy;

namespace ServicePortal.Web.Features.Catalog;

/// <summary>
/// The list of one kind of node (services, configuration items, suppliers): the grid of <see cref="ServerListPage{TRow}"/>
/// and "New …", which opens the node dialog and then the new node's page.
/// </summary>
public abstract class NodeListPage<TRow> : ServerListPage<TRow>
    where TRow : notnull
{
    [Inject]
    protected CatalogQueries Queries { get; set; } = null!;

    [Inject]
    protected DialogService Dialogs { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    protected abstract NodeType Type { get; }

    protected async Task NewAsync()
    {
        var saved = await Dialogs.OpenAsync<NodeDialog>($"New {Type.Describe()}", new() { ["Form"] = NodeForm.Blank(Type) }, new DialogOptions { Width = "760px" });
        if (saved is NodeForm form)
        {
            Navigation.NavigateTo(CatalogRoutes.Node(Type, form.Key));
        }
    }
}
