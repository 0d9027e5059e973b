using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>One value typed into the measurement grid (or pushed by monitoring). <see cref="Note"/> replaces the stored note; null clears it.</summary>
public sealed record MeasurementEntry(int SlaTargetId, DateOnly PeriodStart, double Value, string? Note = null);

/// <param name="Row">1-based position of the entry in the batch (duplicate messages name these numbers).</param>
/// <param name="Result">The derived result of the value; null when the entry has errors.</param>
public sealed record MeasurementEntryResult(
    int Row, MeasurementEntry Entry, MeasurementChange Change, double? PreviousValue, SlaResult? Result, IReadOnlyList<MeasurementIssue> Issues);

public sealed record MeasurementBatchResult(bool Saved, string Message, int Added, int Updated, int Unchanged, IReadOnlyList<MeasurementEntryResult> Items);

/// <summary>
/// Records a batch of measurements from the grid. The batch is all-or-nothing: if any entry is invalid (see
/// <see cref="MeasurementPlanner"/>), nothing is saved and every entry reports its issues, so the user fixes the red
/// cells and saves again. An entry for a target and period that already has a value corrects it in place; the
/// <see cref="AuditingInterceptor"/> records the old and new value.
/// </summary>
public sealed class MeasurementRecorder(IDbContextFactory<PortalDbContext> dbFactory, ICurrentActor actor, TimeProvider clock)
{
    public async Task<MeasurementBatchResult> RecordMeasurementsAsync(IReadOnlyList<MeasurementEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return new MeasurementBatchResult(false, "There is nothing to save.", 0, 0, 0, []);
        }

        var candidates = entries
            .Select((e, i) => new MeasurementPlanner.Candidate(i + 1, null, e.SlaTargetId, e.PeriodStart, e.Value, e.Note, []))
            .ToList();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await MeasurementPlanner.PlanAsync(db, candidates, today, emptyNoteKeepsExisting: false, track: true, cancellationToken);
        var items = plan.Select((p, i) => new MeasurementEntryResult(p.Candidate.Row, entries[i], p.Change, p.PreviousValue, p.Result, p.Issues)).ToList();
        var errors = items.Count(i => i.Change == MeasurementChange.Error);
        if (errors > 0)
        {
            return new MeasurementBatchResult(false, $"Nothing was saved: {errors} of {items.Count} entries have errors.", 0, 0, 0, items);
        }

        var (added, updated, unchanged) = MeasurementPlanner.Apply(db, plan, actor.Name, emptyNoteKeepsExisting: false);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new MeasurementBatchResult(
                false, "Nothing was saved: someone else changed these measurements meanwhile. Reload and try again.", 0, 0, 0, items);
        }

        return new MeasurementBatchResult(true, $"Saved: {added} added, {updated} corrected, {unchanged} unchanged.", added, updated, unchanged, items);
    }
}
