using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Slas;

public partial class SlaTargetDialog
{
    private static readonly (string Text, SlaMetric Metric)[] Metrics =
    [
        ("Availability (%)", SlaMetric.Availability),
        ("Incident response (minutes)", SlaMetric.ResponseTime),
        ("Resolution (hours)", SlaMetric.ResolutionTime),
        ("Custom metric", SlaMetric.Custom),
    ];

    private EditContext _context = default!;
    private ServerValidation? _server;
    private IReadOnlyList<ContractChoice> _contracts = [];
    private IReadOnlyList<ServiceChoice> _services = [];
    private IReadOnlyList<string> _general = [];
    private SlaTargetForm? _theirs;

    /// <summary>False until the contract and service choices have arrived: the form waits for them.</summary>
    private bool _loaded;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public SlaTargetForm Form { get; set; } = default!;

    /// <summary>Only this supplier's contracts are offered; all when null.</summary>
    [Parameter]
    public int? SupplierId { get; set; }

    /// <summary>"created" or "updated", for the message after saving.</summary>
    [Parameter]
    public string Verb { get; set; } = "saved";

    private IEnumerable<ServiceChoice> CoveredServices =>
        _contracts.FirstOrDefault(c => c.Id == Form.ContractId) is { } contract ? _services.Where(s => contract.ServiceIds.Contains(s.Id)) : [];

    protected override async Task OnInitializedAsync()
    {
        _contracts = await Queries.ContractChoicesAsync(SupplierId);
        _services = await Queries.ServicesAsync();
        Form.Unit ??= SlaTargetEditor.UnitOf(Form.Metric);
        _context = new EditContext(Form);
        _loaded = true;
    }

    private void MetricChanged(SlaMetric metric)
    {
        Form.Metric = metric;
        Form.Unit = SlaTargetEditor.UnitOf(metric) ?? "";
        Form.Direction = SlaTargetEditor.DirectionOf(metric) ?? Form.Direction;
    }

    /// <summary>The dialog's Save sits outside the form (in DialogActions), so it validates the form itself.</summary>
    private async Task SubmitAsync()
    {
        if (_context.Validate())
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        var outcome = await Action.SaveAsync(PortalPolicies.EditSuppliersAndSlas, () => Editor.SaveAsync(Form), $"SLA target {Form.Key} was {Verb}");
        _theirs = outcome.Theirs;
        _general = outcome.Status switch
        {
            ActionStatus.Refused => [outcome.Message!],
            ActionStatus.Conflict => [],
            _ => _server!.Show(outcome.Errors),
        };
        if (outcome.Succeeded)
        {
            MudDialog.Close(DialogResult.Ok(outcome.Value));
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
        _context = new EditContext(Form);
        _theirs = null;
    }
}
