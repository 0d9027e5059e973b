using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>What saving one measurement would do.</summary>
public enum MeasurementChange
{
    /// <summary>No measurement exists for the target and period yet.</summary>
    Add,

    /// <summary>A measurement exists and the value (or the note) differs: it is corrected in place; the audit trail keeps the old value.</summary>
    Update,

    /// <summary>The same value is already recorded: nothing is written (re-importing a file is harmless).</summary>
    Unchanged,

    /// <summary>The entry is invalid; see its issues.</summary>
    Error,
}

/// <summary>The part of an entry a problem is about.</summary>
public enum MeasurementField
{
    Target,
    Period,
    Value,
    Note,
}

public sealed record MeasurementIssue(MeasurementField Field, string Reason);

/// <summary>
/// The rules shared by every way of recording measurements (grid, file import, API): validation, duplicate detection,
/// and add / correct / leave unchanged. An entry is valid when its target exists, its period is a valid start for the
/// target's period type and has begun, its value passes <see cref="SlaEvaluator.ValidateValue"/>, its note fits, and no
/// other entry of the same batch names the same target and period. Measurements are unique per target and period:
/// an existing one is corrected, never duplicated.
/// </summary>
internal static class MeasurementPlanner
{
    internal sealed record Candidate(int Row, string? TargetKey, int? TargetId, DateOnly? PeriodStart, double? Value, string? Note, List<MeasurementIssue> Issues);

    internal sealed record TargetRule(int Id, string Key, SlaMetric Metric, double Target, TargetDirection Direction, MeasurementPeriod Period, double WarningBand);

    internal sealed record Planned(
        Candidate Candidate, TargetRule? Target, MeasurementChange Change, SlaMeasurement? Existing, double? PreviousValue, SlaResult? Result, IReadOnlyList<MeasurementIssue> Issues)
        : IPlannedValue
    {
        IRecordedValue? IPlannedValue.Existing => Existing;
    }

    /// <summary>One planned entry of either measurement kind: what <see cref="Apply{TPlanned}"/> needs.</summary>
    internal interface IPlannedValue
    {
        Candidate Candidate { get; }

        MeasurementChange Change { get; }

        IRecordedValue? Existing { get; }
    }

    /// <param name="emptyNoteKeepsExisting">True for file imports: a file without notes must not wipe notes typed in the grid.</param>
    /// <param name="track">True when the plan is about to be applied: existing measurements are tracked for the update.</param>
    public static async Task<List<Planned>> PlanAsync(
        PortalDbContext db, IReadOnlyList<Candidate> candidates, DateOnly today, bool emptyNoteKeepsExisting, bool track, CancellationToken cancellationToken)
    {
        var targets = await LoadTargetsAsync(db, candidates, cancellationToken);
        var resolved = candidates.Select(c => (Candidate: c, Target: Resolve(c, targets))).ToList();
        foreach (var (candidate, target) in resolved)
        {
            Validate(candidate, target, today);
        }

        MarkDuplicates(resolved);

        var valid = resolved.Where(r => r.Candidate.Issues.Count == 0 && r.Target is not null).ToList();
        var targetIds = valid.Select(r => r.Target!.Id).Distinct().ToList();
        var periods = valid.Select(r => r.Candidate.PeriodStart!.Value).Distinct().ToList();
        var query = db.SlaMeasurements.Where(m => targetIds.Contains(m.SlaTargetId) && periods.Contains(m.PeriodStart));
        var existing = targetIds.Count == 0
            ? []
            : await (track ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        var existingByKey = existing.ToDictionary(m => (m.SlaTargetId, m.PeriodStart));

        return resolved.Select(r =>
        {
            var (candidate, target) = r;
            if (candidate.Issues.Count > 0 || target is null)
            {
                return new Planned(candidate, target, MeasurementChange.Error, null, null, null, candidate.Issues);
            }

            var value = candidate.Value!.Value;
            var result = SlaEvaluator.Evaluate(target.Direction, target.Target, target.WarningBand, value);
            if (!existingByKey.TryGetValue((target.Id, candidate.PeriodStart!.Value), out var current))
            {
                return new Planned(candidate, target, MeasurementChange.Add, null, null, result, []);
            }

            return new Planned(candidate, target, Compare(current, candidate, emptyNoteKeepsExisting), current, current.Value, result, []);
        }).ToList();
    }

    /// <summary>Adds and corrects the planned measurements on <paramref name="db"/> (the caller saves).</summary>
    public static (int Added, int Updated, int Unchanged) Apply(PortalDbContext db, IEnumerable<Planned> plan, string recordedBy, bool emptyNoteKeepsExisting) =>
        Apply(plan, item => db.SlaMeasurements.Add(new SlaMeasurement { SlaTargetId = item.Target!.Id }).Entity, recordedBy, emptyNoteKeepsExisting);

    /// <summary>An existing measurement stays unchanged when the entry repeats its value and (after the note rule) its note; else it is corrected.</summary>
    internal static MeasurementChange Compare(IRecordedValue current, Candidate candidate, bool emptyNoteKeepsExisting) =>
        current.Value.Equals(candidate.Value) && NoteToStore(candidate.Note, current.Note, emptyNoteKeepsExisting) == current.Note
            ? MeasurementChange.Unchanged
            : MeasurementChange.Update;

    /// <summary>
    /// Applies a plan of either measurement kind: <paramref name="add"/> adds a new measurement to the context (the
    /// caller names what it measures) and this fills in period, value, note and who recorded it; an update corrects
    /// value and note in place (the auditing interceptor records old → new). A plan with errors is never applied.
    /// </summary>
    internal static (int Added, int Updated, int Unchanged) Apply<TPlanned>(
        IEnumerable<TPlanned> plan, Func<TPlanned, IRecordedValue> add, string recordedBy, bool emptyNoteKeepsExisting)
        where TPlanned : IPlannedValue
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var item in plan)
        {
            switch (item.Change)
            {
                case MeasurementChange.Add:
                    var measurement = add(item);
                    measurement.PeriodStart = item.Candidate.PeriodStart!.Value;
                    measurement.Value = item.Candidate.Value!.Value;
                    measurement.Note = Clean(item.Candidate.Note);
                    measurement.RecordedBy = recordedBy;
                    added++;
                    break;
                case MeasurementChange.Update:
                    var existing = item.Existing!;
                    existing.Value = item.Candidate.Value!.Value;
                    existing.Note = NoteToStore(item.Candidate.Note, existing.Note, emptyNoteKeepsExisting);
                    existing.RecordedBy = recordedBy;
                    updated++;
                    break;
                case MeasurementChange.Unchanged:
                    unchanged++;
                    break;
                default:
                    throw new InvalidOperationException("A plan with errors must not be applied.");
            }
        }

