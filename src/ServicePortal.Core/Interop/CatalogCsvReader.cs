using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Reads a catalog CSV (the columns <see cref="CatalogCsv"/> writes) into an import set. Headers are matched ignoring case,
/// spaces, dashes and underscores; <c>key</c> and <c>name</c> are required columns; other known columns are optional and
/// unknown columns are reported as warnings. An empty cell means "keep the stored value" (or the default for a new entry).
/// Row numbers are as a spreadsheet shows them (the header is row 1).
/// </summary>
internal static class CatalogCsvReader
{
    public const int MaxRows = 20_000;

    public static ImportSet Parse(CsvEntity entity, byte[] input)
    {
        var set = new ImportSet();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            set.FileError = "The file is not UTF-8 text; save it as CSV UTF-8.";
            return set;
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            set.FileError = "The file is empty; the first row must name the columns (" + string.Join(", ", CatalogCsv.Columns[entity]) + ").";
            return set;
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        using var reader = new CsvReader(new StringReader(text), configuration);
        try
        {
            if (!reader.Read() || !reader.ReadHeader())
            {
                set.FileError = "The file has no header row.";
                return set;
            }

            var known = CatalogCsv.Columns[entity].ToDictionary(Normalise, c => c);
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var header = reader.HeaderRecord ?? [];
            for (var i = 0; i < header.Length; i++)
            {
                if (known.TryGetValue(Normalise(header[i]), out var column))
                {
                    if (!columns.TryAdd(column, i))
                    {
                        set.FileError = $"The column '{column}' appears twice in the header.";
                        return set;
                    }
                }
                else if (header[i].Trim().Length > 0)
                {
                    set.Warnings.Add(new ImportIssue("row 1", header[i], $"unknown column '{header[i]}' is ignored (known: {string.Join(", ", CatalogCsv.Columns[entity])})"));
                }
            }

            var missing = new[] { "key", "name" }.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                set.FileError = $"The header has no '{string.Join("' or '", missing)}' column; the first row must name the columns ({string.Join(", ", CatalogCsv.Columns[entity])}).";
                return set;
            }

            var rowCount = 0;
            while (reader.Read())
            {
                var row = reader.Parser.Row;
                if (++rowCount > MaxRows)
                {
                    set.FileError = $"The file has more than {MaxRows} rows; split it.";
                    return set;
                }

                string? Cell(string column) => columns.TryGetValue(column, out var at) && reader.TryGetField<string>(at, out var value) && value is not null ? CsvText.Restore(value) : null;
                if (reader.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (reader.Parser.Record is { } cells && cells.Skip(header.Length).Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    // More cells than the header names: a shifted row (an unquoted comma) would otherwise import wrong values silently.
                    var where = $"row {row}";
                    set.Invalid.Add(new ImportItem(where, entity == CsvEntity.Domains ? "Domain" : CatalogImport.Describe(entity switch { CsvEntity.Services => NodeType.Service, CsvEntity.ConfigurationItems => NodeType.ConfigurationItem, _ => NodeType.Supplier }),
                        Cell("key")?.Trim() ?? "", Cell("name") ?? "", ImportChange.Error, [],
                        [new ImportIssue(where, "", $"the row has {cells.Length} cells but the header names {header.Length} columns; quote cells that hold commas")]));
                    continue;
                }

                ReadRow(entity, set, $"row {row}", Cell);
            }
        }
        catch (CsvHelperException ex)
        {
            set.FileError = $"The file is not valid CSV near row {ex.Context?.Parser?.Row}: {ex.Message.Split('\n')[0]}";
        }

        return set;
    }

    private static void ReadRow(CsvEntity entity, ImportSet set, string where, Func<string, string?> cell)
    {
        var errors = new List<ImportIssue>();
        var key = cell("key")?.Trim() ?? "";
        var name = Blank(cell("name"));
        if (key.Length == 0)
        {
            errors.Add(new ImportIssue(where, "key", "key is required"));
        }

        string? Text(string column) => Blank(cell(column));
        T? Enum<T>(string column) where T : struct, System.Enum
        {
            var value = Blank(cell(column));
            if (value is null)
            {
                return null;
            }

            if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            {
                return parsed;
            }

            errors.Add(new ImportIssue(where, column, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}"));
            return null;
        }

        if (entity == CsvEntity.Domains)
        {
            if (errors.Count > 0)
            {
                set.Invalid.Add(new ImportItem(where, "Domain", key, name ?? "", ImportChange.Error, [], errors));
                return;
            }

            set.Domains.Add(new DomainDraft(where, key, name, Text("description")));
            return;
        }

        var type = entity switch { CsvEntity.Services => NodeType.Service, CsvEntity.ConfigurationItems => NodeType.ConfigurationItem, _ => NodeType.Supplier };
        int? tier = null;
        if (Blank(cell("tier")) is { } tierText)
        {
            if (int.TryParse(tierText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t))
            {
                tier = t;
            }
            else
            {
                errors.Add(new ImportIssue(where, "tier", $"'{tierText}' is not a whole number (1 = critical … 4)"));
            }
        }

        bool? isInternal = null;
        if (Blank(cell("internal")) is { } internalText)
        {
            isInternal = internalText.ToLowerInvariant() switch
            {
                "true" or "yes" or "y" or "1" => true,
                "false" or "no" or "n" or "0" => false,
                _ => null,
            };
            if (isInternal is null)
            {
                errors.Add(new ImportIssue(where, "internal", $"'{internalText}' is not true or false"));
            }
        }

        var draft = new NodeDraft(where, type, key, name)
        {
            Description = Text("description"),
            Lifecycle = Enum<Lifecycle>("lifecycle"),
            Status = Enum<OperationalStatus>("status"),
            Domain = Text("domain"),
            Kind = type == NodeType.Service ? Enum<ServiceKind>("kind") : null,
            Tier = tier,
            Sourcing = type == NodeType.Service ? Enum<Sourcing>("sourcing") : null,
            CiType = type == NodeType.ConfigurationItem ? Enum<CiType>("ciType") : null,
            Location = Text("location"),
            IsInternal = isInternal,
            Category = type == NodeType.Supplier ? Enum<SupplierCategory>("category") : null,
            RiskRating = type == NodeType.Supplier ? Enum<RiskRating>("riskRating") : null,
            Website = Text("website"),
            ContactName = Text("contactName"),
            ContactEmail = Text("contactEmail"),
            ContactPhone = Text("contactPhone"),
        };
        if (errors.Count > 0)
        {
            set.Invalid.Add(new ImportItem(where, CatalogImport.Describe(type), key, name ?? "", ImportChange.Error, [], errors));
            return;
        }

        set.Nodes.Add(draft);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Normalise(string header) =>
        new(header.Where(c => c is not (' ' or '-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
