using Microsoft.AspNetCore.Components.Routing;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Admin;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Features.Suppliers;

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
            new("Service catalog", "apps", CatalogRoutes.Services()),
            new("Configuration items", "dns", CmdbRoutes.Items),
            new("CMDB graph", "hub", CmdbRoutes.Graph()),
            new("Domains", "category", CatalogRoutes.Domains),
        ]),
        new("Suppliers & SLAs", "handshake",
        [
            new("Suppliers", "handshake", SupplierRoutes.List, NavLinkMatch.All),
            new("Contracts", "description", SlaRoutes.Contracts()),
            new("SLA targets", "speed", SlaRoutes.Targets()),
            new("Record measurements", "edit_note", SlaRoutes.Measurements()),
            new("Supplier ranking", "leaderboard", SlaRoutes.Ranking),
        ]),
        new("Common score", "view_column",
        [
            new("Operating model", "view_column", ScoreRoutes.Board, NavLinkMatch.All),
            new("Score versions", "history", ScoreRoutes.History()),
        ]),
        new("Governance", "policy",
        [
            new("Governance gaps", "policy", GovernanceRoutes.Gaps, NavLinkMatch.All),
            new("RACI matrix", "grid_on", GovernanceRoutes.Raci()),
            new("Role assignments", "assignment_ind", GovernanceRoutes.Assignments),
            new("Governance roles", "badge", GovernanceRoutes.Roles),
            new("People", "groups", GovernanceRoutes.People),
        ]),
        new("Administration", "admin_panel_settings",
        [
            new("Import", "upload_file", InteropRoutes.Import),
            new("API documentation", "api", InteropRoutes.ApiDocs),
            new("Audit log", "manage_search", AdminRoutes.Audit, Policy: PortalPolicies.ReadAudit),
        ]),
    ];

    public static IEnumerable<Item> All => Sections.SelectMany(s => s.Items);
}
