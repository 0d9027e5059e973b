using Microsoft.AspNetCore.Components;
using MudBlazor;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Slas;

public partial class SlaTargets
{
    private IReadOnlyList<SupplierChoice> _suppliers = [];
    private IReadOnlyList<SlaTargetRow>? _targets;
    private Dictionary<int, SlaTrend> _trends = [];
    private ContractChoice? _contract;
    private Core.Catalog.DeleteResult? _blocked;
    private int? _supplierId;

    [SupplyParameterFromQuery(Name = "supplier")]
    public string? SupplierKey { get; set; }

    [SupplyParameterFromQuery(Name = "contract")]
    public string? ContractReference { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _suppliers = await Queries.SuppliersAsync();
        _supplierId = _suppliers.FirstOrDefault(s => s.Key == SupplierKey)?.Id;
        _contract = ContractReference is null ? null : (await Queries.ContractChoicesAsync()).FirstOrDefault(c => c.Reference == ContractReference);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _targets = await Queries.TargetsAsync(_supplierId, _contract?.Id);
        _trends = (await Results.GetTrendsAsync(new SlaTrendFilter(_supplierId, _contract?.Id))).ToDictionary(t => t.Target.Id);
    }

    private async Task SupplierChangedAsync(int? supplierId)
    {
        _supplierId = supplierId;
        await LoadAsync();
    }

    private async Task NewAsync()
    {
        var form = new SlaTargetForm { ContractId = _contract?.Id };
        await OpenAsync("New SLA target", form, "created");
    }

    private async Task EditAsync(SlaTargetRow row)
    {
        if (await Queries.TargetFormAsync(row.Id) is { } form)
        {
            await OpenAsync($"Edit SLA target {row.Key}", form, "updated");
        }
    }

    private async Task OpenAsync(string title, SlaTargetForm form, string verb)
    {
        var parameters = new DialogParameters<SlaTargetDialog> { { d => d.Form, form }, { d => d.SupplierId, _supplierId }, { d => d.Verb, verb } };
        var dialog = await Dialogs.ShowAsync<SlaTargetDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(SlaTargetRow row)
    {
        if (!await Dialogs.ConfirmAsync("Delete SLA target", $"Delete SLA target {row.Key} ({row.Name})? This cannot be undone.", "Delete"))
        {
            return;
        }

        var result = await Action.DeleteAsync(PortalPolicies.EditSuppliersAndSlas, () => Editor.DeleteAsync(row.Id, row.Version), $"SLA target {row.Key}");
        _blocked = result.Deleted ? null : result;
        await LoadAsync();
    }
}
