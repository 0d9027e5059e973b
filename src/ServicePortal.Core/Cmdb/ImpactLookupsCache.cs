using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// The <see cref="ImpactLookups"/> (domains, contracts, SLA targets, accountable people) kept until the change feed
/// reports a change to one of them: an impact view then reads nothing instead of four tables (thousands of rows at
/// scale).
/// </summary>
public sealed class ImpactLookupsCache(ChangeFeed? feed = null) : ChangeFeedCache<ImpactLookups>(feed)
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string>
    {
        nameof(Catalog.Domain), nameof(Contract), ContractLinks, nameof(SlaTarget), nameof(RoleAssignment), nameof(Person), nameof(GovernanceRole),
    };

    /// <summary>The audit type of a contract's covered services (rows of the many-to-many join table).</summary>
    public const string ContractLinks = "ContractServices";

    protected override IReadOnlySet<string> EntityTypes => Types;

    protected override Task<ImpactLookups> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        ImpactLookups.LoadAsync(db, cancellationToken);
}
