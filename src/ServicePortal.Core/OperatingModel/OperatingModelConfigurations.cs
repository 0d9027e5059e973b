using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.OperatingModel;

internal sealed class ValueStreamStageConfiguration : IEntityTypeConfiguration<ValueStreamStage>
{
    public void Configure(EntityTypeBuilder<ValueStreamStage> builder)
    {
        builder.ToTable("Stages");
        builder.ConfigureEntityBase();
        builder.Property(s => s.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => s.Order).IsUnique();
    }
}

internal sealed class ScoreVersionConfiguration : IEntityTypeConfiguration<ScoreVersion>
{
    public void Configure(EntityTypeBuilder<ScoreVersion> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(v => v.Title).HasMaxLength(FieldLengths.Name);
        builder.Property(v => v.ChangeNote).HasMaxLength(FieldLengths.Description);
        builder.Property(v => v.CreatedBy).HasMaxLength(FieldLengths.Email);
        builder.Property(v => v.PublishedBy).HasMaxLength(FieldLengths.Email);
        builder.HasIndex(v => v.Number).IsUnique();
        builder.HasOne<ScoreVersion>().WithMany().HasForeignKey(v => v.BasedOnId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(p => p.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(p => p.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(p => p.Purpose).HasMaxLength(FieldLengths.Description);
        builder.Property(p => p.Policies).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(p => new { p.ScoreVersionId, p.Key }).IsUnique();
        builder.HasOne(p => p.ScoreVersion).WithMany(v => v.Practices).HasForeignKey(p => p.ScoreVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Stage).WithMany().HasForeignKey(p => p.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Kpis).WithOne(k => k.Practice).HasForeignKey(k => k.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PracticeKpiConfiguration : IEntityTypeConfiguration<PracticeKpi>
{
    public void Configure(EntityTypeBuilder<PracticeKpi> builder)
    {
        builder.ToTable("PracticeKpis");
        builder.ConfigureEntityBase();
        builder.Property(k => k.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(k => k.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(k => k.Unit).HasMaxLength(FieldLengths.Short);
        builder.Property(k => k.Definition).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(k => new { k.PracticeId, k.Key }).IsUnique();
        builder.HasIndex(k => k.Key);
    }
}

internal sealed class KpiMeasurementConfiguration : IEntityTypeConfiguration<KpiMeasurement>
{
    public void Configure(EntityTypeBuilder<KpiMeasurement> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(m => m.KpiKey).HasMaxLength(FieldLengths.Key);
        builder.Property(m => m.Note).HasMaxLength(FieldLengths.Description);
        builder.Property(m => m.RecordedBy).HasMaxLength(FieldLengths.Email);
        builder.HasIndex(m => new { m.KpiKey, m.PeriodStart }).IsUnique();
    }
}
