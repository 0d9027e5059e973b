using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>The addresses of the CMDB's pages.</summary>
public static class CmdbRoutes
{
    public const string Items = "/cmdb/items";

    public static string Item(string key) => "/cmdb/items/" + Segment(key);

    /// <summary>The graph, centred on a node (by key) with 1–3 hops, or empty; with <paramref name="failed"/> (a node key) it highlights what that failure hits.</summary>
    public static string Graph(string? nodeKey = null, int? hops = null, string? failed = null) =>
        Build("/cmdb/graph", ("node", nodeKey), ("hops", hops?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("failed", failed));

    /// <summary>The what-if scenarios page, with a saved scenario open.</summary>
    public static string Scenarios(int? open = null) =>
        Build("/cmdb/scenarios", ("scenario", open?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
