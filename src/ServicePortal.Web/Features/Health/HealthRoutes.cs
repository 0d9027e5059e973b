using System.Globalization;
using ServicePortal.Core.Health;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Health;

/// <summary>The addresses of the dashboard and the service health list.</summary>
public static class HealthRoutes
{
    public const string Dashboard = "/";

    /// <summary>
    /// The health list, optionally of one domain ("" for services without one, sent as "-"), of one month, only those
    /// needing attention, and only those whose health is their own problem or inherited (<paramref name="source"/>).
    /// </summary>
    public static string ServiceHealth(string? domainKey = null, DateOnly? period = null, bool attention = false, HealthSource? source = null) =>
        Build("/service-health",
            ("domain", domainKey is null ? null : domainKey.Length == 0 ? "-" : domainKey),
            ("attention", attention ? "true" : null),
            ("source", source switch { HealthSource.Own => "own", HealthSource.Inherited => "inherited", _ => null }),
            ("asOf", period?.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
}
