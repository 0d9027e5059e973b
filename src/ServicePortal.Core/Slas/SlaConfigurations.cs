using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

internal sealed class SlaTargetConfiguration : IEntityTypeConfiguration<SlaTarget>
{
    public void Configure(EntityTypeBuilder<SlaTarget> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(t => t.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(t => t.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(t => t.Unit).HasMaxLength(FieldLengths.Short);
        builder.HasIndex(t => t.Key).IsUnique();
        builder.HasIndex(t => t.ServiceId);
        builder.HasOne(t => t.Contract).WithMany(c => c.SlaTargets).HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Service).WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SlaMeasurementConfiguration : IEntityTypeConfiguration<SlaMeasurement>
{
    public void Configure(EntityTypeBuilder<SlaMeasurement> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(m => m.Note).HasMaxLength(FieldLengths.Description);
        builder.Property(m => m.RecordedBy).HasMaxLength(FieldLengths.Email);
        builder.HasIndex(m => new { m.SlaTargetId, m.PeriodStart }).IsUnique();
        builder.HasIndex(m => m.PeriodStart);
        builder.HasOne(m => m.SlaTarget).WithMany(t => t.Measurements).HasForeignKey(m => m.SlaTargetId).OnDelete(DeleteBehavior.Cascade);
    }
}
