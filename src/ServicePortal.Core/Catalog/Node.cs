using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

/// <summary>What a node of the CMDB graph is.</summary>
public enum NodeType
{
    Service,
    ConfigurationItem,
    Supplier,
}

/// <summary>How a node type is worded, the one place (the Razor pages' two copies go with the UI port).</summary>
public static class NodeTypeText
{
    /// <summary>The type of a node, also of one not yet saved (whose discriminator EF has not set).</summary>
    public static NodeType TypeOf(Node node) => node switch
    {
        Service => NodeType.Service,
        ConfigurationItem => NodeType.ConfigurationItem,
        _ => NodeType.Supplier,
    };

    /// <summary>The type as a label or a row's first column: "Service", "Configuration item", "Supplier".</summary>
    public static string Title(this NodeType type)
    {
        var text = type.Describe();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The type in a sentence: "service", "configuration item", "supplier".</summary>
    public static string Describe(this NodeType type) => type switch
    {
        NodeType.Service => "service",
        NodeType.ConfigurationItem => "configuration item",
        _ => "supplier",
    };
}

/// <summary>The ITIL portfolio stage of a node: in the pipeline, live, or retired (kept for history).</summary>
public enum Lifecycle
{
    Pipeline,
    Live,
    Retired,
}

/// <summary>A status recorded by people or monitoring; feeds a node's own health.</summary>
public enum OperationalStatus
{
    Unknown,
    Healthy,
    AtRisk,
    Degraded,
    Down,
}

/// <summary>
/// A node of the relationship graph: a service, a configuration item or a supplier. All three share one
/// table (table-per-hierarchy) so that a relationship can join any two of them with a real foreign key,
/// and so that a node key is unique across the whole CMDB (the API addresses nodes by key).
/// </summary>
public abstract class Node : Entity
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public NodeType NodeType { get; private set; }

    public Lifecycle Lifecycle { get; set; } = Lifecycle.Live;

    public OperationalStatus Status { get; set; } = OperationalStatus.Healthy;

    public int? DomainId { get; set; }

    public Domain? Domain { get; set; }

    public DateTime? RetiredAt { get; set; }

    /// <summary>
    /// The source (a named Backstage catalog) that last imported this node; null when it was made in the portal or by
    /// a CSV import. A JSON bundle carries it, so a restore keeps it. A later import from the same source removes it
    /// when it is no longer there.
    /// </summary>
    public string? ImportSource { get; set; }

    /// <summary>
    /// Still live but marked for replacement (Backstage's <c>deprecated</c> lifecycle): the node keeps its
    /// <see cref="Lifecycle"/> and is shown as deprecated.
    /// </summary>
    public bool Deprecated { get; set; }

    /// <summary>Tags, links, annotations and the catalog's own type and lifecycle words (see <see cref="NodeDescriptor"/>).</summary>
    public NodeDescriptor Descriptor { get; set; } = new();

    public List<Relationship> Outgoing { get; set; } = [];

    public List<Relationship> Incoming { get; set; } = [];
}
