using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePortal.Core.Identity;

/// <summary>
/// A personal API token. Only the SHA-256 <see cref="Hash"/> of the token is stored, with a short
/// <see cref="Prefix"/> so that its owner can tell tokens apart; the token itself is shown once, when it is created.
/// A token acts as its user, with the user's current roles.
/// </summary>
public class ApiToken
{
    public const int NameLength = 100;

    public const int HashLength = 64;

    public const int PrefixLength = 12;

    public int Id { get; set; }

    public required string UserId { get; set; }

    public PortalUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token text.</summary>
    public required string Hash { get; set; }

    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.UserId).IsRequired();
        builder.Property(t => t.Name).IsRequired().HasMaxLength(ApiToken.NameLength);
        builder.Property(t => t.Hash).IsRequired().HasMaxLength(ApiToken.HashLength);
        builder.Property(t => t.Prefix).IsRequired().HasMaxLength(ApiToken.PrefixLength);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
