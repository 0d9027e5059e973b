using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>
/// What a node keeps from a Backstage import (deprecated, its descriptor) and the import source of nodes and relationships
/// travel in the JSON bundle (<see cref="PortalExporter"/>): a backup of a Backstage-fed portal restores whole.
/// </summary>
public class BundleBackstageFieldsTests
{
    private const string Source = "harbour-repo";

    private static ImportFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static CatalogImport Import(InteropDatabase database) => new(database, TimeProvider.System);

    /// <summary>A portal fed by the Backstage catalog of <see cref="BackstageExportTests.Catalog"/>, imported under <see cref="Source"/>.</summary>
    private static async Task<InteropDatabase> BackstagePortalAsync()
    {
        var database = await InteropDatabase.CreateAsync(sample: false);
        var imported = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", BackstageExportTests.Catalog)], new ImportSync(Source));
        Assert.True(imported.Committed, imported.Message + string.Join("; ", imported.Preview.Errors));
        return database;
    }

    private static async Task<SeedResult> LoadAsync(InteropDatabase database, string bundle)
    {
        await using var db = database.CreateDbContext();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(bundle));
        return await SeedLoader.LoadAsync(db, stream);
    }

    /// <summary>Every node and relationship with what it keeps from Backstage, by key.</summary>
    private static async Task<List<string>> KeptAsync(InteropDatabase database)
    {
        await using var db = database.CreateDbContext();
        var nodes = await db.Nodes.AsNoTracking().OrderBy(n => n.Key).Select(n => new { n.Key, n.Deprecated, n.Descriptor, n.ImportSource }).ToListAsync();
        var edges = await db.Relationships.AsNoTracking().Select(r => new { From = r.Source!.Key, r.Type, To = r.Target!.Key, r.ImportSource }).ToListAsync();
        return
        [
            .. nodes.Select(n => $"{n.Key} deprecated={n.Deprecated} source={n.ImportSource} {n.Descriptor.ToJson()}"),
            .. edges.Select(e => $"{e.From} {e.Type} {e.To} source={e.ImportSource}").Order(StringComparer.Ordinal),
        ];
    }

    private static List<string> Describe(ImportPreview preview) =>
        preview.Items.Select(i => $"{i.EntityType} {i.Key} {i.Change} {string.Join(",", i.ChangedFields)} {i.Note}").Order(StringComparer.Ordinal).ToList();

    /// <summary>The sample bundle with <paramref name="edit"/> applied to the service <paramref name="key"/>'s row.</summary>
    private static async Task<string> SampleBundleWithAsync(InteropDatabase sample, string key, Action<JsonObject> edit)
    {
        var bundle = JsonNode.Parse(await new PortalExporter(sample).ExportJsonAsync())!;
        edit(bundle["services"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!.AsObject());
        return bundle.ToJsonString();
    }

    [Fact]
    public async Task ABackstageFedPortal_ExportsABundle_ThatLoadsIntoAnEmptyDatabase_AndExportsAgainIdentically()
    {
        await using var original = await BackstagePortalAsync();
        await using var restored = await InteropDatabase.CreateAsync(sample: false);
        var bundle = await new PortalExporter(original).ExportJsonAsync();

        var loaded = await LoadAsync(restored, bundle);
        var again = await new PortalExporter(restored).ExportJsonAsync();

        Assert.True(loaded.Loaded, loaded.Message);
        Assert.Equal(bundle, again);
        Assert.Equal(await KeptAsync(original), await KeptAsync(restored));
        var web = JsonNode.Parse(bundle)!["services"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "CMP-booking-web")!;
        Assert.Equal(Source, web["source"]!.GetValue<string>());
        Assert.Equal("website", web["backstage"]!["type"]!.GetValue<string>());
        Assert.Equal("production", web["backstage"]!["lifecycle"]!.GetValue<string>());
        Assert.Equal(["web", "typescript"], web["backstage"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("https://docs.example/booking", web["backstage"]!["links"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("harbour/booking-web", web["backstage"]!["annotations"]!["github.com/project-slug"]!.GetValue<string>());
        var legacy = JsonNode.Parse(bundle)!["services"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "CMP-legacy-search")!;
        Assert.True(legacy["deprecated"]!.GetValue<bool>());
        Assert.Contains(JsonNode.Parse(bundle)!["relationships"]!["relationships"]!.AsArray(), r => r!["source"]?.GetValue<string>() == Source);
    }

    [Fact]
    public async Task AfterARestore_ABackstageSyncOfTheSameSource_ListsTheSameRemovalsAsOnThePortalItCameFrom()
    {
        await using var original = await BackstagePortalAsync();
        await using var restored = await InteropDatabase.CreateAsync(sample: false);
        Assert.True((await LoadAsync(restored, await new PortalExporter(original).ExportJsonAsync())).Loaded);
        var documents = BackstageExportTests.Catalog.Split("\n---\n");
        var withoutLegacySearch = string.Join("\n---\n", documents.Where(d => !d.Contains("name: legacy-search", StringComparison.Ordinal)));
        Assert.Equal(documents.Length - 1, withoutLegacySearch.Split("\n---\n").Length);

        var onOriginal = await Import(original).PreviewAsync(ImportFormat.Backstage, [File("catalog-info.yaml", withoutLegacySearch)], new ImportSync(Source));
        var onRestored = await Import(restored).PreviewAsync(ImportFormat.Backstage, [File("catalog-info.yaml", withoutLegacySearch)], new ImportSync(Source));

        Assert.True(onRestored.CanCommit, string.Join("; ", onRestored.Errors));
        Assert.Contains("CMP-legacy-search", onRestored.Removals.Select(r => r.Key));
        Assert.Contains("CMP-legacy-search PartOf SYS-booking", onRestored.Removals.Select(r => r.Key));
        Assert.Equal(Describe(onOriginal), Describe(onRestored));
        Assert.Empty(onRestored.Items.Where(i => !i.IsRemoval && i.Change != ImportChange.Unchanged).Select(i => $"{i.Key} {string.Join(",", i.ChangedFields)}"));
    }

    [Fact]
    public async Task ABundleImportIntoAPopulatedPortal_KeepsTheDescriptorAndDeprecated_AndGivesTheSourceToWhatItAdds()
    {
        await using var original = await BackstagePortalAsync();
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        var bundle = await new PortalExporter(original).ExportJsonAsync();

        var result = await Import(sample).CommitAsync(ImportFormat.Bundle, [File("bundle.json", bundle)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        var kept = await KeptAsync(sample);
        foreach (var line in await KeptAsync(original))
        {
            Assert.Contains(line, kept);
        }

        // A sync of that source on the portal the bundle went into removes what left it, as on the portal it came from.
        var withoutCart = string.Join("\n---\n", BackstageExportTests.Catalog.Split("\n---\n").Where(d => !d.Contains("name: cart", StringComparison.Ordinal)));
        var sync = await Import(sample).PreviewAsync(ImportFormat.Backstage, [File("catalog-info.yaml", withoutCart)], new ImportSync(Source));
        Assert.Contains("CMP-shop..cart", sync.Removals.Select(r => r.Key));
        Assert.DoesNotContain(sync.Removals, r => r.Key.StartsWith("SVC-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABundleImport_NeverMovesAStoredNodeToTheBundlesSource()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        var bundle = await SampleBundleWithAsync(sample, "SVC-PAYMENTS", s => s["source"] = "somewhere-else");

        var result = await Import(sample).CommitAsync(ImportFormat.Bundle, [File("bundle.json", bundle)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Equal(ImportChange.Unchanged, result.Preview.Items.Single(i => i.Key == "SVC-PAYMENTS").Change);
        await using var db = sample.CreateDbContext();
        Assert.Null(await db.Nodes.Where(n => n.Key == "SVC-PAYMENTS").Select(n => n.ImportSource).SingleAsync());
    }

    [Fact]
    public async Task ABundleWithoutTheFields_LoadsWhole_AndImportedIntoTheBackstagePortal_ChangesNothing()
    {
        await using var original = await BackstagePortalAsync();
        var bundle = JsonNode.Parse(await new PortalExporter(original).ExportJsonAsync())!;
        foreach (var section in new[] { "suppliers", "services", "configurationItems" })
        {
            foreach (var row in bundle[section]!.AsArray())
            {
                row!.AsObject().Remove("deprecated");
                row.AsObject().Remove("backstage");
                row.AsObject().Remove("source");
            }
        }

        foreach (var row in bundle["relationships"]!["relationships"]!.AsArray())
        {
            row!.AsObject().Remove("source");
        }

        var old = bundle.ToJsonString();
        await using var empty = await InteropDatabase.CreateAsync(sample: false);

        var loaded = await LoadAsync(empty, old);
        var preview = await Import(original).PreviewAsync(ImportFormat.Bundle, [File("bundle.json", old)]);

        Assert.True(loaded.Loaded, loaded.Message);
        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Empty(preview.Items.Where(i => i.Change != ImportChange.Unchanged).Select(i => $"{i.Key} {i.Change} {string.Join(",", i.ChangedFields)}"));
    }

    [Fact]
    public async Task TheSampleBundle_HasNoneOfTheFields_SoTheSeedFilesKeepTheirShape()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);

        var bundle = await new PortalExporter(sample).ExportJsonAsync();

        foreach (var field in new[] { "\"deprecated\"", "\"backstage\"", "\"source\"" })
        {
            Assert.DoesNotContain(field, bundle, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadFields_AreRefused_WithTheFileTheRowAndTheFieldNamed()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        var bundle = await SampleBundleWithAsync(sample, "SVC-PAYMENTS", s =>
        {
            s["backstage"] = new JsonObject
            {
                ["tags"] = new JsonArray("ok", new string('t', 70)),
                ["links"] = new JsonArray(new JsonObject { ["url"] = "not a link", ["title"] = "Docs" }),
                ["annotations"] = new JsonObject { ["github.com/project-slug"] = null },
            };
            s["source"] = " ";
        });
        var parsed = PortalBundle.FromJson(Encoding.UTF8.GetBytes(bundle))!;

        var problems = SeedLoader.Validate(parsed);
        var preview = await Import(sample).PreviewAsync(ImportFormat.Bundle, [File("bundle.json", bundle)]);

        Assert.Contains(problems, p => p.StartsWith("services.json item", StringComparison.Ordinal) && p.Contains("(SVC-PAYMENTS): backstage.tags item 2 'tttt", StringComparison.Ordinal)
            && p.EndsWith("is 70 characters long; at most 63 are allowed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(SVC-PAYMENTS): backstage.links item 1 url 'not a link' is not an absolute address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(SVC-PAYMENTS): backstage.annotations 'github.com/project-slug' has no value", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(SVC-PAYMENTS): source ' ': The source's name is empty", StringComparison.Ordinal));
        var errors = preview.Items.Single(i => i.Key == "SVC-PAYMENTS").Errors;
        Assert.Equal(["backstage.annotations", "backstage.links item 1 url", "backstage.tags item 2", "source"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("services item", e.Where, StringComparison.Ordinal));
        Assert.False(preview.CanCommit);
    }

    [Fact]
    public async Task ABackstageImport_LeavesOutWhatBreaksTheDescriptorsRules_WithAWarning_SoItsBundleLoads()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var catalog = BackstageExportTests.Catalog.Replace("tags: [web, typescript]", $"tags: [web, {new string('x', 64)}]", StringComparison.Ordinal)
            .Replace("\"https://grafana.example/d/booking\"", "\"grafana dashboard\"", StringComparison.Ordinal);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", catalog)], new ImportSync(Source));
        await using var restored = await InteropDatabase.CreateAsync(sample: false);
        var loaded = await LoadAsync(restored, await new PortalExporter(database).ExportJsonAsync());

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Contains(result.Preview.Warnings, w => w.Field == "metadata.tags" && w.Message.Contains("at most 63", StringComparison.Ordinal));
        Assert.Contains(result.Preview.Warnings, w => w.Field == "metadata.links" && w.Message.Contains("'grafana dashboard' is not an absolute address", StringComparison.Ordinal));
        Assert.True(loaded.Loaded, loaded.Message);
        await using var db = restored.CreateDbContext();
        var web = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "CMP-booking-web");
        Assert.Equal(["web"], web.Descriptor.Tags);
        Assert.Equal("https://docs.example/booking", Assert.Single(web.Descriptor.Links).Url);
    }
}
