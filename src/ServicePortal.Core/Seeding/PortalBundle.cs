using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServicePortal.Core.Seeding;

/// <summary>
/// The one model of a whole portal's data: a format marker and one section per seed-data file (the shapes are in
/// SeedFiles.cs). It has two sources, both read with the same JSON rules (<see cref="SeedReader.JsonOptions"/>): a JSON
/// bundle from a stream (an export, an upload; <see cref="FromJson"/>) and a seed folder, where each file is one
/// section (<see cref="FromFolder"/>). <see cref="SeedReader"/> checks it, whichever the source, with the same messages.
/// </summary>
internal sealed partial class PortalBundle
{
    public string? Format { get; init; }

    public List<DomainFile>? Domains { get; init; }

    public List<SupplierFile>? Suppliers { get; init; }

    public List<ServiceFile>? Services { get; init; }

    public List<ConfigurationItemFile>? ConfigurationItems { get; init; }

    public RelationshipsFile? Relationships { get; init; }

    public List<ContractFile>? Contracts { get; init; }

    public List<MeasurementsFile>? Measurements { get; init; }

    public OperatingModelFile? OperatingModel { get; init; }

    public GovernanceFile? Governance { get; init; }

    /// <summary>Optional: a bundle or folder without it has no KPI measurements.</summary>
    public List<KpiMeasurementsFile>? KpiMeasurements { get; init; }

    /// <summary>Whether every section but the optional KPI measurements is there: the whole portal, not only a catalog.</summary>
    public bool IsWhole =>
        Domains is not null && Suppliers is not null && Services is not null && ConfigurationItems is not null && Relationships is not null
        && Contracts is not null && Measurements is not null && OperatingModel is not null && Governance is not null;

    /// <summary>The sections that are missing, as the seed files they stand for (KPI measurements are optional).</summary>
    public IEnumerable<(string File, string Expected)> MissingSections()
    {
        const string list = "a list [ … ]";
        const string obj = "an object { … }";
        (object? Section, string File, string Expected)[] sections =
        [
            (Domains, SeedReader.DomainsFile, list), (Suppliers, SeedReader.SuppliersFile, list), (Services, SeedReader.ServicesFile, list),
            (ConfigurationItems, SeedReader.ConfigurationItemsFile, list), (Relationships, SeedReader.RelationshipsFile, obj),
            (Contracts, SeedReader.ContractsFile, list), (Measurements, SeedReader.MeasurementsFile, list),
            (OperatingModel, SeedReader.OperatingModelFile, obj), (Governance, SeedReader.GovernanceFile, obj),
        ];
        return sections.Where(s => s.Section is null).Select(s => (s.File, s.Expected));
    }

    /// <summary>A JSON bundle (a leading byte order mark is skipped); null when the text is JSON null.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not the bundle's shape (unknown or repeated properties, wrong types).</exception>
    public static PortalBundle? FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<PortalBundle>(WithoutBom(json), SeedReader.JsonOptions);

