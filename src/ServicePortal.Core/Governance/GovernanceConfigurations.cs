using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Governance;

internal sealed class GovernanceRoleConfiguration : IEntityTypeConfiguration<GovernanceRole>
{
    public void Configure(EntityTypeBuilder<GovernanceRole> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(r => r.Key).HasMaxLength(FieldLengths.Key);
        builder.Property(r => r.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(r => r.Key).IsUnique();
        builder.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.ConfigureEntityBase();
        builder.Property(p => p.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(p => p.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(p => p.JobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(p => p.Organisation).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.HasOne(p => p.Supplier).WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ConfigureEntityBase();
        builder.HasIndex(a => new { a.ScopeType, a.RoleId });
        builder.HasIndex(a => a.PersonId);
        builder.HasIndex(a => a.NodeId);
        builder.HasIndex(a => a.DomainId);
        builder.HasIndex(a => a.PracticeId);
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Role).WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Domain).WithMany().HasForeignKey(a => a.DomainId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Node).WithMany().HasForeignKey(a => a.NodeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Practice).WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
