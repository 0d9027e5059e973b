using System.Globalization;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Resilience;

/// <summary>The tabs of the resilience page.</summary>
public enum ResilienceTab
{
    SinglePointsOfFailure,
    SlaChain,
    Renewals,
}

/// <summary>The addresses of the resilience page and its CSV export.</summary>
public static class ResilienceRoutes
{
    public const string Page = "/resilience";

    /// <summary>The single points of failure as a CSV download (the API's export, for any signed-in user).</summary>
    public const string SinglePointsCsv = "/api/v1/resilience/single-points-of-failure.csv";

    /// <summary>How many months ahead the renewals tab looks unless told otherwise.</summary>
    public const int DefaultRenewalMonths = 6;

    public static string Resilience(ResilienceTab tab = ResilienceTab.SinglePointsOfFailure, int? months = null) =>
        Build(Page,
            ("tab", tab switch { ResilienceTab.SlaChain => "sla-chain", ResilienceTab.Renewals => "renewals", _ => null }),
            ("months", months?.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The tab named in a query ("sla-chain", "renewals"; anything else: the first tab).</summary>
    public static ResilienceTab TabOf(string? tab) => tab?.ToLowerInvariant() switch
    {
        "sla-chain" => ResilienceTab.SlaChain,
        "renewals" => ResilienceTab.Renewals,
        _ => ResilienceTab.SinglePointsOfFailure,
    };
}
