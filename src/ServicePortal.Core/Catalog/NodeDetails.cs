using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

/// <summary>Everything a node's detail page shows.</summary>
public sealed record NodeDetails(
    NodeForm Form,
    string? DomainName,
    IReadOnlyList<RelationshipLine> Outgoing,
    IReadOnlyList<RelationshipLine> Incoming,
    IReadOnlyList<OwnerLine> Owners,
    IReadOnlyList<ContractLine> Contracts,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? RetiredAt)
{
    /// <summary>Tags, links, annotations and the catalog's type and lifecycle words (from a Backstage import).</summary>
    public NodeDescriptor Descriptor { get; init; } = new();

    /// <summary>Live but marked deprecated (<see cref="Node.Deprecated"/>).</summary>
    public bool Deprecated { get; init; }
}

/// <summary>One relationship seen from the node: the other end, the type, and whether it is read forwards.</summary>
public sealed record RelationshipLine(
    int RelationshipId,
    RelationshipType Type,
    int OtherId,
    string OtherKey,
    string OtherName,
    NodeType OtherType,
    Lifecycle OtherLifecycle,
    string? RedundancyGroup,
    int Version);

public sealed record OwnerLine(int AssignmentId, string Person, string? Email, string Role, Raci Raci, bool HasLeft);

public sealed record ContractLine(int Id, string Reference, string Title, string Supplier, DateOnly StartDate, DateOnly EndDate, ContractStatus Status, int SlaTargets);

/// <summary>One change of an entity, as the History tab shows it.</summary>
public sealed record HistoryLine(DateTime At, string User, AuditAction Action, IReadOnlyDictionary<string, FieldChange> Changes);

public sealed class NodeDetailsQuery(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<NodeDetails?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.AsNoTracking().Include(n => n.Domain).SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return null;
        }

        var outgoing = await db.Relationships.AsNoTracking().Where(r => r.SourceId == node.Id)
            .Select(r => new RelationshipLine(r.Id, r.Type, r.TargetId, r.Target!.Key, r.Target.Name, r.Target.NodeType, r.Target.Lifecycle,
                r.RedundancyGroup != null ? r.RedundancyGroup.Name : null, r.Version))
            .ToListAsync(cancellationToken);
        var incoming = await db.Relationships.AsNoTracking().Where(r => r.TargetId == node.Id)
            .Select(r => new RelationshipLine(r.Id, r.Type, r.SourceId, r.Source!.Key, r.Source.Name, r.Source.NodeType, r.Source.Lifecycle,
                r.RedundancyGroup != null ? r.RedundancyGroup.Name : null, r.Version))
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var owners = (await db.RoleAssignments.AsNoTracking().Where(a => a.NodeId == node.Id)
            .OrderBy(a => a.Role!.Name).ThenBy(a => a.Raci)
            .Select(a => new { a.Id, a.Person!.Name, a.Person.Email, Role = a.Role!.Name, a.Raci, a.Person.LeftOn })
            .ToListAsync(cancellationToken))
            .Select(a => new OwnerLine(a.Id, a.Name, a.Email, a.Role, a.Raci, Person.HasLeft(a.LeftOn, today)))
            .ToList();
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.SupplierId == node.Id || c.Services.Any(s => s.Id == node.Id))
            .OrderBy(c => c.EndDate)
            .Select(c => new ContractLine(c.Id, c.Reference, c.Title, c.Supplier!.Name, c.StartDate, c.EndDate, c.Status, c.SlaTargets.Count))
            .ToListAsync(cancellationToken);

        return new NodeDetails(
            NodeForm.From(node), node.Domain?.Name,
            outgoing.OrderBy(r => r.Type).ThenBy(r => r.OtherName).ToList(),
            incoming.OrderBy(r => r.Type).ThenBy(r => r.OtherName).ToList(),
            owners, contracts, node.CreatedAt, node.UpdatedAt, node.RetiredAt)
        {
            Descriptor = node.Descriptor, Deprecated = node.Deprecated,
        };
    }

    /// <summary>Only the node's own fields (what the API's get-by-key returns): one query instead of the page's five.</summary>
    public async Task<NodeForm?> GetFormAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        return node is null ? null : NodeForm.From(node);
    }

    /// <summary>The audit trail of one entity, newest first.</summary>
    public async Task<IReadOnlyList<HistoryLine>> HistoryAsync(string entityType, int id, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return entries.Select(e => new HistoryLine(e.At, e.UserName, e.Action, AuditChanges.Parse(e.Changes))).ToList();
    }
}
