using System.Globalization;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Health;

/// <summary>The addresses of the dashboard and the service health list.</summary>
public static class HealthRoutes
{
    public const string Dashboard = "/";

    /// <summary>The health list, optionally of one domain ("" for services without one, sent as "-") and of one month.</summary>
    public static string ServiceHealth(string? domainKey = null, DateOnly? period = null, bool attention = false) =>
        Build("/service-health",
            ("domain", domainKey is null ? null : domainKey.Length == 0 ? "-" : domainKey),
            ("attention", attention ? "true" : null),
            ("asOf", period?.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
}
