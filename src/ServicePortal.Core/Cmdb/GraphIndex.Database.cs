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

        var nodes = await NodeRows(db.Nodes.AsNoTracking().OrderBy(n => n.Id)).ToListAsync(cancellationToken);

        var groups = await db.RedundancyGroups.AsNoTracking()
            .Select(g => new RedundancyGroupInfo(g.Id, g.MinimumUp))
            .ToListAsync(cancellationToken);

        var edges = await db.Relationships.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, r.Id))
            .ToListAsync(cancellationToken);

        return Build(nodes, edges, groups, lenient: true);
    }

    /// <summary>
    /// Reads the current rows of these nodes, relationships and redundancy groups (by id) as a <see cref="GraphDelta"/>
    /// for <see cref="Patch"/>: a row that is no longer there is removed. A few primary-key lookups.
    /// </summary>
    public static async Task<GraphDelta> LoadDeltaAsync(
        PortalDbContext db, IReadOnlyCollection<int> nodeIds, IReadOnlyCollection<int> relationshipIds, IReadOnlyCollection<int> groupIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<GraphNode> nodes = [];
        List<GraphEdge> edges = [];
        List<RedundancyGroupInfo> groups = [];
        if (nodeIds.Count > 0)
        {
            var ids = nodeIds.ToList();
            nodes = await NodeRows(db.Nodes.AsNoTracking().Where(n => ids.Contains(n.Id))).ToListAsync(cancellationToken);
        }

        if (relationshipIds.Count > 0)
        {
            var ids = relationshipIds.ToList();
            edges = await db.Relationships.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, r.Id))
                .ToListAsync(cancellationToken);
        }

        if (groupIds.Count > 0)
        {
            var ids = groupIds.ToList();
            groups = await db.RedundancyGroups.AsNoTracking().Where(g => ids.Contains(g.Id))
                .Select(g => new RedundancyGroupInfo(g.Id, g.MinimumUp))
                .ToListAsync(cancellationToken);
        }

        return new GraphDelta
        {
            Nodes = nodes,
            RemovedNodes = [.. nodeIds.Except(nodes.Select(n => n.Id))],
            Edges = edges,
            RemovedEdges = [.. relationshipIds.Except(edges.Select(e => e.RelationshipId))],
            Groups = groups,
            RemovedGroups = [.. groupIds.Except(groups.Select(g => g.Id))],
        };
    }

    private static IQueryable<GraphNode> NodeRows(IQueryable<Node> nodes) => nodes.Select(n => new GraphNode(
        n.Id,
        n.Key,
        n.Name,
        n.NodeType,
        n.Lifecycle,
        n.Status,
        n.DomainId,
        n is Service ? ((Service)n).Kind : null,
        n is Service ? ((Service)n).Tier : null,
        n is Supplier ? ((Supplier)n).IsInternal : null));
}