    /// <summary>A JSON bundle from a stream, read into memory once; JSON problems are added to <paramref name="problems"/>.</summary>
    public static PortalBundle? FromStream(Stream stream, List<string> problems)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var json = WithoutBom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        try
        {
            var bundle = FromJson(json);
            if (bundle is null)
            {
                problems.Add("bundle: the bundle holds null; expected an object { … }");
            }

            return bundle;
        }
        catch (JsonException ex)
        {
            problems.Add(DescribeJsonError("bundle", json, ex));
            return null;
        }
    }

    /// <summary>
    /// A seed folder: each file is read into its section. A missing folder or file, and every JSON problem, is added
    /// to <paramref name="problems"/> as "file line L, position P: …". The KPI measurements file is optional.
    /// </summary>
    public static PortalBundle FromFolder(string folder, List<string> problems)
    {
        if (!Directory.Exists(folder))
        {
            problems.Add($"seed folder '{folder}' does not exist");
            return new PortalBundle();
        }

        T? Parse<T>(string file)
            where T : class => ParseFile<T>(folder, file, problems);

        return new PortalBundle
        {
            Domains = Parse<List<DomainFile>>(SeedReader.DomainsFile),
            Suppliers = Parse<List<SupplierFile>>(SeedReader.SuppliersFile),
            Services = Parse<List<ServiceFile>>(SeedReader.ServicesFile),
            ConfigurationItems = Parse<List<ConfigurationItemFile>>(SeedReader.ConfigurationItemsFile),
            Relationships = Parse<RelationshipsFile>(SeedReader.RelationshipsFile),
            Contracts = Parse<List<ContractFile>>(SeedReader.ContractsFile),
            Measurements = Parse<List<MeasurementsFile>>(SeedReader.MeasurementsFile),
            OperatingModel = Parse<OperatingModelFile>(SeedReader.OperatingModelFile),
            Governance = Parse<GovernanceFile>(SeedReader.GovernanceFile),
            KpiMeasurements = File.Exists(Path.Combine(folder, SeedReader.KpiMeasurementsFile)) ? Parse<List<KpiMeasurementsFile>>(SeedReader.KpiMeasurementsFile) : [],
        };
    }

    private static T? ParseFile<T>(string folder, string file, List<string> problems)
        where T : class
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            problems.Add($"{file}: file not found in {folder}");
            return null;
        }

        var json = WithoutBom(File.ReadAllBytes(path));
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, SeedReader.JsonOptions);
            if (value is null)
            {
                problems.Add($"{file}: the file holds null; expected {(typeof(T).IsGenericType ? "a list [ … ]" : "an object { … }")}");
            }

            return value;
        }
        catch (JsonException ex)
        {
            problems.Add(DescribeJsonError(file, json, ex));
            return null;
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) =>
        json.StartsWith(Encoding.UTF8.Preamble) ? json[Encoding.UTF8.Preamble.Length..] : json;

    private static string DescribeJsonError(string file, ReadOnlySpan<byte> json, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        if (UnmappedProperty().Match(reason) is { Success: true } unmapped)
        {
            reason = $"unknown property '{unmapped.Groups[1].Value}' (property names are camelCase, see seed-data/README.md)";
        }
        else if (DuplicateProperty().Match(reason) is { Success: true } duplicate)
        {
            reason = $"property '{duplicate.Groups[1].Value}' appears more than once in the same object";
        }
        else if (reason.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            reason = $"the value has the wrong type: expected {Expected(reason)}";
        }

        var at = ex.Path is { Length: > 1 } jsonPath ? $" (at {jsonPath})" : "";
        if (ex.LineNumber is not { } line)
        {
            return $"{file}: malformed JSON{at}: {reason}";
        }

        var position = CharacterPosition(json, (int)line, ex.BytePositionInLine ?? 0);
        return $"{file} line {line + 1}, position {position + 1}: malformed JSON{at}: {reason}";
    }

    private static string Expected(string message) => message switch
    {
        _ when message.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when message.Contains("Double", StringComparison.Ordinal) || message.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when message.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when message.Contains("Dictionary", StringComparison.Ordinal) => "an object { … }",
        _ when message.Contains("List", StringComparison.Ordinal) => "a list [ … ]",
        _ when message.Contains("System.String", StringComparison.Ordinal) => "text in quotes",
        _ => "an object { … }",
    };

    /// <summary>The reader counts bytes within the line; people count characters (the sample has "—" and "é").</summary>
    private static long CharacterPosition(ReadOnlySpan<byte> json, int line, long bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var next = json[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return bytePosition;
            }

            start += next + 1;
        }

        var length = (int)Math.Min(bytePosition, json.Length - start);
        return Encoding.UTF8.GetCharCount(json.Slice(start, length));
    }

    [GeneratedRegex("property '(.*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("[Dd]uplicate property '(.*?)'")]
    private static partial Regex DuplicateProperty();
}
