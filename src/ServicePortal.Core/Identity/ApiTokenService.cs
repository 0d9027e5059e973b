using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Identity;

/// <summary>A token as its owner's profile page lists it (never the token or its hash).</summary>
public sealed record ApiTokenRow(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A token that signs in: its user, its hash (the cache key) and when it expires.</summary>
public sealed record ActiveApiToken(int Id, string UserId, string Hash, DateTime? ExpiresAt);

/// <summary>A newly created token: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiTokenRow Row, string Token);

/// <summary>
/// Creates, lists, revokes and checks personal API tokens. A token is "sp_" followed by 32 random bytes in
/// URL-safe base64; the database holds its SHA-256 hash and its first characters for display.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock, ApiTokenCache? cache = null)
{
    public const string TokenPrefix = "sp_";

    public const int MaxActiveTokensPerUser = 20;

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(t => t.CreatedAt).ToList();
    }

    public async Task<SaveResult<CreatedApiToken>> CreateAsync(string userId, string? name, DateTime? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = name?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (trimmed.Length == 0)
        {
            errors.Add("Name", "Name is required, e.g. what will use the token.");
        }
        else if (trimmed.Length > ApiToken.NameLength || TextRules.Problem(trimmed, isName: true) is not null)
        {
            errors.Add("Name", $"Name is plain text of at most {ApiToken.NameLength} characters.");
        }

        if (expiresAt is { } expiry && expiry.ToUniversalTime() <= now)
        {
            errors.Add("ExpiresAt", "The expiry date must be in the future.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var active = await db.Set<ApiToken>().CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), cancellationToken);
        if (active >= MaxActiveTokensPerUser)
        {
            errors.Add("", $"You already have {active} active tokens; revoke one first.");
        }

        if (errors.Any)
        {
            return SaveResult<CreatedApiToken>.Invalid(errors);
        }

        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var entity = new ApiToken
        {
            UserId = userId,
            Name = trimmed,
            Hash = HashOf(token),
            Prefix = token[..ApiToken.PrefixLength],
            CreatedAt = now,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        db.Set<ApiToken>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<CreatedApiToken>.Ok(new CreatedApiToken(
            new ApiTokenRow(entity.Id, entity.Name, entity.Prefix, entity.CreatedAt, entity.ExpiresAt, null, null), token));
    }

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= now;
        db.AuditEntries.Add(ChangeFeed.Marker(ApiTokenCache.TokenType, userId, token.Name, AuditAction.Updated));
        await db.SaveChangesAsync(cancellationToken);
        cache?.Forget(token.Hash);
        return true;
    }

    /// <summary>
    /// Records in the audit trail that a sign-in account changed in a way its API tokens must follow (locked out, roles
    /// changed, deleted): every instance's <see cref="ApiTokenCache"/> then forgets the user's tokens.
    /// </summary>
    public async Task NoteUserChangedAsync(string userId, string why, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(ChangeFeed.Marker(ApiTokenCache.UserType, userId, why, AuditAction.Updated));
        await db.SaveChangesAsync(cancellationToken);
        cache?.ForgetUser(userId);
    }

    /// <summary>
    /// The active token (not revoked, not expired) with this text, or null. Records when it was last used (at most
    /// once a minute per token, to keep reads cheap).
    /// </summary>
    public async Task<ActiveApiToken?> FindActiveAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = HashOf(token);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<ApiToken>().AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.UserId, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now)
        {
            return null;
        }

        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.Set<ApiToken>().Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ActiveApiToken(found.Id, found.UserId, hash, found.ExpiresAt);
    }

    /// <summary>Whether the text has a token's shape (checked before any hashing or lookup).</summary>
    public static bool LooksLikeToken(string? token) =>
        !string.IsNullOrEmpty(token) && token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length <= 200;

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
