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
    /// <summary>An accountable service owner and the day they leave (kept, because leaving needs no save to take effect).</summary>
    public sealed record Holder(string Name, DateOnly? LeftOn);

    /// <summary>The owner shown for a service on <paramref name="today"/>: the earliest who has not left (<see cref="Person.HasLeft"/>).</summary>
    public static string? OwnerOn(IReadOnlyDictionary<int, IReadOnlyList<Holder>> owners, int serviceId, DateOnly today) =>
        owners.TryGetValue(serviceId, out var holders) ? holders.FirstOrDefault(h => !Person.HasLeft(h.LeftOn, today))?.Name : null;

    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<Holder>>> OfAsync(
        PortalDbContext db, IReadOnlyCollection<int> serviceIds, CancellationToken cancellationToken = default)
    {
        var owners = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.NodeId != null && serviceIds.Contains(a.NodeId.Value)
                && a.Raci == Raci.Accountable && a.Role!.Key.ToLower() == GovernanceRoleKeys.ServiceOwner)
            .OrderBy(a => a.Id)
            .Select(a => new { NodeId = a.NodeId!.Value, a.Person!.Name, a.Person.LeftOn })
            .ToListAsync(cancellationToken);
        return owners.GroupBy(o => o.NodeId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Holder>)g.Select(o => new Holder(o.Name, o.LeftOn)).ToList());
    }
}
