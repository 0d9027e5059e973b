using Microsoft.AspNetCore.Components.Routing;
using ServicePortal.Core.Identity;

namespace ServicePortal.Web.Features.Shell;

/// <summary>The sections of the portal and their pages, in the order the navigation shows them.</summary>
public static class NavigationItems
{
    /// <param name="Match">Prefix highlights the item on its sub-pages too; All only on its own address (for a page whose sub-pages have their own items).</param>
    /// <param name="Policy">Hides the item from users the page would refuse anyway.</param>
    public sealed record Item(string Text, string Icon, string Path, NavLinkMatch Match = NavLinkMatch.Prefix, string? Policy = null);

    public sealed record Section(string Text, string Icon, IReadOnlyList<Item> Items);

    public static readonly IReadOnlyList<Section> Sections =
    [
        new("Catalog & CMDB", "apps",
        [
            new("Service catalog", "apps", "catalog/services"),
            new("Configuration items", "dns", "cmdb/items"),
            new("CMDB graph", "hub", "cmdb/graph"),
            new("Domains", "category", "catalog/domains"),
        ]),
        new("Suppliers & SLAs", "handshake",
        [
            new("Suppliers", "handshake", "suppliers", NavLinkMatch.All),
            new("Contracts", "description", "slas/contracts"),
            new("SLA targets", "speed", "slas/targets"),
            new("Record measurements", "edit_note", "slas/measurements"),
            new("Supplier ranking", "leaderboard", "slas/ranking"),
        ]),
        new("Common score", "view_column",
        [
            new("Operating model", "view_column", "score", NavLinkMatch.All),
            new("Score versions", "history", "score/history"),
        ]),
        new("Governance", "policy",
        [
            new("Governance gaps", "policy", "governance", NavLinkMatch.All),
            new("RACI matrix", "grid_on", "governance/raci"),
            new("Role assignments", "assignment_ind", "governance/assignments"),
            new("Governance roles", "badge", "governance/roles"),
            new("People", "groups", "governance/people"),
        ]),
        new("Administration", "admin_panel_settings",
        [
            new("Import", "upload_file", "import"),
            new("API documentation", "api", "api/docs"),
            new("Audit log", "manage_search", "admin/audit", Policy: PortalPolicies.ReadAudit),
        ]),
    ];

    public static IEnumerable<Item> All => Sections.SelectMany(s => s.Items);
}
