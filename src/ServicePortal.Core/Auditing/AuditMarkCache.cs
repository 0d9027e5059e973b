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
/// A value read from the database and kept until the audit trail moves on. Every change made through the portal
/// writes audit rows in its own transaction, so the trail's highest id, one primary-key lookup, tells whether the
/// value may have changed: a read then costs that lookup instead of the query behind the value. The mark is read
/// before the value, so a change committed during a load makes that load stale at once. Like
/// <see cref="Cmdb.CmdbStamp"/>, it does not see raw SQL that bypasses the audit trail.
/// </summary>
public abstract class AuditMarkCache<T>
    where T : class
{
    private volatile Entry? _entry;
    private int _loadCount;

    /// <summary>How many times the value was read from the database (diagnostics and tests).</summary>
    public int LoadCount => _loadCount;

    public async Task<T> GetAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mark = await AuditTrail.MarkAsync(db, cancellationToken);
        if (_entry is { } entry && entry.AuditMark == mark)
        {
            return entry.Value;
        }

        var value = await LoadAsync(db, cancellationToken);
        Interlocked.Increment(ref _loadCount);
        _entry = new Entry(mark, value);
        return value;
    }

    protected abstract Task<T> LoadAsync(PortalDbContext db, CancellationToken cancellationToken);

    private sealed record Entry(long AuditMark, T Value);
}
