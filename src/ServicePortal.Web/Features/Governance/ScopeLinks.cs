using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Suppliers;

namespace ServicePortal.Web.Features.Governance;

/// <summary>Where what an assignment is held over is shown: the page of its domain, service, practice or supplier.</summary>
public static class ScopeLinks
{
    /// <summary>Null for the enterprise (no page of its own) and for a scope that no longer exists (the Core names it "?").</summary>
    public static string? Of(AssignmentRow row) => row.ScopeId is null || row.ScopeKey == "?" ? null : row.ScopeType switch
    {
        ScopeType.Domain => GovernanceRoutes.Domain(row.ScopeKey),
        ScopeType.Practice => ScoreRoutes.Practice(row.ScopeKey),
        ScopeType.Supplier => SupplierRoutes.Supplier(row.ScopeKey),
        ScopeType.Service => CatalogRoutes.Service(row.ScopeKey),
        _ => null,
    };
}
