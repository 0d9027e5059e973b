using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
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
/// differs) / unchanged with the derived result. <see cref="CommitAsync"/> reads and checks the file again inside one
/// transaction and saves everything or nothing; it refuses a file with any error. Measurements are keyed by target and
/// period, so importing the same file twice changes nothing the second time. An empty note keeps the stored note.
/// Two rows with the same target and period are an error naming both rows. Files over <see cref="MaxFileBytes"/> or
/// <see cref="MaxRows"/> data rows are refused.</para>
/// </summary>
public sealed class MeasurementCsvImport(IDbContextFactory<PortalDbContext> dbFactory, ICurrentActor actor, TimeProvider clock)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public const int MaxRows = 10_000;

    private static readonly string[] TargetHeaders = ["targetkey", "target", "slatarget", "slatargetkey"];
    private static readonly string[] PeriodHeaders = ["period", "periodstart"];
    private static readonly string[] ValueHeaders = ["value"];
    private static readonly string[] NoteHeaders = ["note", "notes"];

    public async Task<MeasurementImportPreview> PreviewAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var parsed = await ParseAsync(file, cancellationToken);
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
        var parsed = await ParseAsync(file, cancellationToken);
        if (parsed.FileError is not null)
        {
            var refused = new MeasurementImportPreview(parsed.FileError, []);
            return new MeasurementImportResult(false, parsed.FileError, 0, 0, 0, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await MeasurementPlanner.PlanAsync(db, parsed.Candidates, Today(), emptyNoteKeepsExisting: true, track: true, cancellationToken);
        var preview = ToPreview(parsed, plan);
        if (!preview.CanCommit)
        {
            return new MeasurementImportResult(false, $"Nothing was imported: {preview.ErrorCount} row(s) have errors.", 0, 0, 0, preview);
        }

        var (added, updated, unchanged) = MeasurementPlanner.Apply(db, plan, actor.Name, emptyNoteKeepsExisting: true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new MeasurementImportResult(
                false, "Nothing was imported: someone else changed these measurements meanwhile. Preview the file again.", 0, 0, 0, preview);
        }

        return new MeasurementImportResult(
            true, $"Imported {preview.Rows.Count} row(s): {added} added, {updated} updated, {unchanged} unchanged.", added, updated, unchanged, preview);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private sealed record ParsedFile(string? FileError, List<MeasurementPlanner.Candidate> Candidates, List<RawRow> Rows, ColumnNames Columns);

    /// <param name="ExtraFields">More filled fields than the header names: a decimal comma ("99,5") or an unquoted comma in a note.</param>
    private sealed record RawRow(int Row, string TargetKey, string Period, string Value, string? Note, bool ExtraFields);

    private sealed record ColumnNames(string Target, string Period, string Value, string Note);

    private static ParsedFile Refuse(string error) => new(error, [], [], new ColumnNames("", "", "", ""));

    private static async Task<ParsedFile> ParseAsync(Stream file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var limit = $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB; split it into smaller files.";
        if (file.CanSeek && file.Length - file.Position > MaxFileBytes)
        {
            return Refuse(limit);
        }

        // Read at most one byte past the limit, so an unseekable upload cannot make us buffer an arbitrary amount.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
            {
                return Refuse(limit);
            }
        }

        buffer.Position = 0;
        var badRows = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = args => badRows.Add(args.Context.Parser?.Row ?? 0),
        };
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                return Refuse("The file is empty. The first row must name the columns: target key, period, value and optionally note.");
            }

            var target = Find(header, TargetHeaders);
            var period = Find(header, PeriodHeaders);
            var value = Find(header, ValueHeaders);
            var note = Find(header, NoteHeaders);
            var missing = new[] { ("target key", target), ("period", period), ("value", value) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
            if (missing.Count > 0)
            {
                var hint = header.Length == 1 && header[0].Contains(';') ? " The file seems to use semicolons; save it with commas as separators." : "";
                return Refuse($"The header row lacks the column(s) {string.Join(", ", missing)}. Found: {string.Join(", ", header)}.{hint}");
            }

            var columns = new ColumnNames(header[target], header[period], header[value], note >= 0 ? header[note] : "note");
            var rows = new List<RawRow>();
            while (await csv.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fields = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToArray();
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count == MaxRows)
                {
                    return Refuse($"The file has more than {MaxRows:N0} rows; split it into smaller files.");
                }

                string Field(int index) => index >= 0 && index < fields.Length ? fields[index] : "";
                var extraFields = fields.Skip(header.Length).Any(f => !string.IsNullOrWhiteSpace(f));
                rows.Add(new RawRow(csv.Parser.Row, Field(target), Field(period), Field(value), note >= 0 ? Field(note) : null, extraFields));
            }

            var candidates = rows.Select(r => ToCandidate(r, badRows.Contains(r.Row))).ToList();
            return new ParsedFile(null, candidates, rows, columns);
        }
        catch (CsvHelperException e)
        {
            return Refuse($"The file could not be read as CSV near row {e.Context?.Parser?.Row}: {e.Message.Split('\n')[0]}");
        }
    }

    private static int Find(string[] header, string[] names) =>
        Array.FindIndex(header, h => names.Contains(Normalise(h)));

    private static string Normalise(string header) =>
        new(header.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());

    private static MeasurementPlanner.Candidate ToCandidate(RawRow row, bool badQuoting)
    {
        var issues = new List<MeasurementIssue>();
        if (badQuoting)
        {
            issues.Add(new MeasurementIssue(MeasurementField.Target, "the row has a stray quote character; quote the whole field or remove it"));
        }

        if (string.IsNullOrWhiteSpace(row.TargetKey))
        {
            issues.Add(new MeasurementIssue(MeasurementField.Target, "is required"));
        }

        DateOnly? periodStart = null;
        if (string.IsNullOrWhiteSpace(row.Period))
        {
            issues.Add(new MeasurementIssue(MeasurementField.Period, "is required (yyyy-MM, e.g. 2026-03)"));
        }
        else if (SlaPeriods.TryParseMonth(row.Period, out var month))
        {
            periodStart = month;
        }
        else
        {
            issues.Add(new MeasurementIssue(MeasurementField.Period, $"'{row.Period}' is not a month written yyyy-MM, e.g. 2026-03"));
        }

        double? value = null;
        if (row.ExtraFields)
        {
            // Reading "99,5" as 99 would store a wrong value silently; refuse the row instead.
            issues.Add(new MeasurementIssue(MeasurementField.Value, "the row has more fields than the header: write decimals with a dot (99.5) and put notes containing commas in quotes"));
        }
        else if (string.IsNullOrWhiteSpace(row.Value))
        {
            issues.Add(new MeasurementIssue(MeasurementField.Value, "is required"));
        }
        else if (double.TryParse(row.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
        }
        else
        {
            issues.Add(new MeasurementIssue(MeasurementField.Value, $"'{row.Value}' is not a number (use a dot as decimal separator, e.g. 99.95)"));
        }

        return new MeasurementPlanner.Candidate(row.Row, row.TargetKey, null, periodStart, value, row.Note, issues);
    }

    private static MeasurementImportPreview ToPreview(ParsedFile parsed, List<MeasurementPlanner.Planned> plan)
    {
        var rows = plan.Select((p, i) =>
        {
            var raw = parsed.Rows[i];
            var errors = p.Issues.Select(issue => new MeasurementImportError(raw.Row, ColumnOf(parsed.Columns, issue.Field), issue.Reason)).ToList();
            return new MeasurementImportRow(
                raw.Row, raw.TargetKey, raw.Period, p.Candidate.PeriodStart, p.Candidate.Value, raw.Note, p.Change, p.PreviousValue, p.Result, errors);
        }).ToList();
        return new MeasurementImportPreview(rows.Count == 0 ? "The file has a header but no data rows." : null, rows);
    }

    private static string ColumnOf(ColumnNames columns, MeasurementField field) => field switch
    {
        MeasurementField.Target => columns.Target,
        MeasurementField.Period => columns.Period,
        MeasurementField.Value => columns.Value,
        _ => columns.Note,
    };
}
