using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

internal sealed class RelationshipConfiguration : IEntityTypeConfiguration<Relationship>
{
    public void Configure(EntityTypeBuilder<Relationship> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(r => r.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(r => new { r.SourceId, r.TargetId, r.Type }).IsUnique();
        builder.HasIndex(r => r.TargetId);
        builder.Property(r => r.ImportSource).HasMaxLength(FieldLengths.Short);
        builder.HasIndex(r => r.ImportSource);
        builder.HasOne(r => r.Source).WithMany(n => n.Outgoing).HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Target).WithMany(n => n.Incoming).HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.RedundancyGroup).WithMany(g => g.Members).HasForeignKey(r => r.RedundancyGroupId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RedundancyGroupConfiguration : IEntityTypeConfiguration<RedundancyGroup>
{
    public void Configure(EntityTypeBuilder<RedundancyGroup> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(g => g.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(g => g.Name).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(g => g.Key).IsUnique();
    }
}
