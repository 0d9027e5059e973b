using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ServicePortal.Core.Slas;

/// <summary>
/// Reads a measurement CSV file (comma-separated, UTF-8, a header row first) into candidates for a planner: the one
/// reader behind the SLA measurement import and the practice KPI measurement import. Columns are matched by header
/// name ignoring case, spaces, dashes and underscores: the key (names given by the caller), <c>period</c> as
/// <c>yyyy-MM</c>, <c>value</c> with a dot as decimal separator, optionally <c>note</c>; other columns are ignored.
/// Files over <see cref="MeasurementCsvImport.MaxFileBytes"/> or <see cref="MeasurementCsvImport.MaxRows"/> rows are refused.
/// </summary>
internal static class MeasurementCsvReader
{
    private const long MaxFileBytes = MeasurementCsvImport.MaxFileBytes;

    private const int MaxRows = MeasurementCsvImport.MaxRows;

    private static readonly string[] PeriodHeaders = ["period", "periodstart"];
    private static readonly string[] ValueHeaders = ["value"];
    private static readonly string[] NoteHeaders = ["note", "notes"];

    internal sealed record ParsedFile(string? FileError, List<MeasurementPlanner.Candidate> Candidates, List<RawRow> Rows, ColumnNames Columns);

    /// <param name="ExtraFields">More filled fields than the header names: a decimal comma ("99,5") or an unquoted comma in a note.</param>
    internal sealed record RawRow(int Row, string TargetKey, string Period, string Value, string? Note, bool ExtraFields);

    internal sealed record ColumnNames(string Target, string Period, string Value, string Note)
    {
        public string Of(MeasurementField field) => field switch
        {
            MeasurementField.Target => Target,
            MeasurementField.Period => Period,
            MeasurementField.Value => Value,
            _ => Note,
        };
    }

    private static ParsedFile Refuse(string error) => new(error, [], [], new ColumnNames("", "", "", ""));

    public static async Task<ParsedFile> ReadAsync(Stream file, string[] keyHeaders, string keyLabel, CancellationToken cancellationToken)
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
                return Refuse($"The file is empty. The first row must name the columns: {keyLabel}, period, value and optionally note.");
            }

            var target = Find(header, keyHeaders);
            var period = Find(header, PeriodHeaders);
            var value = Find(header, ValueHeaders);
            var note = Find(header, NoteHeaders);
            var missing = new[] { (keyLabel, target), ("period", period), ("value", value) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
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
}
