using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Suppliers;

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> builder)
    {
        builder.Property(s => s.Website).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.ContactName).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.ContactEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(s => s.ContactPhone).HasMaxLength(FieldLengths.Short);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ConfigureEntityBase();
        builder.Property(c => c.Reference).HasMaxLength(FieldLengths.Key);
        builder.Property(c => c.Title).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.Currency).HasMaxLength(FieldLengths.Currency);
        builder.Property(c => c.AnnualValue).HasPrecision(18, 2);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => c.EndDate);
        builder.HasOne(c => c.Supplier).WithMany(s => s.Contracts).HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Services).WithMany(s => s.Contracts).UsingEntity(
            "ContractServices",
            r => r.HasOne(typeof(Service)).WithMany().HasForeignKey("ServiceId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Contract)).WithMany().HasForeignKey("ContractId").OnDelete(DeleteBehavior.Cascade));
    }
}
