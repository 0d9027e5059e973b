using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Auditing;

/// <summary>How a <see cref="PlannedCommit"/> ended.</summary>
public enum PlannedCommitStatus
{
    /// <summary>The plan cannot be committed (errors, or nothing to do): nothing was stored.</summary>
    Refused,

    /// <summary>Stored, all of it.</summary>
    Committed,

    /// <summary>The save failed on a concurrency token or a unique index (another writer won): nothing was stored.</summary>
    Conflict,
}

/// <summary>The plan that was applied (or refused) and how the commit ended; <see cref="Replanned"/> when it was planned again inside the transaction.</summary>
public sealed record PlannedCommitOutcome<TPlan>(TPlan Plan, PlannedCommitStatus Status, bool Replanned);

/// <summary>
/// Plans a large write outside the write transaction and commits it in a short one, all or nothing. On SQLite a
/// transaction takes the database's one write lock when it begins, so planning inside it (reading the rows to
/// compare, validating every row) made every other user's save wait for the whole import.
/// <list type="number">
/// <item>Note the audit trail's position (its highest id and the ids just below it), then plan on
/// <paramref name="db"/> with tracking, outside any transaction; a plan that cannot commit ends here.</item>
/// <item>Apply the plan to the tracked entities (memory only), prepare the bulk write of its new rows (on SQLite all
/// its rounds, ids handed out: see <see cref="BulkInsert.PrepareRoundsAsync"/>), then begin the transaction.</item>
/// <item>Read the audit rows written since step 1 (the change feed's source, read inside the transaction so
/// nothing can slip in between). If one of them is something the plan relied on (the caller's
/// <c>reliesOn</c>), or the trail cannot say (a reset marker, too many rows), or ids handed out in step 2 were taken
/// meanwhile (another user added a row), roll back and start again from step 1; the third time, clear the context and
/// plan and apply again inside the transaction, as before this helper existed: correctness first.</item>
/// <item>Save and commit. Many new rows (an import's) are written by <see cref="BulkInsert"/>, prepared in step 2,
/// with their audit rows; on PostgreSQL new rows that point at those (relationships, a new domain's services) follow as
/// further rounds, prepared here once the identities they need are known; then EF saves the rest. A concurrency token
/// or unique index that still fails is a <see cref="PlannedCommitStatus.Conflict"/>, and nothing is stored.</item>
/// </list>
/// The ids just below the highest one are compared too: on PostgreSQL an identity is handed out before commit, so a
/// save that was still running while the plan was made can show up with a lower id than the highest seen.
/// </summary>
public static class PlannedCommit
{
    /// <summary>How many audit ids below the highest are remembered (PostgreSQL's late commits land there).</summary>
    private const int LateWindow = 1_000;

    /// <summary>More audit rows than this since planning: plan again rather than read them all.</summary>
    private const int MaxChangesToCheck = 2_000;

    public static async Task<PlannedCommitOutcome<TPlan>> RunAsync<TPlan>(
        PortalDbContext db,
        Func<CancellationToken, Task<TPlan>> plan,
        Func<TPlan, bool> canCommit,
        Func<TPlan, FeedChange, bool> reliesOn,
        Action<TPlan> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(canCommit);
        ArgumentNullException.ThrowIfNull(reliesOn);
        ArgumentNullException.ThrowIfNull(apply);

        for (var attempt = 1; ; attempt++)
        {
            var seen = await SeenAsync(db, cancellationToken);
            var planned = await plan(cancellationToken);
            if (!canCommit(planned))
            {
                return new(planned, PlannedCommitStatus.Refused, Replanned: false);
            }

            // Applying touches tracked entities in memory only, so it too happens before the write lock is taken; so
            // does preparing the bulk write of many new rows (their ids on SQLite, stamps, audit rows and payloads).
            apply(planned);
            var rounds = await BulkInsert.PrepareRoundsAsync(db, cancellationToken);
            using var locked = PortalTelemetry.Source.StartActivity("write transaction");
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            bool replan;
            using (PortalTelemetry.Source.StartActivity("changes since planning"))
            {
                replan = await ChangedSinceAsync(db, seen, change => reliesOn(planned, change), cancellationToken);
            }

            replan = replan || !await BulkInsert.IdsStillFreeAsync(db, rounds, cancellationToken);
            if (replan && attempt < Attempts)
            {
                // Something the plan relied on changed, or another writer took ids handed out to it: plan and
                // prepare again outside the lock, where other users' saves do not wait for it; after a few such
                // races, inside it (where nothing can change meanwhile and the ids read stay free).
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }

            if (replan)
            {
                db.ChangeTracker.Clear();
                planned = await plan(cancellationToken);
                if (!canCommit(planned))
                {
                    return new(planned, PlannedCommitStatus.Refused, Replanned: true);
                }

                apply(planned);
                rounds = await BulkInsert.PrepareRoundsAsync(db, cancellationToken);
            }

            return await WriteAsync(db, transaction, locked, planned, rounds, replan, cancellationToken);
        }
    }

