namespace ServicePortal.Web.Components.Layout;

/// <summary>The sections of the portal, in the order the navigation shows them. A section is listed once its page exists.</summary>
public static class NavigationItems
{
    public sealed record Item(string Text, string Icon, string Path);

    public static readonly IReadOnlyList<Item> All =
    [
        new("Service catalog", "apps", "catalog/services"),
        new("Configuration items", "dns", "cmdb/items"),
        new("Suppliers", "handshake", "suppliers"),
        new("Domains", "category", "catalog/domains"),
        new("Contracts", "description", "slas/contracts"),
        new("SLA targets", "speed", "slas/targets"),
        new("Record measurements", "edit_note", "slas/measurements"),
        new("Supplier ranking", "leaderboard", "slas/ranking"),
    ];
}
