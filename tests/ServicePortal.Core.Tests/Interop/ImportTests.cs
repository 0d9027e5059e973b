using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

public class ImportTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static CatalogImport Import(InteropDatabase database) => new(database, TimeProvider.System);

    [Fact]
    public async Task ServicesCsv_ExportedAndReimported_ChangesNothing()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);
        var writer = new StringWriter();
        await new CatalogCsv(database).WriteAsync(CsvEntity.Services, writer);
        var before = await database.CountsAsync();

        var preview = await Import(database).PreviewAsync(ImportFormat.ServicesCsv, Utf8(writer.ToString()));
        var result = await Import(database).CommitAsync(ImportFormat.ServicesCsv, Utf8(writer.ToString()));

        Assert.Null(preview.FileError);
        Assert.Equal(57, preview.UnchangedCount);
        Assert.Equal(0, preview.AddCount + preview.UpdateCount + preview.ErrorCount);
        Assert.True(result.Committed, result.Message);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task SuppliersCsv_AddsAndUpdates_NamingTheChangedFields()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);
        var csv = """
            Key,Name,Internal,Category,Risk Rating,Contact Email
            SUP-CSV-NEW,Csv Supplies,false,Tactical,Low,ops@csv.example
            SUP-SWIFTLINE,Swiftline Parcel,,,Critical,
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.SuppliersCsv, Utf8(csv));
        var result = await Import(database).CommitAsync(ImportFormat.SuppliersCsv, Utf8(csv));
        var again = await Import(database).PreviewAsync(ImportFormat.SuppliersCsv, Utf8(csv));

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Equal(1, preview.AddCount);
        var update = Assert.Single(preview.Items, i => i.Change == ImportChange.Update);
        Assert.Equal("SUP-SWIFTLINE", update.Key);
        Assert.Contains("riskRating", update.ChangedFields);
        Assert.True(result.Committed);
        Assert.Equal(2, again.UnchangedCount);
        await using var db = database.CreateDbContext();
        Assert.Equal("Csv Supplies", (await db.Suppliers.SingleAsync(s => s.Key == "SUP-CSV-NEW")).Name);
    }

    [Fact]
    public async Task CsvWithBadRows_ReportsEachRow_AndStoresNothing()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);
        var before = await database.CountsAsync();
        var csv = """
            key,name,kind,tier,domain
            SVC-CSV-OK,Fine service,Application,2,DOM-DATA
            SVC-CSV-KIND,Bad kind,Galactic,2,DOM-DATA
            SVC-CSV-DOMAIN,Unknown domain,Business,1,DOM-NOWHERE
            SVC-CSV-TIER,Bad tier,Business,high,
            SVC-CSV-OK,Twice,Business,1,
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.ServicesCsv, Utf8(csv));
        var result = await Import(database).CommitAsync(ImportFormat.ServicesCsv, Utf8(csv));

        Assert.False(preview.CanCommit);
        Assert.Contains(preview.Errors, e => e.Where == "row 3" && e.Field == "kind" && e.Message.Contains("Business, Application, Technical", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Where == "row 4" && e.Field == "domain" && e.Message.Contains("DOM-NOWHERE", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Where == "row 5" && e.Field == "tier");
        Assert.Contains(preview.Errors, e => e.Where == "row 6" && e.Message.Contains("row 2", StringComparison.Ordinal));
        Assert.False(result.Committed);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Theory]
    [InlineData("name,kind\nX,Business\n", "'key'")]
    [InlineData("", "empty")]
    [InlineData("key,name\n\"SVC-A,broken quote\n", "")]
    public async Task MalformedCsv_IsRefusedAsAWhole(string csv, string expected)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var result = await Import(database).CommitAsync(ImportFormat.ServicesCsv, Utf8(csv));

        Assert.False(result.Committed);
        Assert.True(result.Preview.FileError is not null || result.Preview.ErrorCount > 0, result.Message);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await database.CountsAsync())["nodes"]);
    }

    [Fact]
    public async Task Bundle_OfTheSample_ReimportedChangesNothing_AndNamesWhatItDoesNotMerge()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);
        var bundle = Utf8(await new PortalExporter(database).ExportJsonAsync());

        var preview = await Import(database).PreviewAsync(ImportFormat.Bundle, bundle);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors.Take(5)));
        Assert.Equal(0, preview.AddCount + preview.UpdateCount);
        Assert.Equal(7 + 57 + 85 + 32 + 5 + 504, preview.UnchangedCount);
        Assert.Contains(preview.Warnings, w => w.Message.Contains("27 contracts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WholeBundle_IntoAnEmptyDatabase_LoadsEverything_AndExportsTheSame()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        await using var empty = await InteropDatabase.CreateAsync(sample: false);
        var exported = await new PortalExporter(sample).ExportJsonAsync();

        var preview = await Import(empty).PreviewAsync(ImportFormat.Bundle, Utf8(exported));
        var result = await Import(empty).CommitAsync(ImportFormat.Bundle, Utf8(exported));

        Assert.Contains(preview.Warnings, w => w.Message.Contains("whole bundle", StringComparison.Ordinal));
        Assert.True(result.Committed, result.Message);
        Assert.Equal(exported, await new PortalExporter(empty).ExportJsonAsync());
    }

    [Fact]
    public async Task CatalogSectionsOfABundle_IntoAnEmptyDatabase_AddTheCatalog()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        await using var empty = await InteropDatabase.CreateAsync(sample: false);
        var whole = System.Text.Json.Nodes.JsonNode.Parse(await new PortalExporter(sample).ExportJsonAsync())!.AsObject();
        whole.Remove("governance");
        var bundle = Utf8(whole.ToJsonString());

        var result = await Import(empty).CommitAsync(ImportFormat.Bundle, bundle);

        Assert.True(result.Committed, result.Message + " " + string.Join("; ", result.Preview.Errors.Take(5)));
        var counts = await empty.CountsAsync();
        Assert.Equal(7, counts["domains"]);
        Assert.Equal(57 + 85 + 32, counts["nodes"]);
        Assert.Equal(504, counts["relationships"]);
        Assert.Equal(5, counts["groups"]);
    }

    [Theory]
    [InlineData("{ \"domains\": [ { \"key\": \"DOM-X\", \"name\": \"X\" } ", "not valid JSON")]
    [InlineData("{ \"domains\": [ { \"key\": \"DOM-X\", \"nmae\": \"X\" } ] }", "nmae")]
    [InlineData("{ \"format\": \"other/9\" }", "other/9")]
    public async Task MalformedBundle_IsRefusedWithAClearMessage(string json, string expected)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var result = await Import(database).CommitAsync(ImportFormat.Bundle, Utf8(json));

        Assert.False(result.Committed);
        Assert.Contains(expected, result.Preview.FileError, StringComparison.Ordinal);
        Assert.Equal(0, (await database.CountsAsync())["domains"]);
    }

    [Fact]
    public async Task BundleWithUnknownReferences_ReportsThem()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var json = """
            { "services": [ { "key": "SVC-A", "name": "A", "kind": "Business", "tier": 1, "sourcing": "Internal", "domain": "DOM-MISSING" } ],
              "relationships": { "redundancyGroups": [], "relationships": [ { "from": "SVC-A", "type": "DependsOn", "to": "CI-MISSING" } ] } }
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.Bundle, Utf8(json));

        Assert.False(preview.CanCommit);
        Assert.Contains(preview.Errors, e => e.Message.Contains("DOM-MISSING", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Message.Contains("CI-MISSING", StringComparison.Ordinal));
    }
}
