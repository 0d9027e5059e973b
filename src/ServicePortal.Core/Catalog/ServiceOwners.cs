using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// The service owner of every service (the person holding the Service Owner role as Accountable; the earliest
/// assignment when there are several), kept while the audit trail stands still. The service list shows an owner per
/// row: looking them up for the page alone needs an <c>IN (ids)</c> query, which EF cannot cache on SQLite and
/// rebuilds on every call; this map costs one audit-mark lookup instead.
/// </summary>
public sealed class ServiceOwners : AuditMarkCache<IReadOnlyDictionary<int, string>>
{
    protected override async Task<IReadOnlyDictionary<int, string>> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var owners = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.NodeId != null && a.Raci == Raci.Accountable && a.Role!.Key.ToLower() == GovernanceRoleKeys.ServiceOwner)
            .OrderBy(a => a.Id)
            .Select(a => new { NodeId = a.NodeId!.Value, a.Person!.Name })
            .ToListAsync(cancellationToken);
        var byNode = new Dictionary<int, string>();
        foreach (var owner in owners)
        {
            byNode.TryAdd(owner.NodeId, owner.Name);
        }

        return byNode;
    }
}
