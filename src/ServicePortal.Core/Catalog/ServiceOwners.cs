using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// The service owner of services: the person holding the Service Owner role as Accountable (the earliest assignment
/// when there are several). One query per list page, for that page's ids: EF sends the ids as one JSON (SQLite) or
/// array (PostgreSQL) parameter, so the SQL is the same for every page and is compiled once
/// (<c>tests/ServicePortal.Benchmarks/CollectionParameterBenchmarks.cs</c> measures it against one parameter per id).
/// </summary>
public static class ServiceOwners
{
    public static async Task<IReadOnlyDictionary<int, string>> OfAsync(
        PortalDbContext db, IReadOnlyCollection<int> serviceIds, CancellationToken cancellationToken = default)
    {
        var owners = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.NodeId != null && serviceIds.Contains(a.NodeId.Value)
                && a.Raci == Raci.Accountable && a.Role!.Key.ToLower() == GovernanceRoleKeys.ServiceOwner)
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
