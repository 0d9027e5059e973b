using Microsoft.AspNetCore.Components.Routing;

namespace ServicePortal.Web.Components.Layout;

/// <summary>The sections of the portal, in the order the navigation shows them. A section is listed once its page exists.</summary>
public static class NavigationItems
{
    /// <param name="Match">Prefix highlights the item on its sub-pages too; All only on its own address (for a section whose sub-pages have their own items).</param>
    public sealed record Item(string Text, string Icon, string Path, NavLinkMatch Match = NavLinkMatch.Prefix);

    public static readonly IReadOnlyList<Item> All =
    [
        new("Service catalog", "apps", "catalog/services"),
        new("Configuration items", "dns", "cmdb/items"),
        new("Suppliers", "handshake", "suppliers"),
        new("Domains", "category", "catalog/domains"),
        new("Common score", "view_column", "score", NavLinkMatch.All),
        new("Score versions", "history", "score/history"),
        new("Governance", "policy", "governance", NavLinkMatch.All),
        new("RACI matrix", "grid_on", "governance/raci"),
        new("Role assignments", "assignment_ind", "governance/assignments"),
        new("Governance roles", "badge", "governance/roles"),
        new("People", "groups", "governance/people"),
    ];
}
