using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>How often <see cref="GraphIndexProvider"/> asks the database whether the CMDB changed behind its back.</summary>
public sealed record GraphIndexProviderOptions
{
    public TimeSpan StampCheckInterval { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The generation counter of the CMDB's in-process changes, shared by <see cref="CmdbChangeInterceptor"/> (which
/// bumps it) and <see cref="GraphIndexProvider"/> (which compares it). A separate singleton because the interceptor
/// belongs to the DbContext options, which the provider's DbContext factory needs: depending on each other directly
/// would be a cycle.
/// </summary>
public sealed class CmdbChangeSignal
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void Invalidate() => Interlocked.Increment(ref _generation);
}

/// <summary>
/// A cheap fingerprint of the CMDB tables the index is built from, for changes made outside this process. Row count
/// and highest id of Nodes, Relationships and RedundancyGroups catch inserts and deletes (also bulk loads that skip
/// the audit trail); the audit trail's highest id catches updates: every EF save through the portal's DbContext
/// writes audit rows, so a CMDB audit row newer than the last check means a node, relationship or group changed.
/// Each part is an index or primary-key lookup or a count, a few milliseconds at 500k relationships, where a
/// MAX(UpdatedAt) would scan the whole table (~150 ms on SQLite). Not seen: a raw SQL or ExecuteUpdate change
/// made elsewhere that neither inserts nor deletes; in this process, call <see cref="GraphIndexProvider.Invalidate"/>.
/// </summary>
public readonly record struct CmdbStamp(
    int NodeCount, int NodeMaxId, int RelationshipCount, int RelationshipMaxId, int GroupCount, int GroupMaxId, long AuditMaxId)
{
    /// <summary>The audit entity types of the CMDB (the CLR type names the auditing interceptor records).</summary>
    private static readonly string[] CmdbEntityTypes =
        [nameof(Catalog.Service), nameof(Catalog.ConfigurationItem), nameof(Suppliers.Supplier), nameof(Relationship), nameof(RedundancyGroup)];

    public static async Task<CmdbStamp> ReadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new CmdbStamp(
            await db.Nodes.CountAsync(cancellationToken),
            await db.Nodes.MaxAsync(n => (int?)n.Id, cancellationToken) ?? 0,
            await db.Relationships.CountAsync(cancellationToken),
            await db.Relationships.MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0,
            await db.RedundancyGroups.CountAsync(cancellationToken),
            await db.RedundancyGroups.MaxAsync(g => (int?)g.Id, cancellationToken) ?? 0,
            await Auditing.AuditTrail.MarkAsync(db, cancellationToken));
    }

    /// <summary>
    /// True when the CMDB changed between <paramref name="earlier"/> and this stamp: a count or highest id differs,
    /// or an audit row about a CMDB entity was written in between (a primary-key range scan over the new rows only).
    /// </summary>
    public async Task<bool> ChangedSinceAsync(CmdbStamp earlier, PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (this with { AuditMaxId = earlier.AuditMaxId } != earlier)
        {
            return true;
        }

        var (from, to) = (earlier.AuditMaxId, AuditMaxId);
        return to != from && await db.AuditEntries.AnyAsync(
            a => a.Id > from && a.Id <= to && CmdbEntityTypes.Contains(a.EntityType), cancellationToken);
    }
}

/// <summary>
/// Holds the current <see cref="GraphIndex"/> for the whole application (register as a singleton). The index is
/// built lazily from the database on first use and rebuilt when it is stale. Stale is decided two ways:
/// <list type="number">
/// <item><b>In-process changes</b> call <see cref="Invalidate"/>, which bumps a generation counter (held by a
/// <see cref="CmdbChangeSignal"/>); the next <see cref="GetAsync"/> rebuilds. <see cref="CmdbChangeInterceptor"/>
/// bumps it automatically after every committed EF save that touches a node, relationship or redundancy group, so
/// editors need not remember it.</item>
/// <item><b>Changes made elsewhere</b> (another server, an import tool) are caught by comparing a
/// <see cref="CmdbStamp"/> (counts, highest ids, the audit trail's high-water mark) with the one read when the
/// index was built, at most once per <see cref="GraphIndexProviderOptions.StampCheckInterval"/> (default 5 s).
/// The check is a handful of index lookups and two counts: milliseconds, against about a second for a rebuild.</item>
/// </list>
/// Chosen over patching the index in place: an immutable index needs no locks for readers, and a rebuild of 100k
/// nodes / 500k edges takes well under a second, which is rare next to reads.
/// <para>Thread safety: readers take the current snapshot without locking; one rebuild or stamp check runs at a
/// time (a semaphore), and readers that need the fresh index wait for it. The generation is read before loading
/// and the stamp before loading too, so an edit that lands during a load makes that index stale at once.</para>
/// </summary>
public sealed class GraphIndexProvider(
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    GraphIndexProviderOptions? options = null,
    CmdbChangeSignal? changes = null) : IDisposable
{
    private readonly GraphIndexProviderOptions _options = options ?? new GraphIndexProviderOptions();
    private readonly CmdbChangeSignal _changes = changes ?? new CmdbChangeSignal();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The index last built, or null before the first build. It may be stale; prefer <see cref="GetAsync"/>.</summary>
    public GraphIndex? Current => Volatile.Read(ref _snapshot)?.Index;

    /// <summary>Bumped by every <see cref="Invalidate"/>.</summary>
    public long Generation => _changes.Generation;

    /// <summary>How many times the index was built (for diagnostics and tests).</summary>
    public int BuildCount { get; private set; }

    /// <summary>Marks the index stale: the next <see cref="GetAsync"/> rebuilds it. Cheap; call after any CMDB change.</summary>
    public void Invalidate() => _changes.Invalidate();

    /// <summary>The current index, built or rebuilt first when it is missing or stale.</summary>
    public async ValueTask<GraphIndex> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && snapshot.Generation == Generation && !CheckDue(snapshot))
        {
            return snapshot.Index;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another reader may have refreshed the index while this one waited.
            snapshot = _snapshot;
            var generation = Generation;
            if (snapshot is not null && snapshot.Generation == generation && !CheckDue(snapshot))
            {
                return snapshot.Index;
            }

            // The stamp is read before the rows: an edit landing during the load leaves the stamp behind, so the
            // next check rebuilds rather than trusting an index that may have missed it.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var stamp = await CmdbStamp.ReadAsync(db, cancellationToken);
            if (snapshot is not null && snapshot.Generation == generation && !await stamp.ChangedSinceAsync(snapshot.Stamp, db, cancellationToken))
            {
                Volatile.Write(ref _snapshot, snapshot with { Stamp = stamp, CheckedAt = clock.GetUtcNow() });
                return snapshot.Index;
            }

            using var activity = PortalTelemetry.Source.StartActivity("graph index build");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var index = await GraphIndex.LoadAsync(db, cancellationToken);
            PortalTelemetry.RecordGraphIndexBuild(index.NodeCount, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Volatile.Write(ref _snapshot, new Snapshot(index, generation, stamp, clock.GetUtcNow()));
            BuildCount++;
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool CheckDue(Snapshot snapshot) => clock.GetUtcNow() - snapshot.CheckedAt >= _options.StampCheckInterval;

    private sealed record Snapshot(GraphIndex Index, long Generation, CmdbStamp Stamp, DateTimeOffset CheckedAt);
}
