using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// The <see cref="ImpactLookups"/> (domains, contracts, SLA targets, accountable people) kept while the audit trail
/// stands still: an impact view then reads one audit mark instead of four tables (thousands of rows at scale).
/// </summary>
public sealed class ImpactLookupsCache : AuditMarkCache<ImpactLookups>
{
    protected override Task<ImpactLookups> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        ImpactLookups.LoadAsync(db, cancellationToken);
}
