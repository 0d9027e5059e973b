using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// A node of the CMDB as the graph engine sees it: what it is, where it belongs and its recorded status.
/// <see cref="Kind"/> and <see cref="Tier"/> are set for services, <see cref="IsInternal"/> for suppliers.
/// </summary>
public readonly record struct GraphNode(
    int Id,
    string Key,
    string Name,
    NodeType NodeType,
    Lifecycle Lifecycle = Lifecycle.Live,
    OperationalStatus Status = OperationalStatus.Healthy,
    int? DomainId = null,
    ServiceKind? Kind = null,
    int? Tier = null,
    bool? IsInternal = null)
{
    /// <summary>A supplier that is not one of the organisation's own teams.</summary>
    public bool IsExternalSupplier => NodeType == NodeType.Supplier && IsInternal != true;
}

/// <summary>
/// A relationship Source → Target as the graph engine sees it. <see cref="RelationshipId"/> is the stored row's id
/// (0 when the edge does not come from the database).
/// </summary>
public readonly record struct GraphEdge(
    int SourceId,
    int TargetId,
    RelationshipType Type,
    int? RedundancyGroupId = null,
    int RelationshipId = 0);

/// <summary>A redundancy group: at least <see cref="MinimumUp"/> of its members must be up.</summary>
public readonly record struct RedundancyGroupInfo(int Id, int MinimumUp);
