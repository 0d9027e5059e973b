using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using ServicePortal.Web.Features.Admin;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Features.Health;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Resilience;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Features.Suppliers;

namespace ServicePortal.Web.Features.Shell;

/// <summary>The sections of the portal and their pages, in the order the navigation shows them.</summary>
public static class NavigationItems
{
    /// <param name="Page">The page the item opens (null for a non-Blazor address such as the API docs): its own
    /// [Authorize(Policy = …)] decides who sees the item, so the navigation and the page cannot disagree.</param>
    /// <param name="Match">Prefix highlights the item on its sub-pages too; All only on its own address (for a page whose sub-pages have their own items).</param>
    public sealed record Item(string Text, string Icon, string Path, Type? Page, NavLinkMatch Match = NavLinkMatch.Prefix)
    {
        /// <summary>The named policy the page requires, or null when any signed-in user may open it.</summary>
        public string? Policy { get; } = Page?.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>()
            .Select(a => a.Policy).FirstOrDefault(p => p is not null);
    }

    public sealed record Section(string Text, string Icon, IReadOnlyList<Item> Items);

    public static readonly IReadOnlyList<Section> Sections =
    [
        new("Catalog & CMDB", Icons.Material.Outlined.Apps,
        [
            new("Service catalog", Icons.Material.Outlined.Apps, CatalogRoutes.Services(), typeof(Services)),
            new("Configuration items", Icons.Material.Outlined.Dns, CmdbRoutes.Items, typeof(ConfigurationItems)),
            new("CMDB graph", Icons.Material.Outlined.Hub, CmdbRoutes.Graph(), typeof(CmdbGraph)),
            new("What-if scenarios", Icons.Material.Outlined.Science, CmdbRoutes.Scenarios(), typeof(Scenarios)),
            new("Domains", Icons.Material.Outlined.Category, CatalogRoutes.Domains, typeof(Domains)),
            new("Resilience", Icons.Material.Outlined.Shield, ResilienceRoutes.Page, typeof(Resilience.Resilience)),
        ]),
        new("Suppliers & SLAs", Icons.Material.Outlined.Handshake,
        [
            new("Suppliers", Icons.Material.Outlined.Handshake, SupplierRoutes.List, typeof(Suppliers.Suppliers), NavLinkMatch.All),
            new("Contracts", Icons.Material.Outlined.Description, SlaRoutes.Contracts(), typeof(Contracts)),
            new("SLA targets", Icons.Material.Outlined.Speed, SlaRoutes.Targets(), typeof(SlaTargets)),
            new("SLA measurements", Icons.Material.Outlined.EditNote, SlaRoutes.Measurements(), typeof(RecordMeasurements)),
            new("Supplier ranking", Icons.Material.Outlined.Leaderboard, SlaRoutes.Ranking, typeof(SupplierRanking)),
        ]),
        new("Common score", Icons.Material.Outlined.ViewColumn,
        [
            new("Operating model", Icons.Material.Outlined.ViewColumn, ScoreRoutes.Board, typeof(ScoreBoardPage), NavLinkMatch.All),
            new("Score versions", Icons.Material.Outlined.History, ScoreRoutes.History(), typeof(ScoreHistory)),
            new("Import KPI values", Icons.Material.Outlined.UploadFile, ScoreRoutes.KpiImport, typeof(ImportKpiMeasurements)),
        ]),
        new("Governance", Icons.Material.Outlined.Policy,
        [
            new("Governance gaps", Icons.Material.Outlined.Policy, GovernanceRoutes.Gaps, typeof(GovernancePage), NavLinkMatch.All),
            new("RACI matrix", Icons.Material.Outlined.GridOn, GovernanceRoutes.Raci(), typeof(RaciMatrixPage)),
            new("Role assignments", Icons.Material.Outlined.AssignmentInd, GovernanceRoutes.Assignments, typeof(Assignments)),
            new("Governance roles", Icons.Material.Outlined.Badge, GovernanceRoutes.Roles, typeof(Roles)),
            new("People", Icons.Material.Outlined.Groups, GovernanceRoutes.People, typeof(People)),
        ]),
        new("Administration", Icons.Material.Outlined.AdminPanelSettings,
        [
            new("Import", Icons.Material.Outlined.UploadFile, InteropRoutes.Import, typeof(Import)),
            new("API reference", Icons.Material.Outlined.MenuBook, InteropRoutes.ApiReference, null),
            new("API documentation", Icons.Material.Outlined.Api, InteropRoutes.ApiDocs, null),
            new("Audit log", Icons.Material.Outlined.ManageSearch, AdminRoutes.Audit, typeof(AuditLog)),
        ]),
    ];

    public static IEnumerable<Item> All => Sections.SelectMany(s => s.Items);

    public static readonly Item Dashboard = new("Dashboard", Icons.Material.Filled.Dashboard, HealthRoutes.Dashboard, typeof(Home), NavLinkMatch.All);
}
