using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>How a scenario marks a node: failed outright, or working below its promise.</summary>
public enum ScenarioMark : byte
{
    Failed,
    Degraded,
}

/// <summary>
/// A saved what-if: several nodes marked failed or degraded together ("both card gateways and the parcel carrier
/// before Black Friday"). Saving one changes no CMDB data; its result is always the impact engine's answer for its
/// marks on today's graph.
/// </summary>
public class Scenario : Entity
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? CreatedBy { get; set; }

    public List<ScenarioNode> Nodes { get; set; } = [];
}

/// <summary>One node of a <see cref="Scenario"/> and how it is marked. Deleting the node removes it from scenarios.</summary>
public class ScenarioNode : Entity
{
    public int ScenarioId { get; set; }

    public Scenario? Scenario { get; set; }

    public int NodeId { get; set; }

    public Node? Node { get; set; }

    public ScenarioMark Mark { get; set; }
}

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.Description).HasMaxLength(FieldLengths.Description);
        builder.Property(s => s.CreatedBy).HasMaxLength(FieldLengths.Email);
        builder.HasMany(s => s.Nodes).WithOne(n => n.Scenario).HasForeignKey(n => n.ScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScenarioNodeConfiguration : IEntityTypeConfiguration<ScenarioNode>
{
    public void Configure(EntityTypeBuilder<ScenarioNode> builder)
    {
        builder.ConfigureEntityBase();
        builder.HasIndex(n => new { n.ScenarioId, n.NodeId }).IsUnique();
        builder.HasIndex(n => n.NodeId);
        builder.HasOne(n => n.Node).WithMany().HasForeignKey(n => n.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
