using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>One data row of a KPI import file and what committing it would do (the header is row 1).</summary>
public sealed record KpiImportRow(
    int Row, string KpiKey, string Period, DateOnly? PeriodStart, double? Value, string? Note, MeasurementChange Change, double? PreviousValue,
    TargetOutcome? Outcome, IReadOnlyList<MeasurementImportError> Errors);

/// <summary>What a KPI import file would do. <see cref="FileError"/> is set when the file as a whole is refused.</summary>
public sealed record KpiImportPreview(string? FileError, IReadOnlyList<KpiImportRow> Rows)
{
    public int AddCount => Rows.Count(r => r.Change == MeasurementChange.Add);

    public int UpdateCount => Rows.Count(r => r.Change == MeasurementChange.Update);

    public int UnchangedCount => Rows.Count(r => r.Change == MeasurementChange.Unchanged);

    public int ErrorCount => Rows.Count(r => r.Change == MeasurementChange.Error);

    public IEnumerable<MeasurementImportError> Errors => Rows.SelectMany(r => r.Errors);

    public bool CanCommit => FileError is null && Rows.Count > 0 && ErrorCount == 0;
}

public sealed record KpiImportResult(bool Committed, string Message, int Added, int Updated, int Unchanged, KpiImportPreview Preview);

/// <summary>
/// Imports practice KPI measurements from CSV the way <see cref="MeasurementCsvImport"/> imports SLA measurements (the
/// same reader, limits and messages): columns <c>kpi key</c> (or <c>kpi</c>), <c>period</c> (yyyy-MM), <c>value</c>,
/// optionally <c>note</c>. <see cref="PreviewAsync"/> stores nothing; <see cref="CommitAsync"/> checks the file again
/// outside the write transaction and saves all rows or none in one short one (<see cref="PlannedCommit"/>). Importing the same file twice changes nothing the second time;
/// an empty note keeps the stored note.
/// </summary>
public sealed class KpiMeasurementCsvImport(IDbContextFactory<PortalDbContext> dbFactory, ICurrentActor actor, TimeProvider clock)
{
    public const string Header = "kpi key,period,value,note";

    private static readonly string[] KpiHeaders = ["kpikey", "kpi", "key"];

    public async Task<KpiImportPreview> PreviewAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var parsed = await MeasurementCsvReader.ReadAsync(file, KpiHeaders, "kpi key", cancellationToken);
        if (parsed.FileError is not null)
        {
            return new KpiImportPreview(parsed.FileError, []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await KpiMeasurementPlanner.PlanAsync(db, parsed.Candidates, Today(), emptyNoteKeepsExisting: true, track: false, cancellationToken);
        return ToPreview(parsed, plan);
    }

    public async Task<KpiImportResult> CommitAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var parsed = await MeasurementCsvReader.ReadAsync(file, KpiHeaders, "kpi key", cancellationToken);
        if (parsed.FileError is not null)
        {
            return new KpiImportResult(false, parsed.FileError, 0, 0, 0, new KpiImportPreview(parsed.FileError, []));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = (Added: 0, Updated: 0, Unchanged: 0);
        var outcome = await PlannedCommit.RunAsync(
            db,
            ct => KpiMeasurementPlanner.PlanAsync(db, parsed.Candidates, Today(), emptyNoteKeepsExisting: true, track: true, ct),
            plan => ToPreview(parsed, plan).CanCommit,
            (_, change) => ReadTypes.Contains(change.EntityType),
            plan => counts = KpiMeasurementPlanner.Apply(db, plan, actor.Name, emptyNoteKeepsExisting: true),
            cancellationToken);
        var preview = ToPreview(parsed, outcome.Plan);
        return outcome.Status switch
        {
            PlannedCommitStatus.Refused => new KpiImportResult(false, preview.FileError ?? $"Nothing was imported: {preview.ErrorCount} row(s) have errors.", 0, 0, 0, preview),
            PlannedCommitStatus.Conflict => new KpiImportResult(false, "Nothing was imported: someone else changed these measurements meanwhile. Preview the file again.", 0, 0, 0, preview),
            _ => new KpiImportResult(
                true, $"Imported {preview.Rows.Count} row(s): {counts.Added} added, {counts.Updated} updated, {counts.Unchanged} unchanged.", counts.Added, counts.Updated, counts.Unchanged, preview),
        };
    }

    /// <summary>What a plan reads (the current score version's KPIs and their measurements): a change to one of these after planning means planning again.</summary>
    private static readonly HashSet<string> ReadTypes = new(StringComparer.Ordinal)
    {
        nameof(ScoreVersion), nameof(Practice), nameof(PracticeKpi), nameof(KpiMeasurement),
    };

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static KpiImportPreview ToPreview(MeasurementCsvReader.ParsedFile parsed, List<KpiMeasurementPlanner.Planned> plan)
    {
        var rows = plan.Select((p, i) =>
        {
            var raw = parsed.Rows[i];
            var errors = p.Issues.Select(issue => new MeasurementImportError(raw.Row, parsed.Columns.Of(issue.Field), issue.Reason)).ToList();
            return new KpiImportRow(raw.Row, raw.TargetKey, raw.Period, p.Candidate.PeriodStart, p.Candidate.Value, raw.Note, p.Change, p.PreviousValue, p.Outcome, errors);
        }).ToList();
        return new KpiImportPreview(rows.Count == 0 ? "The file has a header but no data rows." : null, rows);
    }
}
