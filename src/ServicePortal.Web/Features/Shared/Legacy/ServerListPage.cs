using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Web.Features.Shared.Legacy;

/// <summary>
/// A page around one server-loaded Radzen grid: the grid asks for each page (filters, sort and the page's search
/// text go to the database through <see cref="FetchAsync"/>), and a new search starts again at the first page.
/// </summary>
public abstract class ServerListPage<TRow> : ComponentBase
    where TRow : notnull
{
    protected RadzenDataGrid<TRow>? Grid { get; set; }

    /// <summary>Null until the grid's first request: given an empty list instead, the grid would never ask.</summary>
    protected Page<TRow>? CurrentPage { get; private set; }

    protected string? Search { get; private set; }

    protected bool Loading { get; private set; }

    protected abstract Task<Page<TRow>> FetchAsync(ListRequest<TRow> request);

    protected async Task LoadAsync(LoadDataArgs args)
    {
        Loading = true;
        CurrentPage = await FetchAsync(args.ToListRequest<TRow>(Search));
        Loading = false;
    }

    protected async Task SearchAsync(string? text)
    {
        Search = text;
        await ReloadAsync();
    }

    protected Task ReloadAsync() => Grid!.FirstPage(true);
}
