using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>A problem with one row of an import file; <see cref="Row"/> is the row number as a spreadsheet shows it (the header is row 1).</summary>
public sealed record MeasurementImportError(int Row, string Column, string Reason);

/// <summary>One data row of an import file and what committing it would do.</summary>
/// <param name="Period">The period as written in the file; <see cref="PeriodStart"/> is its parsed first day.</param>
/// <param name="Result">The derived result of the value (for rows without errors).</param>
public sealed record MeasurementImportRow(
    int Row,
    string TargetKey,
    string Period,
    DateOnly? PeriodStart,
    double? Value,
    string? Note,
    MeasurementChange Change,
    double? PreviousValue,
    SlaResult? Result,
    IReadOnlyList<MeasurementImportError> Errors);

/// <summary>What an import file would do. <see cref="FileError"/> is set when the file as a whole is refused.</summary>
public sealed record MeasurementImportPreview(string? FileError, IReadOnlyList<MeasurementImportRow> Rows)
{
    public int AddCount => Rows.Count(r => r.Change == MeasurementChange.Add);

    public int UpdateCount => Rows.Count(r => r.Change == MeasurementChange.Update);

    public int UnchangedCount => Rows.Count(r => r.Change == MeasurementChange.Unchanged);

    public int ErrorCount => Rows.Count(r => r.Change == MeasurementChange.Error);

    public IEnumerable<MeasurementImportError> Errors => Rows.SelectMany(r => r.Errors);

    public bool CanCommit => FileError is null && Rows.Count > 0 && ErrorCount == 0;
}

public sealed record MeasurementImportResult(bool Committed, string Message, int Added, int Updated, int Unchanged, MeasurementImportPreview Preview);

/// <summary>
/// Imports SLA measurements from a CSV file (comma-separated, UTF-8, a header row first). Columns, matched by header
/// name ignoring case, spaces, dashes and underscores: <c>target key</c> (or <c>target</c>), <c>period</c> as
/// <c>yyyy-MM</c>, <c>value</c> with a dot as decimal separator, and optionally <c>note</c>; other columns are ignored.
/// <para><see cref="PreviewAsync"/> reports per row: errors (row, column, reason), or add / update (the value or note
/// differs) / unchanged with the derived result. <see cref="CommitAsync"/> reads and checks the file again outside the write
/// transaction and saves everything or nothing in one short one (<see cref="PlannedCommit"/>); it refuses a file with any error. Measurements are keyed by target and
/// period, so importing the same file twice changes nothing the second time. An empty note keeps the stored note.
/// Two rows with the same target and period are an error naming both rows. Files over <see cref="MaxFileBytes"/> or
/// <see cref="MaxRows"/> data rows are refused.</para>
/// </summary>
public sealed class MeasurementCsvImport(IDbContextFactory<PortalDbContext> dbFactory, ICurrentActor actor, TimeProvider clock)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public const int MaxRows = 10_000;

    private static readonly string[] TargetHeaders = ["targetkey", "target", "slatarget", "slatargetkey"];

    public async Task<MeasurementImportPreview> PreviewAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var parsed = await MeasurementCsvReader.ReadAsync(file, TargetHeaders, "target key", cancellationToken);
        if (parsed.FileError is not null)
        {
            return new MeasurementImportPreview(parsed.FileError, []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await MeasurementPlanner.PlanAsync(db, parsed.Candidates, Today(), emptyNoteKeepsExisting: true, track: false, cancellationToken);
        return ToPreview(parsed, plan);
    }

    public async Task<MeasurementImportResult> CommitAsync(Stream file, CancellationToken cancellationToken = default)
    {
        using var activity = PortalTelemetry.Source.StartActivity("import")?.SetTag("format", "MeasurementCsv");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await CommitUntimedAsync(file, cancellationToken);
        PortalTelemetry.RecordImport("MeasurementCsv", result.Committed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<MeasurementImportResult> CommitUntimedAsync(Stream file, CancellationToken cancellationToken)
    {
        var parsed = await MeasurementCsvReader.ReadAsync(file, TargetHeaders, "target key", cancellationToken);
        if (parsed.FileError is not null)
        {
            var refused = new MeasurementImportPreview(parsed.FileError, []);
            return new MeasurementImportResult(false, parsed.FileError, 0, 0, 0, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = (Added: 0, Updated: 0, Unchanged: 0);
        var outcome = await PlannedCommit.RunAsync(
            db,
            ct => MeasurementPlanner.PlanAsync(db, parsed.Candidates, Today(), emptyNoteKeepsExisting: true, track: true, ct),
            plan => ToPreview(parsed, plan).CanCommit,
            (_, change) => ReadTypes.Contains(change.EntityType),
            plan => counts = MeasurementPlanner.Apply(db, plan, actor.Name, emptyNoteKeepsExisting: true),
            cancellationToken);
        var preview = ToPreview(parsed, outcome.Plan);
        return outcome.Status switch
        {
            PlannedCommitStatus.Refused => new MeasurementImportResult(false, $"Nothing was imported: {preview.ErrorCount} row(s) have errors.", 0, 0, 0, preview),
            PlannedCommitStatus.Conflict => new MeasurementImportResult(
                false, "Nothing was imported: someone else changed these measurements meanwhile. Preview the file again.", 0, 0, 0, preview),
            _ => new MeasurementImportResult(
                true, $"Imported {preview.Rows.Count} row(s): {counts.Added} added, {counts.Updated} updated, {counts.Unchanged} unchanged.", counts.Added, counts.Updated, counts.Unchanged, preview),
        };
    }

    /// <summary>What a plan reads: a change to one of these after planning means planning again (<see cref="PlannedCommit"/>).</summary>
    private static readonly HashSet<string> ReadTypes = new(StringComparer.Ordinal) { nameof(SlaTarget), nameof(SlaMeasurement) };

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static MeasurementImportPreview ToPreview(MeasurementCsvReader.ParsedFile parsed, List<MeasurementPlanner.Planned> plan)
    {
        var rows = plan.Select((p, i) =>
        {
            var raw = parsed.Rows[i];
            var errors = p.Issues.Select(issue => new MeasurementImportError(raw.Row, parsed.Columns.Of(issue.Field), issue.Reason)).ToList();
            return new MeasurementImportRow(
                raw.Row, raw.TargetKey, raw.Period, p.Candidate.PeriodStart, p.Candidate.Value, raw.Note, p.Change, p.PreviousValue, p.Result, errors);
        }).ToList();
        return new MeasurementImportPreview(rows.Count == 0 ? "The file has a header but no data rows." : null, rows);
    }

}
