using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Features.Suppliers;

namespace ServicePortal.Web.Features.Governance;

/// <summary>Where a governance gap is fixed: the page of the entity it is about, from the feature's typed routes.</summary>
public static class GapLinks
{
    public static string Fix(GovernanceGap gap) => gap.EntityType switch
    {
        GapEntityType.Enterprise => GovernanceRoutes.Role(GovernanceRoleKeys.Conductor),
        GapEntityType.Domain => GovernanceRoutes.Domain(gap.EntityKey),
        GapEntityType.Service => CatalogRoutes.Service(gap.EntityKey),
        GapEntityType.Practice => ScoreRoutes.Practice(gap.EntityKey),
        GapEntityType.Supplier => SupplierRoutes.Supplier(gap.EntityKey),
        GapEntityType.Contract => SlaRoutes.Contracts(contractReference: gap.EntityKey),
        GapEntityType.Person => GovernanceRoutes.Person(gap.EntityId),
        GapEntityType.RoleAssignment => GovernanceRoutes.Assignment(gap.EntityId),
        _ => GovernanceRoutes.Gaps,
    };
}

/// <summary>A governance gap as the API returns it: the Core's gap with the portal page that fixes it (a path on this portal).</summary>
public sealed record GovernanceGapResponse(
    string RuleId, string Rule, GapSeverity Severity, GapEntityType EntityType, string EntityKey, string EntityName, string Message, string Link)
{
    public static GovernanceGapResponse From(GovernanceGap gap) =>
        new(gap.RuleId, gap.Rule, gap.Severity, gap.EntityType, gap.EntityKey, gap.EntityName, gap.Message, GapLinks.Fix(gap));
}
