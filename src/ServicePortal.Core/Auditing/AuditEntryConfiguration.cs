using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePortal.Core.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserName).HasMaxLength(FieldLengths.Email);
        builder.Property(a => a.EntityType).HasMaxLength(FieldLengths.Short);
        builder.Property(a => a.EntityId).HasMaxLength(FieldLengths.Key);
        builder.Property(a => a.EntityName).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.UserName);
    }
}
