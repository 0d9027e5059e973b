using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// What the portal keeps that refers to a node besides relationships: SLA targets, contracts, role assignments and
/// contact people. A node any of them refers to is not deleted (it is retired instead). One rule for the node editor's
/// delete and the import's removals.
/// </summary>
internal static class NodeReferences
{
    /// <summary>Ids at a time: EF sends a list as one parameter per element, and SQLite takes a few thousand.</summary>
    private const int Chunk = 500;

    /// <summary>The references to each of <paramref name="ids"/> that has any, worded as "SLA target X measures it".</summary>
    public static async Task<Dictionary<int, List<string>>> ReasonsAsync(PortalDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<int, List<string>>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var found = new List<(int Id, string Reason)>();
            found.AddRange((await db.SlaTargets.AsNoTracking().Where(t => chunk.Contains(t.ServiceId))
                .Select(t => new { t.ServiceId, t.Key }).ToListAsync(cancellationToken)).Select(t => (t.ServiceId, $"SLA target {t.Key} measures it")));
            found.AddRange((await db.Contracts.AsNoTracking().Where(c => chunk.Contains(c.SupplierId))
                .Select(c => new { c.SupplierId, c.Reference }).ToListAsync(cancellationToken)).Select(c => (c.SupplierId, $"contract {c.Reference} refers to it")));
            found.AddRange((await db.Contracts.AsNoTracking().SelectMany(c => c.Services, (c, s) => new { s.Id, c.Reference }).Where(x => chunk.Contains(x.Id))
                .ToListAsync(cancellationToken)).Select(c => (c.Id, $"contract {c.Reference} refers to it")));
            found.AddRange((await db.RoleAssignments.AsNoTracking().Where(a => a.NodeId != null && chunk.Contains(a.NodeId.Value))
                .Select(a => new { Id = a.NodeId!.Value, Text = a.Person!.Name + " holds " + a.Role!.Name + " over it" }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Text)));
            found.AddRange((await db.People.AsNoTracking().Where(p => p.SupplierId != null && chunk.Contains(p.SupplierId.Value))
                .Select(p => new { Id = p.SupplierId!.Value, p.Name }).ToListAsync(cancellationToken)).Select(p => (p.Id, $"{p.Name} is its contact")));
            foreach (var (id, reason) in found)
            {
                (reasons.TryGetValue(id, out var list) ? list : reasons[id] = []).Add(reason);
            }
        }

        return reasons;
    }
}
