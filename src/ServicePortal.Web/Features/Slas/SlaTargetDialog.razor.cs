using Microsoft.AspNetCore.Components;
using Radzen;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Slas;

public partial class SlaTargetDialog
{
    private static readonly object[] Metrics =
    [
        new { Text = "Availability (%)", Value = SlaMetric.Availability },
        new { Text = "Incident response (minutes)", Value = SlaMetric.ResponseTime },
        new { Text = "Resolution (hours)", Value = SlaMetric.ResolutionTime },
        new { Text = "Custom metric", Value = SlaMetric.Custom },
    ];

    private static readonly object[] Directions =
    [
        new { Text = "At least", Value = TargetDirection.AtLeast },
        new { Text = "At most", Value = TargetDirection.AtMost },
    ];

    private ServerValidation? _server;
    private IReadOnlyList<ContractChoice> _contracts = [];
    private IReadOnlyList<ServiceChoice> _services = [];
    private List<string> _general = [];
    private SlaTargetForm? _theirs;
    private bool _saving;

    [Parameter, EditorRequired]
    public SlaTargetForm Form { get; set; } = default!;

    /// <summary>Only this supplier's contracts are offered; all when null.</summary>
    [Parameter]
    public int? SupplierId { get; set; }

    private IEnumerable<ServiceChoice> CoveredServices =>
        _contracts.FirstOrDefault(c => c.Id == Form.ContractId) is { } contract ? _services.Where(s => contract.ServiceIds.Contains(s.Id)) : [];

    /// <summary>False until the contract and service choices have arrived: the form waits for them.</summary>
    private bool _loaded;

    protected override async Task OnInitializedAsync()
    {
        _contracts = await Queries.ContractChoicesAsync(SupplierId);
        _services = await Queries.ServicesAsync();
        Form.Unit ??= SlaTargetEditor.UnitOf(Form.Metric);
        _loaded = true;
    }

    private void MetricChanged(SlaMetric metric)
    {
        Form.Metric = metric;
        Form.Unit = SlaTargetEditor.UnitOf(metric) ?? "";
        Form.Direction = SlaTargetEditor.DirectionOf(metric) ?? Form.Direction;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            await Authorization.RequireAsync(PortalPolicies.EditSuppliersAndSlas);
            var result = await Editor.SaveAsync(Form);
            _theirs = result.Conflict ? result.Value : null;
            _general = _server!.Show(result.Conflict ? new Dictionary<string, string[]>() : result.Errors).ToList();
            if (result.Succeeded)
            {
                Dialogs.Close(result.Value);
            }
        }
        catch (NotAllowedException e)
        {
            _general = [e.Message];
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task KeepMineAsync(int theirVersion)
    {
        Form.Version = theirVersion;
        _theirs = null;
        await SaveAsync();
    }

    private void TakeTheirs(SlaTargetForm theirs)
    {
        Form = theirs;
        _theirs = null;
    }
}
