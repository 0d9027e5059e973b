using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Auditing;

public static class AuditTrail
{
    /// <summary>The audit trail's highest id (0 when empty): a primary-key lookup that moves with every audited save.</summary>
    public static async Task<long> MarkAsync(PortalDbContext db, CancellationToken cancellationToken = default) =>
        await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
}

/// <summary>
/// A value read from the database and kept until the <see cref="ChangeFeed"/> reports a change to one of the entity
/// types it is made of (<see cref="EntityTypes"/>, audit type names): a read then costs a look at the feed (in memory
/// between its polls) instead of the query behind the value. The feed position is taken before the value is loaded,
/// so a change committed during a load makes that load stale at once. Without a feed (tests, tools) every read loads.
/// </summary>
public abstract class ChangeFeedCache<T>(ChangeFeed? feed)
    where T : class
{
    private volatile Entry? _entry;
    private int _loadCount;

    /// <summary>How many times the value was read from the database (diagnostics and tests).</summary>
    public int LoadCount => _loadCount;

    /// <summary>The audit entity types the value is made of.</summary>
    protected abstract IReadOnlySet<string> EntityTypes { get; }

    public async Task<T> GetAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long position = 0;
        if (feed is not null)
        {
            if (_entry is { } entry)
            {
                var changes = await feed.SinceAsync(entry.Position, cancellationToken);
                if (changes.Complete && !changes.Changes.Any(Touches))
                {
                    if (changes.Position != entry.Position)
                    {
                        _entry = entry with { Position = changes.Position };
                    }

                    return entry.Value;
                }

                position = changes.Position;
                if (changes.Complete)
                {
                    var value = await RefreshAsync(db, entry.Value, [.. changes.Changes.Where(Touches)], cancellationToken);
                    Interlocked.Increment(ref _loadCount);
                    _entry = new Entry(position, value);
                    return value;
                }
            }
            else
            {
                position = await feed.PositionAsync(cancellationToken);
            }
        }

        var loaded = await LoadAsync(db, cancellationToken);
        Interlocked.Increment(ref _loadCount);
        if (feed is not null)
        {
            _entry = new Entry(position, loaded);
        }

        return loaded;
    }

    protected abstract Task<T> LoadAsync(PortalDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// The value again after <paramref name="changes"/> (each one that <see cref="Touches"/> it; the feed said what
    /// changed): by default it is loaded whole. A cache whose value is made of parts read apart overrides this to read
    /// only the parts those changes touch.
    /// </summary>
    protected virtual Task<T> RefreshAsync(PortalDbContext db, T previous, IReadOnlyList<FeedChange> changes, CancellationToken cancellationToken) =>
        LoadAsync(db, cancellationToken);

    /// <summary>Whether a change can make the value stale: by default any change to one of <see cref="EntityTypes"/>.</summary>
    protected virtual bool Touches(FeedChange change) => EntityTypes.Contains(change.EntityType);

    private sealed record Entry(long Position, T Value);
}
