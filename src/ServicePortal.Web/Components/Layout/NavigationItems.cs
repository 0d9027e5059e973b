namespace ServicePortal.Web.Components.Layout;

/// <summary>The sections of the portal, in the order the navigation shows them. A section is listed once its page exists.</summary>
public static class NavigationItems
{
    /// <summary>A section; <see cref="Policy"/> hides it from users it would refuse anyway.</summary>
    public sealed record Item(string Text, string Icon, string Path, string? Policy = null);

    public static readonly IReadOnlyList<Item> All =
    [
        new("Service catalog", "apps", "catalog/services"),
        new("Configuration items", "dns", "cmdb/items"),
        new("CMDB graph", "hub", "cmdb/graph"),
        new("Suppliers", "handshake", "suppliers"),
        new("Domains", "category", "catalog/domains"),
        new("Audit log", "history", "admin/audit", ServicePortal.Core.Identity.PortalPolicies.ReadAudit),
    ];
}