    /// <summary>How often a plan made outside the transaction may turn out stale before the last one is made inside it.</summary>
    private const int Attempts = 3;

    private static async Task<PlannedCommitOutcome<TPlan>> WriteAsync<TPlan>(
        PortalDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, System.Diagnostics.Activity? locked, TPlan planned,
        IReadOnlyList<BulkInsert> rounds, bool replanned, CancellationToken cancellationToken)
    {
        var written = new List<BulkInsert>();
        try
        {

            // The prepared rounds go first. On PostgreSQL rows that point at other new rows (a new domain's services,
            // relationships between new nodes) wait for the identities of the round before them: once its ids are
            // known (Settle passes them on), they are a further round, prepared here. EF saves what is left:
            // updates, deletions, and a last round too small to be worth a bulk write.
            var pending = new Queue<BulkInsert>(rounds);
            var efSavesTheRest = rounds.Count == 0;
            while (pending.TryDequeue(out var round))
            {
                using (PortalTelemetry.Source.StartActivity("bulk insert")?.SetTag("rows", round.Count))
                {
                    await round.WriteAsync(db, cancellationToken);
                }

                written.Add(round);
                efSavesTheRest = round.LeavesChanges;
                if (pending.Count == 0 && round.LeavesChanges && !round.Reserved)
                {
                    round.Settle();
                    if (BulkInsert.Prepare(db) is { } next)
                    {
                        pending.Enqueue(next);
                    }
                }
            }

            if (efSavesTheRest)
            {
                written.ForEach(r => r.Settle());
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            locked?.Stop(); // the span "write transaction" is the time other writers wait
        }
        catch (Exception e) when (e is DbUpdateException || (rounds.Count > 0 && e is System.Data.Common.DbException))
        {
            // A bulk write fails with the provider's own exception (EF wraps it in DbUpdateException for a save).
            db.ChangeTracker.Clear();
            return new(planned, PlannedCommitStatus.Conflict, replanned);
        }

        written.ForEach(r => r.Settle()); // after the commit when nothing else was saved: the lock is not held for it
        return new(planned, PlannedCommitStatus.Committed, replanned);
    }

    /// <summary>The audit trail's highest id and the ids of the rows just below it, before planning.</summary>
    private sealed record Seen(long Mark, HashSet<long> Recent);

    private static async Task<Seen> SeenAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var mark = await AuditTrail.MarkAsync(db, cancellationToken);
        var from = mark - LateWindow;
        var recent = await db.AuditEntries.AsNoTracking().Where(a => a.Id > from).Select(a => a.Id).ToListAsync(cancellationToken);
        return new Seen(mark, [.. recent]);
    }

    private static async Task<bool> ChangedSinceAsync(PortalDbContext db, Seen seen, Func<FeedChange, bool> reliesOn, CancellationToken cancellationToken)
    {
        var from = seen.Mark - LateWindow;
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > from)
            .OrderBy(a => a.Id)
            .Take(LateWindow + MaxChangesToCheck + 1)
            .Select(a => new { a.Id, a.EntityType, a.EntityId, a.Action, Changes = a.Action == AuditAction.Updated ? a.Changes : null })
            .ToListAsync(cancellationToken);
        var since = rows.Where(r => !seen.Recent.Contains(r.Id)).ToList();
        if (since.Count == 0)
        {
            return false;
        }

        if (rows.Count > LateWindow + MaxChangesToCheck || since.Count > MaxChangesToCheck)
        {
            return true;
        }

        return since.Any(r => ChangeFeed.ResetTypes.Contains(r.EntityType)
                              || reliesOn(new FeedChange(r.Id, r.EntityType, r.EntityId, r.Action, ChangeFeed.FieldsOf(r.Changes))));
    }
}
