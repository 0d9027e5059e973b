using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>
/// The rules shared by every way of recording KPI measurements (API, CSV import, a grid): validation, duplicates within
/// a batch, and add / correct / leave unchanged — the same steps as <see cref="MeasurementPlanner"/> for SLAs, with the
/// same candidate and issue shapes. A measurement names a KPI of the current score version (the latest published one;
/// while nothing is published, the draft: see <see cref="GovernanceSnapshotLoader.CurrentScoreVersion"/>), so a KPI
/// added to a draft is measured once its target is published. Its period must be a valid start for the KPI's period
/// and have begun; its value must pass <see cref="KpiRules.ValidateValue"/>. Measurements are unique per KPI key and
/// period: an existing one is corrected, never duplicated; the same value again changes nothing.
/// </summary>
internal static class KpiMeasurementPlanner
{
    internal sealed record Planned(
        MeasurementPlanner.Candidate Candidate, KpiLine? Kpi, MeasurementChange Change, KpiMeasurement? Existing, double? PreviousValue, TargetOutcome? Outcome,
        IReadOnlyList<MeasurementIssue> Issues) : MeasurementPlanner.IPlannedValue
    {
        IRecordedValue? MeasurementPlanner.IPlannedValue.Existing => Existing;
    }

    /// <summary>The KPIs measurements are recorded against, by key (ignoring case).</summary>
    public static async Task<Dictionary<string, KpiLine>> CurrentKpisAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.ScoreVersions.AsNoTracking().Select(v => new ScoreVersionFacts(v.Id, v.Number, v.Title, v.Status)).ToListAsync(cancellationToken);
        if (GovernanceSnapshotLoader.CurrentScoreVersion(versions) is not { } current)
        {
            return new Dictionary<string, KpiLine>(StringComparer.OrdinalIgnoreCase);
        }

        var kpis = await db.PracticeKpis.AsNoTracking().Where(k => k.Practice!.ScoreVersionId == current.Id).ToListAsync(cancellationToken);
        return kpis.Select(KpiLine.From).ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <param name="emptyNoteKeepsExisting">True for file imports: a file without notes must not wipe notes typed elsewhere.</param>
    /// <param name="track">True when the plan is about to be applied: existing measurements are tracked for the update.</param>
    public static async Task<List<Planned>> PlanAsync(
        PortalDbContext db, IReadOnlyList<MeasurementPlanner.Candidate> candidates, DateOnly today, bool emptyNoteKeepsExisting, bool track, CancellationToken cancellationToken)
    {
        var kpis = await CurrentKpisAsync(db, cancellationToken);
        var resolved = candidates.Select(c => (Candidate: c, Kpi: c.TargetKey is { } key ? kpis.GetValueOrDefault(key.Trim()) : null)).ToList();
        foreach (var (candidate, kpi) in resolved)
        {
            Validate(candidate, kpi, today);
        }

        foreach (var group in resolved.Where(r => r.Kpi is not null && r.Candidate.PeriodStart is not null)
                     .GroupBy(r => (r.Kpi!.Key, r.Candidate.PeriodStart!.Value)).Where(g => g.Count() > 1))
        {
            var rows = group.Select(r => r.Candidate.Row).ToList();
            var reason = $"rows {string.Join(", ", rows.Take(rows.Count - 1))} and {rows[^1]} all give {group.Key.Key} for {SlaPeriods.Format(group.Key.Value, group.First().Kpi!.Period)}; keep one";
            foreach (var (candidate, _) in group)
            {
                candidate.Issues.Add(new MeasurementIssue(MeasurementField.Target, reason));
            }
        }

        var valid = resolved.Where(r => r.Candidate.Issues.Count == 0 && r.Kpi is not null).ToList();
        var keys = valid.Select(r => r.Kpi!.Key).Distinct().ToList();
        var periods = valid.Select(r => r.Candidate.PeriodStart!.Value).Distinct().ToList();
        var query = db.KpiMeasurements.Where(m => keys.Contains(m.KpiKey) && periods.Contains(m.PeriodStart));
        var existing = keys.Count == 0 ? [] : await (track ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(m => (m.KpiKey, m.PeriodStart));

        return resolved.Select(r =>
        {
            var (candidate, kpi) = r;
            if (candidate.Issues.Count > 0 || kpi is null)
            {
                return new Planned(candidate, kpi, MeasurementChange.Error, null, null, null, candidate.Issues);
            }

            var value = candidate.Value!.Value;
            var outcome = KpiRules.Evaluate(kpi, value);
            if (!byKey.TryGetValue((kpi.Key, candidate.PeriodStart!.Value), out var current))
            {
                return new Planned(candidate, kpi, MeasurementChange.Add, null, null, outcome, []);
            }

            return new Planned(candidate, kpi, MeasurementPlanner.Compare(current, candidate, emptyNoteKeepsExisting), current, current.Value, outcome, []);
        }).ToList();
    }

    /// <summary>Adds and corrects the planned measurements on <paramref name="db"/> (the caller saves; the auditing interceptor records old → new).</summary>
    public static (int Added, int Updated, int Unchanged) Apply(PortalDbContext db, IEnumerable<Planned> plan, string recordedBy, bool emptyNoteKeepsExisting) =>
        MeasurementPlanner.Apply(plan, item => db.KpiMeasurements.Add(new KpiMeasurement { KpiKey = item.Kpi!.Key }).Entity, recordedBy, emptyNoteKeepsExisting);

    private static void Validate(MeasurementPlanner.Candidate candidate, KpiLine? kpi, DateOnly today)
    {
        var issues = candidate.Issues;
        if (kpi is null && !issues.Any(i => i.Field == MeasurementField.Target))
        {
            issues.Add(new MeasurementIssue(MeasurementField.Target, string.IsNullOrWhiteSpace(candidate.TargetKey)
                ? "is required"
                : $"no KPI of the current score version has the key '{candidate.TargetKey.Trim()}'"));
        }

        if (kpi is not null && candidate.PeriodStart is { } period)
        {
            if (SlaPeriods.ValidatePeriodStart(period, kpi.Period) is { } reason)
            {
                issues.Add(new MeasurementIssue(MeasurementField.Period, $"{reason} ({kpi.Key} is measured {kpi.Period.ToString().ToLowerInvariant()})"));
            }
            else if (period > today)
            {
                issues.Add(new MeasurementIssue(MeasurementField.Period, $"{SlaPeriods.Format(period, kpi.Period)} has not started yet"));
            }
        }

        if (candidate.Value is { } value && KpiRules.ValidateValue(kpi?.Metric ?? KpiMetric.Custom, value) is { } valueReason)
        {
            issues.Add(new MeasurementIssue(MeasurementField.Value, valueReason));
        }

        if (candidate.Note is { Length: > FieldLengths.Description })
        {
            issues.Add(new MeasurementIssue(MeasurementField.Note, $"is longer than {FieldLengths.Description} characters"));
        }
    }

}
