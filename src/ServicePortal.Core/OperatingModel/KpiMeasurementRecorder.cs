using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>One KPI value for a period, typed in a grid or pushed through the API. <see cref="Note"/> replaces the stored note; null clears it.</summary>
public sealed record KpiMeasurementEntry(string KpiKey, DateOnly PeriodStart, double Value, string? Note = null);

/// <param name="Row">1-based position of the entry in the batch.</param>
/// <param name="Outcome">The entry's status by the shared rule; null when the entry has errors.</param>
public sealed record KpiMeasurementEntryResult(
    int Row, KpiMeasurementEntry Entry, MeasurementChange Change, double? PreviousValue, TargetOutcome? Outcome, IReadOnlyList<MeasurementIssue> Issues);

public sealed record KpiMeasurementBatchResult(bool Saved, string Message, int Added, int Updated, int Unchanged, IReadOnlyList<KpiMeasurementEntryResult> Items);

/// <summary>
/// Records a batch of KPI measurements, all or nothing (see <see cref="KpiMeasurementPlanner"/> for the rules).
/// Idempotent by KPI and period: sending the same batch again changes nothing; a new value for a stored period
/// corrects it in place and the <see cref="AuditingInterceptor"/> records the old and new value.
/// Callers check authorization first (EditScore).
/// </summary>
public sealed class KpiMeasurementRecorder(IDbContextFactory<PortalDbContext> dbFactory, ICurrentActor actor, TimeProvider clock)
{
    public async Task<KpiMeasurementBatchResult> RecordAsync(IReadOnlyList<KpiMeasurementEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return new KpiMeasurementBatchResult(false, "There is nothing to save.", 0, 0, 0, []);
        }

        var candidates = entries.Select((e, i) => new MeasurementPlanner.Candidate(i + 1, e.KpiKey, null, e.PeriodStart, e.Value, e.Note, [])).ToList();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await KpiMeasurementPlanner.PlanAsync(db, candidates, today, emptyNoteKeepsExisting: false, track: true, cancellationToken);
        var items = plan.Select((p, i) => new KpiMeasurementEntryResult(p.Candidate.Row, entries[i], p.Change, p.PreviousValue, p.Outcome, p.Issues)).ToList();
        var errors = items.Count(i => i.Change == MeasurementChange.Error);
        if (errors > 0)
        {
            return new KpiMeasurementBatchResult(false, $"Nothing was saved: {errors} of {items.Count} entries have errors.", 0, 0, 0, items);
        }

        var (added, updated, unchanged) = KpiMeasurementPlanner.Apply(db, plan, actor.Name, emptyNoteKeepsExisting: false);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new KpiMeasurementBatchResult(false, "Nothing was saved: someone else changed these measurements meanwhile. Reload and try again.", 0, 0, 0, items);
        }

        return new KpiMeasurementBatchResult(true, $"Saved: {added} added, {updated} corrected, {unchanged} unchanged.", added, updated, unchanged, items);
    }
}
