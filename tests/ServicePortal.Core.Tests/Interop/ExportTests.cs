using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Tests.Interop;

public class ExportTests
{
    [Fact]
    public async Task Export_LoadedIntoAnEmptyDatabase_ExportsTheSameBundle()
    {
        await using var source = await InteropDatabase.CreateAsync(sample: true);
        await using var target = await InteropDatabase.CreateAsync(sample: false);

        var first = await new PortalExporter(source).ExportJsonAsync();
        await using (var db = target.CreateDbContext())
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(first));
            var loaded = await SeedLoader.LoadAsync(db, stream);
            Assert.True(loaded.Loaded, loaded.Message);
        }

        var second = await new PortalExporter(target).ExportJsonAsync();

        Assert.Equal(first, second);
        Assert.Contains("\"SVC-PAYMENTS\"", first, StringComparison.Ordinal);
        Assert.Contains("\"RG-CARD-GATEWAYS\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfTheSample_CarriesEverySection()
    {
        await using var source = await InteropDatabase.CreateAsync(sample: true);

        var json = await new PortalExporter(source).ExportJsonAsync();

        using var document = System.Text.Json.JsonDocument.Parse(json);
        foreach (var section in PortalExporter.Sections.Keys)
        {
            Assert.True(document.RootElement.TryGetProperty(section, out _), section);
        }

        Assert.Equal(PortalExporter.Format, document.RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public async Task ServicesCsv_HasTheImportColumnsAndOneRowPerMatch()
    {
        await using var source = await InteropDatabase.CreateAsync(sample: true);
        var writer = new StringWriter();

        await new CatalogCsv(source).WriteAsync(CsvEntity.Services, writer, "payment");

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,name,kind,tier,sourcing,lifecycle,status,domain,description", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.StartsWith("SVC-PAYMENTS,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains("pay", l, StringComparison.OrdinalIgnoreCase));
    }
}
