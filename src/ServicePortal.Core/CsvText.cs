using System.Globalization;
using CsvHelper;

namespace ServicePortal.Core;

/// <summary>
/// The one rule for text in a CSV that people open in a spreadsheet: a cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return would run as a formula (CSV injection), so it is written with a leading
/// apostrophe, which spreadsheets show as "text". A cell that already starts with an apostrophe followed by one of
/// those (or another apostrophe) gets one too, so that <see cref="Restore"/> gives back exactly what was written and an
/// exported list re-imported changes nothing.
/// </summary>
public static class CsvText
{
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return IsFormulaStart(text[0]) || (text[0] == '\'' && text.Length > 1 && (IsFormulaStart(text[1]) || text[1] == '\'')) ? "'" + text : text;
    }

    /// <summary>The cell as it was before <see cref="Neutralise"/> (imports read cells through this).</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && (IsFormulaStart(text[1]) || text[1] == '\'') ? text[1..] : text;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}

/// <summary>
/// The writer of every CSV export (catalog lists, RACI matrices, the audit log): comma-separated, invariant culture,
/// each field through <see cref="CsvText.Neutralise"/>.
/// </summary>
public sealed class CsvExportWriter(TextWriter writer) : IAsyncDisposable, IDisposable
{
    private readonly CsvWriter _csv = new(writer, CultureInfo.InvariantCulture, leaveOpen: true);

    public void Field(string? text) => _csv.WriteField(CsvText.Neutralise(text));

    public void Row(IEnumerable<string?> fields)
    {
        foreach (var field in fields)
        {
            Field(field);
        }

        _csv.NextRecord();
    }

    public Task EndRowAsync() => _csv.NextRecordAsync();

    public void EndRow() => _csv.NextRecord();

    public Task FlushAsync() => _csv.FlushAsync();

    public void Flush() => _csv.Flush();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    public void Dispose() => _csv.Dispose();
}