        return (added, updated, unchanged);
    }

    private static string? NoteToStore(string? given, string? current, bool emptyNoteKeepsExisting) =>
        Clean(given) ?? (emptyNoteKeepsExisting ? current : null);

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static async Task<List<TargetRule>> LoadTargetsAsync(PortalDbContext db, IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var keys = candidates.Select(c => c.TargetKey?.Trim().ToUpperInvariant()).OfType<string>().Where(k => k.Length > 0).Distinct().ToList();
        var ids = candidates.Select(c => c.TargetId).OfType<int>().Distinct().ToList();
        if (keys.Count == 0 && ids.Count == 0)
        {
            return [];
        }

        // Keys are matched ignoring case (upper() is ASCII-only in SQLite; target keys are ASCII codes like "PAYGW-AVAIL").
        return await db.SlaTargets.AsNoTracking()
            .Where(t => ids.Contains(t.Id) || keys.Contains(t.Key.ToUpper()))
            .Select(t => new TargetRule(t.Id, t.Key, t.Metric, t.Target, t.Direction, t.Period, t.WarningBand))
            .ToListAsync(cancellationToken);
    }

    private static TargetRule? Resolve(Candidate candidate, List<TargetRule> targets)
    {
        if (candidate.TargetId is { } id)
        {
            return targets.FirstOrDefault(t => t.Id == id);
        }

        var key = candidate.TargetKey?.Trim();
        return string.IsNullOrEmpty(key)
            ? null
            : targets.FirstOrDefault(t => t.Key == key) ?? targets.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
    }

    private static void Validate(Candidate candidate, TargetRule? target, DateOnly today)
    {
        var issues = candidate.Issues;
        if (target is null && !issues.Any(i => i.Field == MeasurementField.Target))
        {
            issues.Add(new MeasurementIssue(MeasurementField.Target, candidate.TargetId is { } id
                ? $"no SLA target has id {id}"
                : string.IsNullOrWhiteSpace(candidate.TargetKey) ? "is required" : $"no SLA target has the key '{candidate.TargetKey.Trim()}'"));
        }

        if (target is not null && candidate.PeriodStart is { } period)
        {
            if (SlaPeriods.ValidatePeriodStart(period, target.Period) is { } reason)
            {
                issues.Add(new MeasurementIssue(MeasurementField.Period, $"{reason} ({target.Key} is measured {target.Period.ToString().ToLowerInvariant()})"));
            }
            else if (period > today)
            {
                issues.Add(new MeasurementIssue(MeasurementField.Period, $"{SlaPeriods.Format(period, target.Period)} has not started yet"));
            }
        }

        if (candidate.Value is { } value && SlaEvaluator.ValidateValue(target?.Metric ?? SlaMetric.Custom, value) is { } valueReason)
        {
            issues.Add(new MeasurementIssue(MeasurementField.Value, valueReason));
        }

        if (candidate.Note is { Length: > FieldLengths.Description })
        {
            issues.Add(new MeasurementIssue(MeasurementField.Note, $"is longer than {FieldLengths.Description} characters"));
        }
        else if (TextRules.Problem(candidate.Note, allowLineBreaks: true) is { } noteProblem)
        {
            issues.Add(new MeasurementIssue(MeasurementField.Note, noteProblem));
        }
    }

    private static void MarkDuplicates(List<(Candidate Candidate, TargetRule? Target)> resolved)
    {
        var groups = resolved
            .Where(r => r.Target is not null && r.Candidate.PeriodStart is not null)
            .GroupBy(r => (r.Target!.Id, r.Candidate.PeriodStart!.Value))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var rows = group.Select(r => r.Candidate.Row).ToList();
            var names = string.Join(", ", rows.Take(rows.Count - 1)) + " and " + rows[^1];
            var first = group.First();
            var reason = $"rows {names} all give {first.Target!.Key} for {SlaPeriods.Format(group.Key.Value, first.Target.Period)}; keep one";
            foreach (var (candidate, _) in group)
            {
                candidate.Issues.Add(new MeasurementIssue(MeasurementField.Target, reason));
            }
        }
    }
}
