using System.Collections.Concurrent;
using System.Security.Claims;

namespace ServicePortal.Core.Identity;

/// <summary>
/// Who an API token signs in as, remembered for <see cref="Lifetime"/> so that a busy client's requests do not each
/// look up the token, its user and the user's roles (four queries, most of an API read's cost). Revoking a token
/// forgets it at once on this instance; other instances notice within <see cref="Lifetime"/>, as they do a role
/// change or a lock-out. A zero lifetime turns the cache off. Entries never outlive the token's own expiry.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock, TimeSpan lifetime, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _forgets;

    public TimeSpan Lifetime => lifetime;

    public int Count => _entries.Count;

    /// <summary>
    /// Moves on with every <see cref="Forget"/> and <see cref="ForgetUser"/>. Read it before looking a token up and
    /// pass it to <see cref="Set"/>: a revocation that lands during the lookup then keeps the token out of the cache.
    /// </summary>
    public long Version => Interlocked.Read(ref _forgets);

    /// <summary>The claims of the token with this hash, or null when not remembered (or no longer).</summary>
    public IReadOnlyList<Claim>? Get(string tokenHash)
    {
        if (!_entries.TryGetValue(tokenHash, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > clock.GetUtcNow())
        {
            return entry.Claims;
        }

        _entries.TryRemove(new KeyValuePair<string, Entry>(tokenHash, entry));
        return null;
    }

    public void Set(string tokenHash, string userId, IEnumerable<Claim> claims, DateTime? tokenExpiresAt, long? versionBeforeLookup = null)
    {
        if (lifetime <= TimeSpan.Zero || (versionBeforeLookup is { } seen && seen != Version))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var expiresAt = now + lifetime;
        if (tokenExpiresAt is { } tokenExpiry && new DateTimeOffset(DateTime.SpecifyKind(tokenExpiry, DateTimeKind.Utc)) < expiresAt)
        {
            expiresAt = new DateTimeOffset(DateTime.SpecifyKind(tokenExpiry, DateTimeKind.Utc));
        }

        if (_entries.Count >= capacity)
        {
            foreach (var stale in _entries.Where(e => e.Value.ExpiresAt <= now))
            {
                _entries.TryRemove(stale);
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[tokenHash] = new Entry(userId, claims.ToArray(), expiresAt);
    }

    public void Forget(string tokenHash)
    {
        Interlocked.Increment(ref _forgets);
        _entries.TryRemove(tokenHash, out _);
    }

    /// <summary>Forgets every token of the user (after a role change, a lock-out or a deletion).</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _forgets);
        foreach (var entry in _entries.Where(e => e.Value.UserId == userId))
        {
            _entries.TryRemove(entry);
        }
    }

    private sealed record Entry(string UserId, Claim[] Claims, DateTimeOffset ExpiresAt);
}
