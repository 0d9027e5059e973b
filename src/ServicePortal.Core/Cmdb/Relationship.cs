using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// The type of a directed edge Source → Target. Read the edge as a sentence: "Source depends on Target",
/// "Source runs on Target", "Source is provided by Target", "Source is part of Target",
/// "Source connects to Target". How a failure travels along each type is decided by the graph engine.
/// </summary>
public enum RelationshipType
{
    DependsOn,
    RunsOn,
    ProvidedBy,
    PartOf,
    ConnectsTo,
}

/// <summary>A typed, directed edge between two nodes. At most one of each type between the same two nodes.</summary>
public class Relationship : Entity
{
    public int SourceId { get; set; }

    public Node? Source { get; set; }

    public int TargetId { get; set; }

    public Node? Target { get; set; }

    public RelationshipType Type { get; set; }

    /// <summary>
    /// Set when the target is one of several interchangeable members (e.g. two payment gateways): the
    /// source only fails when fewer than the group's minimum members are up; otherwise it is degraded.
    /// </summary>
    public int? RedundancyGroupId { get; set; }

    public RedundancyGroup? RedundancyGroup { get; set; }

    public string? Description { get; set; }

    /// <summary>The source that last imported this relationship (see <see cref="Node.ImportSource"/>); null when made in the portal.</summary>
    public string? ImportSource { get; set; }
}

/// <summary>A set of interchangeable dependencies of which at least <see cref="MinimumUp"/> must be up.</summary>
public class RedundancyGroup : Entity
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public int MinimumUp { get; set; } = 1;

    public List<Relationship> Members { get; set; } = [];
}
