using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>The addresses of the CMDB's pages.</summary>
public static class CmdbRoutes
{
    public const string Items = "/cmdb/items";

    public static string Item(string key) => "/cmdb/items/" + Segment(key);

    /// <summary>
    /// The graph, centred on a node (by key) with 1–3 hops, or empty; with <paramref name="failed"/> (a node key) it
    /// highlights what that failure hits; <paramref name="group"/> ("type" or "domain") collapses the nodes into groups.
    /// </summary>
    public static string Graph(string? nodeKey = null, int? hops = null, string? failed = null, string? group = null) =>
        Build("/cmdb/graph", ("node", nodeKey), ("hops", hops?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("failed", failed), ("group", group));

    /// <summary>The address word for a grouping (null for none).</summary>
    public static string? GroupWord(Core.Cmdb.GraphGrouping grouping) => grouping switch
    {
        Core.Cmdb.GraphGrouping.NodeType => "type",
        Core.Cmdb.GraphGrouping.Domain => "domain",
        _ => null,
    };

    /// <summary>The grouping an address word names; anything else is none.</summary>
    public static Core.Cmdb.GraphGrouping ParseGroup(string? word) => word?.ToLowerInvariant() switch
    {
        "type" => Core.Cmdb.GraphGrouping.NodeType,
        "domain" => Core.Cmdb.GraphGrouping.Domain,
        _ => Core.Cmdb.GraphGrouping.None,
    };

    /// <summary>The what-if scenarios page, with a saved scenario open.</summary>
    public static string Scenarios(int? open = null) =>
        Build("/cmdb/scenarios", ("scenario", open?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
