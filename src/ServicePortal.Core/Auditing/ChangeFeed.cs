using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Auditing;

/// <summary>One change the feed reports: which entity (audit type name and id), how, and which fields an update touched.</summary>
public sealed record FeedChange(long Position, string EntityType, string EntityId, AuditAction Action, IReadOnlyList<string> Fields)
{
    /// <summary>True for a creation or deletion, or an update of at least one of <paramref name="fields"/>.</summary>
    public bool Touches(IReadOnlySet<string> fields) =>
        Action != AuditAction.Updated || Fields.Count == 0 || Fields.Any(fields.Contains);
}

/// <summary>
/// What changed between a subscriber's position and <see cref="Position"/>. When <see cref="Complete"/> is false the
/// feed cannot say (the subscriber's position fell out of the kept window, a bulk load bypassed the audit trail, or
/// too many rows arrived at once): the subscriber reloads whatever it holds.
/// </summary>
public sealed record ChangeSet(long Position, IReadOnlyList<FeedChange> Changes, bool Complete)
{
    public bool IsEmpty => Complete && Changes.Count == 0;

    /// <summary>The changes to entities of these audit types (CLR type names, e.g. <c>nameof(Service)</c>).</summary>
    public IEnumerable<FeedChange> Of(IReadOnlySet<string> entityTypes) => Changes.Where(c => entityTypes.Contains(c.EntityType));

    /// <summary>False when nothing of these types changed (and the set is complete): a cache of them is still current.</summary>
    public bool Touches(IReadOnlySet<string> entityTypes) => !Complete || Of(entityTypes).Any();
}

public sealed record ChangeFeedOptions
{
    /// <summary>
    /// How long the feed trusts its last look at the audit trail for changes made by <em>other</em> instances. A save
    /// through this process makes the next read look at once (<see cref="ChangeFeed.Nudge"/>), so an instance always
    /// sees its own changes; another instance's change shows here at most this much later.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many audit rows are read in one look; more means "reload everything".</summary>
    public int BatchLimit { get; init; } = 5_000;

    /// <summary>How many changes are kept in memory for subscribers that look rarely.</summary>
    public int Capacity { get; init; } = 20_000;

