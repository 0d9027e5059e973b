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
/// <item>Apply the plan to the tracked entities (memory only), prepare the bulk write of its new rows, then begin
/// the transaction.</item>
/// <item>Read the audit rows written since step 1 (the change feed's source, read inside the transaction so
/// nothing can slip in between). If one of them is something the plan relied on (the caller's
/// <c>reliesOn</c>), or the trail cannot say (a reset marker, too many rows), clear the context and plan and apply
/// again inside the transaction, as before this helper existed: correctness first.</item>
/// <item>Save and commit. Many new rows (an import's) are written by <see cref="BulkInsert"/>, prepared in step 2,
/// with their audit rows; new rows that point at those (relationships, a new domain's services) follow as further
/// rounds, prepared here once the ids they need are known; then EF saves the rest. A concurrency token or unique index
/// that still fails is a <see cref="PlannedCommitStatus.Conflict"/>, and nothing is stored.</item>
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

        var seen = await SeenAsync(db, cancellationToken);
        var planned = await plan(cancellationToken);
        if (!canCommit(planned))
        {
            return new(planned, PlannedCommitStatus.Refused, Replanned: false);
        }

        // Applying touches tracked entities in memory only, so it too happens before the write lock is taken; so
        // does preparing the bulk write of many new rows (their stamps, audit rows and command parameters).
        apply(planned);
        var bulk = BulkInsert.Prepare(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replanned = false;
        if (await ChangedSinceAsync(db, seen, change => reliesOn(planned, change), cancellationToken))
        {
            db.ChangeTracker.Clear();
            planned = await plan(cancellationToken);
            replanned = true;
            if (!canCommit(planned))
            {
                return new(planned, PlannedCommitStatus.Refused, Replanned: true);
            }

            apply(planned);
            bulk = BulkInsert.Prepare(db);
        }

        var last = bulk;
        try
        {
            // Rows that point at other new rows (a new domain's services, relationships between new nodes) cannot be
            // written with the first round: once its ids are known (Settle passes them on to the rows that point at
            // them), they are a further round, prepared and written inside the transaction. EF saves what is left:
            // updates, deletions, and a last round too small to be worth a bulk write.
            var efSavesTheRest = bulk is null;
            for (var round = bulk; round is not null;)
            {
                using (PortalTelemetry.Source.StartActivity("bulk insert")?.SetTag("rows", round.Count))
                {
                    await round.WriteAsync(db, cancellationToken);
                }

                last = round;
                efSavesTheRest = round.LeavesChanges;
                if (!round.LeavesChanges)
                {
                    break;
                }

                round.Settle();
                round = BulkInsert.Prepare(db);
            }

            if (efSavesTheRest)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException || (bulk is not null && e is System.Data.Common.DbException))
        {
            // A bulk write fails with the provider's own exception (EF wraps it in DbUpdateException for a save).
            db.ChangeTracker.Clear();
            return new(planned, PlannedCommitStatus.Conflict, replanned);
        }

        last?.Settle(); // after the commit when nothing else was saved: the lock is not held for it
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
