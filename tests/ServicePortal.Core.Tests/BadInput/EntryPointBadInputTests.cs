using System.Text;
using System.Text.Json;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Interop;

namespace ServicePortal.Core.Tests.BadInput;

/// <summary>
/// Each class of bad input (key grammar, control characters, bidi overrides, invisible-only names, names that differ
/// only in case, extra CSV cells) through the file entry points: CSV, bundle, Backstage and the seed files. Each is
/// refused with a message naming where, and the row counts are the same afterwards. (The dialog/editor path is in
/// <see cref="HostileInputTests"/> and SaveKindTests, the API in the Web tests' BadInputApiTests.)
/// </summary>
public class EntryPointBadInputTests
{
    public static TheoryData<string, string> BadNames() => new()
    {
        { "control", "nul\u0000byte" },
        { "escape", "esc\u001b[31m" },
        { "bidi", "Acme \u202Egnp.exe" },
        { "invisible", "\u200B\u2060" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Csv_RefusesTheName_AndStoresNothing(string kind, string name)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();
        var csv = $"key,name\r\nSVC-{kind.ToUpperInvariant()},\"{name}\"\r\n";

        var result = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.ServicesCsv, Encoding.UTF8.GetBytes(csv));

        Assert.False(result.Committed);
        Assert.Contains(result.Preview.Errors, e => e.Field == "name");
        Assert.Equal(before, await database.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bundle_RefusesTheName_AndStoresNothing(string kind, string name)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();
        var bundle = JsonSerializer.Serialize(new { suppliers = new[] { new { key = "SUP-" + kind.ToUpperInvariant(), name, @internal = false, category = "Tactical" } } });

        var result = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.Bundle, Encoding.UTF8.GetBytes(bundle));

        Assert.False(result.Committed);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Backstage_RefusesTheTitle_AndStoresNothing(string kind, string name)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();
        var yaml = $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bad-{kind}\n  title: {JsonSerializer.Serialize(name)}\nspec:\n  type: service\n";

        var result = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.Backstage, Encoding.UTF8.GetBytes(yaml));

        Assert.False(result.Committed);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task Csv_ARowWithMoreCellsThanTheHeader_IsAnErrorNotSilentlyDropped()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();

        var result = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.DomainsCsv, Encoding.UTF8.GetBytes("key,name\nDOM-A,Retail, Online\n"));

        Assert.False(result.Committed);
        Assert.Contains(result.Preview.Errors, e => e.Message.Contains("3 cells", StringComparison.Ordinal));
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task Csv_ADomainNameDifferingOnlyInCase_IsRefused()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.DomainsCsv, Encoding.UTF8.GetBytes("key,name\nDOM-A,Retail\n"));
        var before = await database.CountsAsync();

        var result = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.DomainsCsv, Encoding.UTF8.GetBytes("key,name\nDOM-B,RETAIL\n"));

        Assert.False(result.Committed);
        Assert.Equal(before, await database.CountsAsync());
    }

    public static TheoryData<string, string> BadSeedDomains() => new()
    {
        { "has space", "Bad key domain" },
        { "-DOM", "Leading dash domain" },
        { "DOM-NUL", "nul\u0000" },
        { "DOM-BIDI", "a\u202Eb" },
        { "DOM-INVISIBLE", "\u200B" },
        { "DOM-CASE", "CUSTOMER CHANNELS" },
    };

    /// <summary>The sample's domains plus one bad one: the sample alone loads without a problem, so every problem is the bad domain's.</summary>
    [Theory]
    [MemberData(nameof(BadSeedDomains))]
    public async Task SeedFiles_RefuseTheDomain_AndStoreNothing(string key, string name)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();
        var folder = Path.Combine(Path.GetTempPath(), "sp-seed-bad-" + Guid.NewGuid().ToString("N"));
        CopySample(folder);
        var domainsFile = Path.Combine(folder, "domains.json");
        var domains = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(domainsFile))!;
        var list = domains is System.Text.Json.Nodes.JsonArray array ? array : domains["domains"]!.AsArray();
        list.Add(new System.Text.Json.Nodes.JsonObject { ["key"] = key, ["name"] = name });
        File.WriteAllText(domainsFile, domains.ToJsonString());
        try
        {
            await using var db = database.CreateDbContext();

            var problems = SeedLoader.Validate(folder);

            Assert.Empty(SeedLoader.Validate(SeedFolder.Sample));
            Assert.NotEmpty(problems);
            await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, folder));
            Assert.Equal(before, await database.CountsAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopySample(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(SeedFolder.Sample, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}