    /// <summary>
    /// How long a missing audit id is waited for (PostgreSQL hands identities out before commit, so a row with a
    /// lower id can become visible after a higher one). A gap still open after this makes every subscriber reload.
    /// </summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// <b>The change feed</b>: the one mechanism by which every cache and index of the portal learns what changed since
/// it last looked. Its source is the audit trail: every save through the portal's DbContext writes one audit row per
/// changed entity in the same transaction (<see cref="AuditingInterceptor"/>), so the rows with ids above the last
/// one read are exactly the changes since — on SQLite and PostgreSQL alike, and whichever instance made them.
/// <para><b>Positions</b> are this process's own sequence numbers, not audit ids: a subscriber keeps the
/// <see cref="ChangeSet.Position"/> of its last look and asks <see cref="SinceAsync"/> for what came after. The feed
/// reads the audit trail (one primary-key range scan, usually empty) at most every
/// <see cref="ChangeFeedOptions.PollInterval"/>, or at once after a save in this process, and keeps the recent
/// changes in memory for every subscriber.</para>
/// <para><b>When it cannot say</b>: bulk loads that bypass the audit trail write one summary row instead (the seed
/// loader and generator do; anything else, such as raw SQL, calls <see cref="PublishResetAsync"/>, which writes a row
/// of type <see cref="Everything"/>); such a row (<see cref="ResetTypes"/>), a burst of
/// more than <see cref="ChangeFeedOptions.BatchLimit"/> rows, an audit id that never shows up, or a subscriber that
/// fell behind the kept window all give an incomplete <see cref="ChangeSet"/>: reload what you hold.</para>
/// <para>Register as a singleton. Thread safe: one look at the database at a time; readers in between share it.</para>
/// </summary>
public sealed class ChangeFeed(
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    ChangeFeedOptions? options = null,
    LocalCommits? localCommits = null,
    ILogger<ChangeFeed>? logger = null) : IDisposable
{
    /// <summary>The audit entity type of a reset marker: "anything may have changed".</summary>
    public const string Everything = "*";

    /// <summary>
    /// Audit types that mean "anything may have changed": <see cref="Everything"/> and the one summary row that a bulk
    /// load writes instead of a row per entity (the seed loader's and the scale generator's).
    /// </summary>
    public static readonly IReadOnlySet<string> ResetTypes = new HashSet<string>(StringComparer.Ordinal) { Everything, "SeedData", "GeneratedCmdb" };

    private readonly ChangeFeedOptions _options = options ?? new ChangeFeedOptions();
    private readonly ILogger _logger = logger ?? NullLogger<ChangeFeed>.Instance;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _lock = new();
    private readonly List<FeedChange> _window = [];
    private readonly Dictionary<long, DateTimeOffset> _gaps = [];
    private long _windowStart = 2; // the position of the oldest change kept (what lies before it is unknown)
    private long _position = 1; // the position of the latest change; 1 is "the start", so 0 means "holds nothing"
    private long _auditMark = -1; // the highest audit id read; -1 before the first look
    private readonly LocalCommits _local = localCommits ?? new LocalCommits();
    private long _nudgesSeen;
    private DateTimeOffset _lookedAt = DateTimeOffset.MinValue;

    /// <summary>How many times the audit trail was read (diagnostics and tests).</summary>
    public int LookCount { get; private set; }

    /// <summary>Tells the feed that this process committed a change: the next read looks at the audit trail at once.</summary>
    public void Nudge() => _local.Note();

    /// <summary>The current position, after looking at the audit trail when a look is due. Start a subscription here.</summary>
    public async Task<long> PositionAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken);
        return Interlocked.Read(ref _position);
    }

    /// <summary>What changed after <paramref name="position"/> (0 or less: the subscriber holds nothing yet, so incomplete).</summary>
    public async Task<ChangeSet> SinceAsync(long position, CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken);
        lock (_lock)
        {
            if (position <= 0 || position < _windowStart - 1 || position > _position)
            {
                return new ChangeSet(_position, [], Complete: false);
            }

            if (position == _position)
            {
                return new ChangeSet(_position, [], Complete: true);
            }

            var first = (int)(position + 1 - _windowStart);
            return new ChangeSet(_position, _window.GetRange(first, _window.Count - first), Complete: true);
        }
    }

    /// <summary>
    /// Writes a reset marker into the audit trail (and saves it): every subscriber on every instance then reloads.
    /// Call after a change that bypassed the audit trail (a bulk load, ExecuteUpdate, raw SQL).
    /// </summary>
    public static async Task PublishResetAsync(PortalDbContext db, string why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(Marker(Everything, "", why, AuditAction.Updated));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// An audit row saying that an entity the audit interceptor does not see (a sign-in account, an API token)
    /// changed; add it to the save that makes the change, so the feed reports it with the change.
    /// </summary>
    public static AuditEntry Marker(string entityType, string entityId, string? name, AuditAction action) => new()
    {
        At = DateTime.UtcNow,
        UserName = "system",
        EntityType = entityType,
        EntityId = entityId,
        EntityName = name is { Length: > 200 } ? name[..200] : name,
        Action = action,
    };

    public void Dispose() => _gate.Dispose();

    private bool Due() =>
        Interlocked.Read(ref _auditMark) < 0
        || _local.Count != Interlocked.Read(ref _nudgesSeen)
        || clock.GetUtcNow() - _lookedAt >= _options.PollInterval;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!Due())
        {
            return;
        }

        // Read the nudge count before waiting: a save committed before this call is then certainly in the look below.
        var nudges = _local.Count;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another reader may have looked while this one waited.
            if (_auditMark >= 0 && Interlocked.Read(ref _nudgesSeen) >= nudges && clock.GetUtcNow() - _lookedAt < _options.PollInterval)
            {
                return;
            }

            var startedAt = clock.GetUtcNow();
            await LookAsync(cancellationToken);
            _lookedAt = startedAt;
            Interlocked.Exchange(ref _nudgesSeen, nudges);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        LookCount++;
        if (_auditMark < 0)
        {
            // The first look: everything before now is what subscribers load in full.
            var mark = await AuditTrail.MarkAsync(db, cancellationToken);
            lock (_lock)
            {
                _auditMark = mark;
            }

            return;
        }

        var from = _auditMark;
        var limit = _options.BatchLimit;
        var gapIds = _gaps.Keys.ToList();
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > from || gapIds.Contains(a.Id))
            .OrderBy(a => a.Id)
            .Take(limit + 1)
            .Select(a => new Row(a.Id, a.EntityType, a.EntityId, a.Action, a.Action == AuditAction.Updated ? a.Changes : null))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && _gaps.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (rows.Count > limit)
            {
                _logger.LogInformation("Change feed: more than {Limit} audit rows at once; subscribers reload", limit);
                ResetLocked(rows[^1].Id);
                _gaps.Clear();
                return;
            }

            var reset = false;
            var next = from + 1;
            foreach (var row in rows)
            {
                if (row.Id <= from)
                {
                    _gaps.Remove(row.Id); // a late row of a transaction that committed after a later one
                }
                else
                {
                    for (var missing = next; missing < row.Id && _gaps.Count <= limit; missing++)
                    {
                        _gaps[missing] = now;
                    }

                    next = row.Id + 1;
                    _auditMark = row.Id;
                }

                if (ResetTypes.Contains(row.EntityType))
                {
                    reset = true;
                    continue;
                }

                _position++;
                _window.Add(new FeedChange(_position, row.EntityType, row.EntityId, row.Action, FieldsOf(row.Changes)));
            }

            var expired = _gaps.Where(g => now - g.Value > _options.GapTimeout).Select(g => g.Key).ToList();
            if (expired.Count > 0 || _gaps.Count > limit)
            {
                // A rolled-back save on PostgreSQL leaves a hole for good; so may a very long transaction: reload.
                _logger.LogInformation("Change feed: {Count} audit ids never appeared; subscribers reload", expired.Count);
                foreach (var id in expired)
                {
                    _gaps.Remove(id);
                }

                reset = true;
            }

            if (reset)
            {
                ResetLocked(_auditMark);
            }

            if (_window.Count > _options.Capacity)
            {
                var drop = _window.Count - (_options.Capacity / 2);
                _window.RemoveRange(0, drop);
                _windowStart += drop;
            }
        }
    }

    /// <summary>Forgets every kept change: a subscriber at any earlier position gets an incomplete set and reloads.</summary>
    private void ResetLocked(long auditMark)
    {
        _auditMark = auditMark;
        _position++; // a position no subscriber holds yet, past everything forgotten
        _window.Clear();
        _windowStart = _position + 1;
    }

    internal static IReadOnlyList<string> FieldsOf(string? changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(changes);
            return json.RootElement.ValueKind == JsonValueKind.Object ? [.. json.RootElement.EnumerateObject().Select(p => p.Name)] : [];
        }
        catch (JsonException)
        {
            return []; // unknown fields: treated as touching everything
        }
    }

    private sealed record Row(long Id, string EntityType, string EntityId, AuditAction Action, string? Changes);
}

