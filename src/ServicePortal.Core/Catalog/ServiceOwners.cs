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
public sealed class ServiceOwners : AuditMarkCache<IReadOnlyDictionary<int, IReadOnlyList<ServiceOwners.Holder>>>
{
    /// <summary>An accountable service owner and the day they leave (kept, because leaving needs no save to take effect).</summary>
    public sealed record Holder(string Name, DateOnly? LeftOn);

    /// <summary>The owner shown for a service on <paramref name="today"/>: the earliest who has not left (<see cref="Person.HasLeft"/>).</summary>
    public static string? OwnerOn(IReadOnlyDictionary<int, IReadOnlyList<Holder>> owners, int serviceId, DateOnly today) =>
        owners.TryGetValue(serviceId, out var holders) ? holders.FirstOrDefault(h => !Person.HasLeft(h.LeftOn, today))?.Name : null;

    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Holder>>> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var owners = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.NodeId != null && a.Raci == Raci.Accountable && a.Role!.Key.ToLower() == GovernanceRoleKeys.ServiceOwner)
            .OrderBy(a => a.Id)
            .Select(a => new { NodeId = a.NodeId!.Value, a.Person!.Name, a.Person.LeftOn })
            .ToListAsync(cancellationToken);
        return owners.GroupBy(o => o.NodeId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Holder>)g.Select(o => new Holder(o.Name, o.LeftOn)).ToList());
    }
}
