using System.Collections.Concurrent;
using System.Security.Claims;
using ServicePortal.Core.Auditing;

namespace ServicePortal.Core.Identity;

/// <summary>
/// Who an API token signs in as, remembered so that a busy client's requests do not each look up the token, its user
/// and the user's roles (four queries, most of an API read's cost). Staleness comes from the <see cref="ChangeFeed"/>:
/// revoking a token writes an <see cref="TokenType"/> row and a lock-out or role change a <see cref="UserType"/> row
/// (see <see cref="ApiTokenService"/>), so every instance forgets that user's tokens at its next look at the feed
/// (at once where it happened, within the feed's poll interval elsewhere). <see cref="Lifetime"/> only bounds how long
/// an unused entry is kept (memory); a zero lifetime turns the cache off. Entries never outlive the token's own expiry.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock, TimeSpan lifetime, ChangeFeed? feed = null, int capacity = 10_000)
{
    /// <summary>The audit type of a token revocation (its id is the token's user id).</summary>
    public const string TokenType = nameof(ApiToken);

    /// <summary>The audit type of a change to a sign-in account: lock-out, role change, deletion (its id is the user id).</summary>
    public const string UserType = nameof(PortalUser);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _forgets;
    private long _position;

    public TimeSpan Lifetime => lifetime;

    public int Count => _entries.Count;

    /// <summary>
    /// Moves on with every <see cref="Forget"/> and <see cref="ForgetUser"/>. Read it before looking a token up and
    /// pass it to <see cref="Set"/>: a revocation that lands during the lookup then keeps the token out of the cache.
    /// </summary>
    public long Version => Interlocked.Read(ref _forgets);

    /// <summary>
    /// The claims of the token with this hash, or null when not remembered (or no longer), after forgetting the users
    /// the change feed reports changed since the last call.
    /// </summary>
    public async ValueTask<IReadOnlyList<Claim>?> GetAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        if (feed is not null && lifetime > TimeSpan.Zero)
        {
            await CatchUpAsync(feed, cancellationToken);
        }

        return Get(tokenHash);
    }

    /// <summary>The claims of the token with this hash, or null when not remembered (or no longer); does not look at the feed.</summary>
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

    private async Task CatchUpAsync(ChangeFeed changeFeed, CancellationToken cancellationToken)
    {
        var position = Interlocked.Read(ref _position);
        if (position == 0)
        {
            // Nothing remembered can predate the first look: start there.
            Interlocked.CompareExchange(ref _position, await changeFeed.PositionAsync(cancellationToken), 0);
            return;
        }

        var changes = await changeFeed.SinceAsync(position, cancellationToken);
        if (changes.Position == position || Interlocked.CompareExchange(ref _position, changes.Position, position) != position)
        {
            return;
        }

        if (!changes.Complete)
        {
            Interlocked.Increment(ref _forgets);
            _entries.Clear();
            return;
        }

        foreach (var change in changes.Changes)
        {
            if (change.EntityType is TokenType or UserType)
            {
                ForgetUser(change.EntityId);
            }
        }
    }

    private sealed record Entry(string UserId, Claim[] Claims, DateTimeOffset ExpiresAt);
}
