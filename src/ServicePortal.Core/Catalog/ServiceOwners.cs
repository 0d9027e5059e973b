using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// The service owner of every service (the person holding the Service Owner role as Accountable; the earliest
/// assignment when there are several), kept until the change feed reports a change to role assignments, people or
/// roles. The service list shows an owner per row: looking them up for the page alone needs an <c>IN (ids)</c> query,
/// which EF cannot cache on SQLite and rebuilds on every call; this map costs a look at the feed instead.
/// </summary>
public sealed class ServiceOwners(ChangeFeed? feed = null) : ChangeFeedCache<IReadOnlyDictionary<int, string>>(feed)
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string> { nameof(RoleAssignment), nameof(Person), nameof(GovernanceRole) };

    protected override IReadOnlySet<string> EntityTypes => Types;

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
