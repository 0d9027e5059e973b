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
