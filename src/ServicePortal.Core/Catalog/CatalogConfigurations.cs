using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

internal sealed class DomainConfiguration : IEntityTypeConfiguration<Domain>
{
    public void Configure(EntityTypeBuilder<Domain> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(d => d.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(d => d.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(d => d.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(d => d.Key).IsUnique();
        builder.HasIndex(d => d.Name).IsUnique();
    }
}

internal sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public void Configure(EntityTypeBuilder<Node> builder)
    {
        builder.ToTable("Nodes");
        builder.ConfigureEntityBase();
        builder.HasDiscriminator(n => n.NodeType)
            .HasValue<Service>(NodeType.Service)
            .HasValue<ConfigurationItem>(NodeType.ConfigurationItem)
            .HasValue<Supplier>(NodeType.Supplier);
        builder.Property(n => n.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(n => n.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(n => n.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.ImportSource).HasMaxLength(FieldLengths.Short);
        builder.HasIndex(n => n.ImportSource);
        // The lists' index: sorted by name within a type, and covering what a list counts, searches (key, name) and
        // sorts by (the domain): at 40k services a search or a sort by domain reads this index, not the table.
        builder.HasIndex(n => new { n.NodeType, n.Name, n.Key, n.DomainId });

        // A supplier's name is unique among suppliers (services and CIs may share names: their keys tell them apart).
        builder.HasIndex(n => n.Name, "IX_Nodes_SupplierName").IsUnique().HasFilter("\"NodeType\" = 'Supplier'");
        builder.HasIndex(n => new { n.NodeType, n.Lifecycle });
        // Domain lists count each domain's services and CIs: with the type in the index the count never reads a row.
        builder.HasIndex(n => new { n.DomainId, n.NodeType });
        builder.HasOne(n => n.Domain).WithMany(d => d.Nodes).HasForeignKey(n => n.DomainId).OnDelete(DeleteBehavior.Restrict);

        // Tags, links and annotations are read and written with the node, never queried on their own: one JSON text
        // column through a value converter (not a complex JSON property), so an import's bulk write (BulkInsert) sends
        // it like any other column, as the text EF itself would store.
        builder.Property(n => n.Descriptor).HasConversion(NodeDescriptor.Converter, NodeDescriptor.Comparer);
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Tier).HasDefaultValue(3);
    }
}

internal sealed class ConfigurationItemConfiguration : IEntityTypeConfiguration<ConfigurationItem>
{
    public void Configure(EntityTypeBuilder<ConfigurationItem> builder)
    {
        builder.Property(c => c.Location).HasMaxLength(FieldLengths.Name);
    }
}
