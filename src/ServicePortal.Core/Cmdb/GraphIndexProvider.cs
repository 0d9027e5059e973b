using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Cmdb;

public sealed record GraphIndexProviderOptions
{
    /// <summary>More changed rows than this at once are not patched: the index is rebuilt (in the background).</summary>
    public int MaxPatchRows { get; init; } = 2_000;
}

/// <summary>
/// Holds the current <see cref="GraphIndex"/> for the whole application (register as a singleton), kept current by
/// the <see cref="ChangeFeed"/>: on every read it asks the feed what changed since the index's position (in memory;
/// the feed itself looks at the audit trail at most once per poll interval, or at once after a save here).
/// <list type="bullet">
/// <item><b>Nothing, or nothing the graph holds</b> (a description, a contract, a measurement): the same index.</item>
/// <item><b>Nodes, relationships or redundancy groups</b> (up to <see cref="GraphIndexProviderOptions.MaxPatchRows"/>):
/// their rows are read by id and the index is <see cref="GraphIndex.Patch">patched</see>; readers wait for the
/// patch, so a save is visible to the next read on the instance that made it and within the feed's poll interval on
/// the others.</item>
/// <item><b>The feed cannot say</b> (a bulk load, a burst of changes, a position fallen out of its window): the index
/// is loaded again in the background while readers go on with the previous one. Only the very first read waits for a
/// load. A failed background load is logged as an error and tried again by the next read.</item>
/// </list>
/// An index is immutable, so readers never lock: they take the current snapshot.
/// </summary>
public sealed class GraphIndexProvider(
    IDbContextFactory<PortalDbContext> dbFactory,
    ChangeFeed feed,
    GraphIndexProviderOptions? options = null,
    ILogger<GraphIndexProvider>? logger = null) : IDisposable
{
    /// <summary>The audit types of the CMDB's nodes (the CLR type names the auditing interceptor records).</summary>
    public static readonly IReadOnlySet<string> NodeTypes =
        new HashSet<string> { nameof(Service), nameof(ConfigurationItem), nameof(Supplier) };

    /// <summary>Every audit type the index is built from.</summary>
    public static readonly IReadOnlySet<string> CmdbTypes =
        new HashSet<string>(NodeTypes) { nameof(Relationship), nameof(RedundancyGroup) };

    /// <summary>The fields the index holds; an update of any other field (a description, a contact) costs nothing.</summary>
    private static readonly IReadOnlySet<string> NodeFields = new HashSet<string>
    {
        nameof(Node.Key), nameof(Node.Name), nameof(Node.NodeType), nameof(Node.Lifecycle), nameof(Node.Status), nameof(Node.DomainId),
        nameof(Service.Kind), nameof(Service.Tier), nameof(Supplier.IsInternal),
    };

    private static readonly IReadOnlySet<string> RelationshipFields = new HashSet<string>
    {
        nameof(Relationship.SourceId), nameof(Relationship.TargetId), nameof(Relationship.Type), nameof(Relationship.RedundancyGroupId),
    };

    private static readonly IReadOnlySet<string> GroupFields = new HashSet<string> { nameof(RedundancyGroup.MinimumUp) };

    private readonly GraphIndexProviderOptions _options = options ?? new GraphIndexProviderOptions();
    private readonly ILogger _logger = logger ?? NullLogger<GraphIndexProvider>.Instance;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _rebuildLock = new();
    private Snapshot? _snapshot;
    private Task? _rebuild;
    private int _buildCount;
    private int _patchCount;

    /// <summary>The index last built, or null before the first build. It may be behind; prefer <see cref="GetAsync"/>.</summary>
    public GraphIndex? Current => Volatile.Read(ref _snapshot)?.Index;

    /// <summary>How many times the index was loaded in full (for diagnostics and tests).</summary>
    public int BuildCount => Volatile.Read(ref _buildCount);

    /// <summary>How many times the index was patched (for diagnostics and tests).</summary>
    public int PatchCount => Volatile.Read(ref _patchCount);

    /// <summary>The background load in progress, if any (tests and benchmarks await it).</summary>
    public Task RebuildTask => Volatile.Read(ref _rebuild) ?? Task.CompletedTask;

    /// <summary>The current index: patched first when the feed reports CMDB changes; loaded first only on the first call.</summary>
    public async ValueTask<GraphIndex> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            return await FirstLoadAsync(cancellationToken);
        }

        var changes = await feed.SinceAsync(snapshot.Position, cancellationToken);
        if (changes.IsEmpty || changes.Position == snapshot.Position)
        {
            return snapshot.Index;
        }

        if (!changes.Complete)
        {
            StartRebuild();
            return snapshot.Index;
        }

        var work = Work.From(changes);
        if (work.Rows == 0)
        {
            // Nothing the graph holds changed: move the position on (if no other reader moved it further meanwhile).
            Interlocked.CompareExchange(ref _snapshot, snapshot with { Position = changes.Position }, snapshot);
            return snapshot.Index;
        }

        if (work.Rows > _options.MaxPatchRows)
        {
            StartRebuild();
            return snapshot.Index;
        }

        return await PatchAsync(cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<GraphIndex> FirstLoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _snapshot) is { } loaded)
            {
                return loaded.Index;
            }

            var snapshot = await LoadAsync(cancellationToken);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot.Index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies what the feed reports since the snapshot's position; one patch at a time, later readers reuse it.</summary>
    private async Task<GraphIndex> PatchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = Volatile.Read(ref _snapshot)!;
            var changes = await feed.SinceAsync(snapshot.Position, cancellationToken);
            var work = Work.From(changes);
            if (!changes.Complete || work.Rows > _options.MaxPatchRows)
            {
                StartRebuild();
                return snapshot.Index;
            }

            var index = snapshot.Index;
            if (work.Rows > 0)
            {
                // Rows are read after the feed: a change landing in between is in both, and patching it twice is harmless.
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var delta = await GraphIndex.LoadDeltaAsync(db, work.Nodes, work.Relationships, work.Groups, cancellationToken);
                index = index.Patch(delta);
                Interlocked.Increment(ref _patchCount);
            }

            Volatile.Write(ref _snapshot, new Snapshot(index, changes.Position));
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartRebuild()
    {
        lock (_rebuildLock)
        {
            if (_rebuild is { IsCompleted: false })
            {
                return;
            }

            _rebuild = Task.Run(RebuildAsync);
        }
    }

    private async Task RebuildAsync()
    {
        try
        {
            var fresh = await LoadAsync(CancellationToken.None);
            await _gate.WaitAsync();
            try
            {
                Volatile.Write(ref _snapshot, fresh);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            // Readers go on with the previous index; the next read that finds it behind starts another load.
            _logger.LogError(ex, "Loading the CMDB graph index failed; serving the previous index");
        }
    }

    /// <summary>A full load. The position is taken before the rows, so a change landing during the load is patched later.</summary>
    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var position = await feed.PositionAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using var activity = PortalTelemetry.Source.StartActivity("graph index build");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = await GraphIndex.LoadAsync(db, cancellationToken);
        PortalTelemetry.RecordGraphIndexBuild(index.NodeCount, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Interlocked.Increment(ref _buildCount);
        return new Snapshot(index, position);
    }

    private sealed record Snapshot(GraphIndex Index, long Position);

    /// <summary>The rows a change set asks the index to read again.</summary>
    private sealed record Work(HashSet<int> Nodes, HashSet<int> Relationships, HashSet<int> Groups)
    {
        public int Rows => Nodes.Count + Relationships.Count + Groups.Count;

        public static Work From(ChangeSet changes)
        {
            var work = new Work([], [], []);
            foreach (var change in changes.Of(CmdbTypes))
            {
                if (!int.TryParse(change.EntityId, out var id))
                {
                    continue;
                }

                var (ids, fields) = change.EntityType switch
                {
                    nameof(Relationship) => (work.Relationships, RelationshipFields),
                    nameof(RedundancyGroup) => (work.Groups, GroupFields),
                    _ => (work.Nodes, NodeFields),
                };
                if (change.Touches(fields))
                {
                    ids.Add(id);
                }
            }

            return work;
        }
    }
}
