namespace ServicePortal.Web.Features.Shared;

/// <summary>Builds an absolute portal address with an escaped query; used by every feature's routes class.</summary>
public static class RouteQuery
{
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The path with the query parameters whose value is not null or empty, in the order given.</summary>
    public static string Build(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value!)).ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }
}
