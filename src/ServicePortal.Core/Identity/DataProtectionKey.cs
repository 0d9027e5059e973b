using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Identity;

/// <summary>
/// A key of ASP.NET Core data protection (it signs and encrypts sign-in cookies and antiforgery tokens), kept in the
/// portal's database so that every app instance behind a load balancer reads the same keys and accepts the same
/// cookies. (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore does this too but is not served here.)
/// </summary>
public class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.FriendlyName).HasMaxLength(FieldLengths.Name);
    }
}

/// <summary>Stores data-protection keys in <see cref="PortalDbContext.DataProtectionKeys"/>.</summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<PortalDbContext> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
