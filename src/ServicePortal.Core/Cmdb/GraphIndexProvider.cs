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
/// A cheap fingerprint of the CMDB tables the index is built from: row count, highest id and latest UpdatedAt of
/// Nodes, Relationships and RedundancyGroups. An insert raises a count and the highest id, a delete lowers a count,
/// and an update through EF raises UpdatedAt (the auditing interceptor stamps it). Not seen: an ExecuteUpdate or
/// raw SQL that leaves UpdatedAt alone; callers doing that must call <see cref="GraphIndexProvider.Invalidate"/>.
/// </summary>
public readonly record struct CmdbStamp(
    int NodeCount, int NodeMaxId, DateTime? NodesUpdatedAt,
    int RelationshipCount, int RelationshipMaxId, DateTime? RelationshipsUpdatedAt,
    int GroupCount, int GroupMaxId, DateTime? GroupsUpdatedAt)
{
    public static async Task<CmdbStamp> ReadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // One aggregate row per table (GroupBy a constant); empty tables give no row, hence FirstOrDefault.
        var nodes = await db.Nodes.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(n => n.Id), Updated = g.Max(n => (DateTime?)n.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var relationships = await db.Relationships.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(r => r.Id), Updated = g.Max(r => (DateTime?)r.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var groups = await db.RedundancyGroups.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(r => r.Id), Updated = g.Max(r => (DateTime?)r.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        return new CmdbStamp(
            nodes?.Count ?? 0, nodes?.MaxId ?? 0, nodes?.Updated,
            relationships?.Count ?? 0, relationships?.MaxId ?? 0, relationships?.Updated,
            groups?.Count ?? 0, groups?.MaxId ?? 0, groups?.Updated);
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
/// <item><b>Changes made elsewhere</b> (another server, an import tool, raw SQL) are caught by comparing a
/// <see cref="CmdbStamp"/> (counts, highest ids, latest UpdatedAt) with the one read when the index was built, at
/// most once per <see cref="GraphIndexProviderOptions.StampCheckInterval"/> (default 5 s). The stamp is three
/// aggregate queries: much cheaper than a rebuild, but a full scan on SQLite, hence the interval.</item>
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
            if (snapshot is not null && snapshot.Generation == generation && stamp == snapshot.Stamp)
            {
                Volatile.Write(ref _snapshot, snapshot with { CheckedAt = clock.GetUtcNow() });
                return snapshot.Index;
            }

            var index = await GraphIndex.LoadAsync(db, cancellationToken);
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
