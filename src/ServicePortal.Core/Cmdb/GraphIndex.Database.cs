using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Cmdb;

public sealed partial class GraphIndex
{
    /// <summary>
    /// Loads the whole CMDB with three no-tracking projections (nodes, redundancy groups, relationships) and builds
    /// the index. The three reads are not one snapshot: an edge whose node appeared or vanished between them is left
    /// out (<see cref="DroppedEdgeCount"/>) instead of failing the load. <see cref="GraphIndexProvider"/> reads its
    /// change stamp before loading, so such an edit also makes the index stale and it is rebuilt on the next check.
    /// </summary>
    public static async Task<GraphIndex> LoadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        var nodes = await db.Nodes.AsNoTracking()
            .OrderBy(n => n.Id)
            .Select(n => new GraphNode(
                n.Id,
                n.Key,
                n.Name,
                n.NodeType,
                n.Lifecycle,
                n.Status,
                n.DomainId,
                n is Service ? ((Service)n).Kind : null,
                n is Service ? ((Service)n).Tier : null,
                n is Supplier ? ((Supplier)n).IsInternal : null))
            .ToListAsync(cancellationToken);

        var groups = await db.RedundancyGroups.AsNoTracking()
            .Select(g => new RedundancyGroupInfo(g.Id, g.MinimumUp))
            .ToListAsync(cancellationToken);

        var edges = await db.Relationships.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, r.Id))
            .ToListAsync(cancellationToken);

        return Build(nodes, edges, groups, lenient: true);
    }
}