/// <summary>
/// Counts the saves this process committed (<see cref="ChangeFeedInterceptor"/> notes them; <see cref="ChangeFeed"/>
/// looks at the audit trail when the count moved). A separate singleton because the interceptor belongs to the
/// DbContext options, which the feed's DbContext factory needs: depending on each other directly would be a cycle.
/// </summary>
public sealed class LocalCommits
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Note() => Interlocked.Increment(ref _count);
}

/// <summary>
/// A version number for data made of some entity types, moved on by the <see cref="ChangeFeed"/>: it changes whenever
/// the feed reports a change to one of <paramref name="entityTypes"/> (or cannot say what changed). A cache stores the
/// version it read <em>before</em> loading with what it loaded, and loads again when <see cref="VersionAsync"/> differs.
/// </summary>
public sealed class ChangeWatch(ChangeFeed feed, IReadOnlySet<string> entityTypes)
{
    private readonly object _lock = new();
    private long _position;
    private long _version = 1;

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        var position = Interlocked.Read(ref _position);
        if (position == 0)
        {
            var start = await feed.PositionAsync(cancellationToken);
            Interlocked.CompareExchange(ref _position, start, 0);
            return Interlocked.Read(ref _version);
        }

        var changes = await feed.SinceAsync(position, cancellationToken);
        lock (_lock)
        {
            // Another caller may have moved on from the same position already; it counted these changes then.
            if (_position == position && changes.Position != position)
            {
                if (changes.Touches(entityTypes))
                {
                    _version++;
                }

                _position = changes.Position;
            }

            return _version;
        }
    }
}
