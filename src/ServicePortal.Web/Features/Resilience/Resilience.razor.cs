using Microsoft.AspNetCore.Components;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Resilience;

namespace ServicePortal.Web.Features.Resilience;

/// <summary>
/// The resilience page: single points of failure, SLA chains and renewals by impact, one tab each (the tab and the
/// renewal window come from the address). Each tab loads when first shown; the Core keeps the figures until the CMDB
/// changes. Any signed-in user may open it.
/// </summary>
public partial class Resilience
{
    private static readonly int[] MonthChoices = [3, 6, 12, 24];

    private int _tab;
    private int _months = ResilienceRoutes.DefaultRenewalMonths;
    private SinglePointsOfFailureReport? _singlePoints;
    private IReadOnlyList<SlaChainResult>? _chains;
    private IReadOnlyList<RenewalImpact>? _renewals;

    [Inject]
    private ResilienceService Service { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    /// <summary>The renewal window in months; anything outside 1 … 36 (or not a number) falls back to the default.</summary>
    [SupplyParameterFromQuery(Name = "months")]
    public string? Months { get; set; }

    /// <summary>The month windows the renewals tab offers.</summary>
    public static IReadOnlyList<int> MonthOptions => MonthChoices;

    protected override async Task OnParametersSetAsync()
    {
        _tab = (int)ResilienceRoutes.TabOf(Tab);
        _months = int.TryParse(Months, out var months) && months is >= 1 and <= RenewalRanking.MaxMonths ? months : ResilienceRoutes.DefaultRenewalMonths;
        _renewals = null;
        await LoadAsync();
    }

    private async Task TabChangedAsync(int tab)
    {
        _tab = tab;
        Navigation.NavigateTo(ResilienceRoutes.Resilience((ResilienceTab)tab, _months == ResilienceRoutes.DefaultRenewalMonths ? null : _months), replace: true);
        await LoadAsync();
    }

    private Task MonthsChangedAsync(int months)
    {
        Navigation.NavigateTo(ResilienceRoutes.Resilience(ResilienceTab.Renewals, months), replace: true);
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        switch ((ResilienceTab)_tab)
        {
            case ResilienceTab.SlaChain:
                _chains ??= await Service.SlaChainsAsync();
                break;
            case ResilienceTab.Renewals:
                _renewals ??= await Service.RenewalsAsync(_months);
                break;
            default:
                _singlePoints ??= await Service.SinglePointsOfFailureAsync();
                break;
        }
    }

    private static string NodeTypeText(SinglePointOfFailure item) => item.NodeType switch
    {
        NodeType.Supplier => "Supplier",
        NodeType.ConfigurationItem => "Configuration item",
        _ => "Service",
    };
}
