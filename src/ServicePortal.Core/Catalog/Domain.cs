namespace ServicePortal.Core.Catalog;

/// <summary>A business or technology area; health is shown per domain.</summary>
public class Domain : Entity
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<Node> Nodes { get; set; } = [];
}
