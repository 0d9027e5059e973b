using ServicePortal.Core.Health;
using ServicePortal.Web.Features.Catalog;

namespace ServicePortal.Web.Features.Health;

/// <summary>Where dashboard figures click through to; one place so sections agree.</summary>
public static class DashboardLinks
{
    public const string Governance = "/governance";

    public static string Node(NodeLink node) => "/" + NodeDetailPage.DetailPath(node.NodeType, node.Key).TrimStart('/');

    /// <summary>The health list, optionally of one domain ("-" for services without one) and of one month.</summary>
    public static string Health(string? domainKey = null, DateOnly? period = null, bool attention = false)
    {
        var query = new List<string>();
        if (domainKey is not null)
        {
            query.Add("domain=" + Uri.EscapeDataString(domainKey == "" ? "-" : domainKey));
        }

        if (attention)
        {
            query.Add("attention=true");
        }

        if (period is { } p)
        {
            query.Add("asOf=" + p.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? "/service-health" : "/service-health?" + string.Join("&", query);
    }

    public static string CatalogServices(string? domainKey) =>
        string.IsNullOrEmpty(domainKey) ? "/catalog/services" : "/catalog/services?domain=" + Uri.EscapeDataString(domainKey);
}
