using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Interop;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

/// <summary>
/// One bundle model with two sources: a seed folder (one file per section) and a JSON bundle read from a stream. Both
/// are checked by the same reader, so they load the same rows and are refused with the same per-row messages.
/// </summary>
public sealed class PortalBundleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASeedFolder_AndTheSameSectionsAsABundleStream_LoadTheSameRows()
    {
        await using var fromFolder = await InteropDatabase.CreateAsync(sample: false);
        await using var fromStream = await InteropDatabase.CreateAsync(sample: false);
        SeedResult byFolder;
        SeedResult byStream;
        await using (var db = fromFolder.CreateDbContext())
        {
            byFolder = await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);
        }

        await using (var db = fromStream.CreateDbContext())
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(BundleOf(SeedFolder.Sample)));
            byStream = await SeedLoader.LoadAsync(db, stream, Ct);
        }

        Assert.True(byStream.Loaded, byStream.Message);
        Assert.StartsWith("Loaded the seed data from the bundle: ", byStream.Message, StringComparison.Ordinal);
        Assert.Equal(byFolder with { Message = "" }, byStream with { Message = "" });
        Assert.Equal(await new PortalExporter(fromFolder).ExportJsonAsync(Ct), await new PortalExporter(fromStream).ExportJsonAsync(Ct));
    }

    [Fact]
    public async Task ABadWholeBundle_IsRefusedByTheImport_WithTheMessagesOfTheSameBadSeedFolder()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.ServicesFile, json => json[0]!["tier"] = 7);
        folder.Edit(SeedReader.ContractsFile, json => json[0]!["endDate"] = "2027-02-30");
        folder.Edit(SeedReader.GovernanceFile, json => json["assignments"]![0]!["role"] = "JESTER");
        folder.Edit(SeedReader.MeasurementsFile, json => json[0]!["target"] = "NO-SUCH-TARGET");
        var folderProblems = SeedLoader.Validate(folder.FolderPath);
        var bundle = Encoding.UTF8.GetBytes(BundleOf(folder.FolderPath));
        var import = new CatalogImport(database, TimeProvider.System);

        var preview = await import.PreviewAsync(ImportFormat.Bundle, bundle, Ct);
        var result = await import.CommitAsync(ImportFormat.Bundle, bundle, Ct);

        Assert.Equal(4, folderProblems.Count);
        Assert.Contains(folderProblems, p => p.StartsWith("services.json item 1 (SVC-ONLINE-SHOPPING): tier 7 is outside 1–4", StringComparison.Ordinal));
        Assert.Contains(folderProblems, p => p.StartsWith("contracts.json item 1 (CT-2024-NBP-01): endDate '2027-02-30' is not a date", StringComparison.Ordinal));
        var expected = "The bundle cannot be loaded: " + string.Join("; ", folderProblems);
        Assert.Equal(expected, preview.FileError);
        Assert.False(result.Committed);
        Assert.Equal(expected, result.Preview.FileError);
        Assert.All(await database.CountsAsync(), count => Assert.True(count.Value == 0, $"{count.Key}: {count.Value}"));
    }

    [Fact]
    public async Task ABundleStreamThatIsNotJson_IsRefusedWithItsLine_AndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"domains\": [ { \"key\": \"DOM-X\", \"colour\": \"blue\" } ]\n}"));

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, stream, Ct));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("bundle line 2, position ", problem, StringComparison.Ordinal);
        Assert.Contains("unknown property 'colour'", problem, StringComparison.Ordinal);
        Assert.All(await database.CountRowsAsync(Ct), table => Assert.True(table.Value == 0, $"{table.Key} has {table.Value} rows"));
    }

    [Fact]
    public async Task ABundleStreamWithoutASection_NamesTheMissingSection()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var whole = JsonNode.Parse(BundleOf(SeedFolder.Sample))!.AsObject();
        whole.Remove("governance");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(whole.ToJsonString()));

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, stream, Ct));

        Assert.Equal(["governance.json: the section is missing; expected an object { … }"], error.Problems);
    }

    /// <summary>A folder's files as the sections of one JSON bundle, the shape an export has.</summary>
    private static string BundleOf(string folder)
    {
        var bundle = new JsonObject { ["format"] = PortalExporter.Format };
        foreach (var (section, file) in PortalExporter.Sections)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                bundle[section] = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
        }

        return bundle.ToJsonString();
    }
}
