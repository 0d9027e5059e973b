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
        new("Common score", "view_column", "score"),
        new("Score versions", "history", "score/history"),
        new("Governance", "policy", "governance"),
        new("RACI matrix", "grid_on", "governance/raci"),
        new("Role assignments", "assignment_ind", "governance/assignments"),
        new("Governance roles", "badge", "governance/roles"),
        new("People", "groups", "governance/people"),
    ];
}
