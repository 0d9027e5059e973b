using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

public class BackstageImportTests
{
    private static IReadOnlyList<ImportFile> Example()
    {
        var folder = ExampleFolder();
        return Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new ImportFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
    }

    private static string ExampleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ServicePortal.Core.Tests", "Interop", "backstage");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/ServicePortal.Core.Tests/Interop/backstage");
    }

    private static CatalogImport Import(InteropDatabase database) => new(database, TimeProvider.System);

    [Fact]
    public async Task Preview_MapsEveryKindOntoThePortalsConcepts()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, Example());

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        var items = preview.Items.ToDictionary(i => i.Key, i => i.EntityType);
        Assert.Equal("Domain", items["DOM-travel-booking"]);
        Assert.Equal("Service", items["SYS-booking"]);
        Assert.Equal("Service", items["CMP-booking-web"]);
        Assert.Equal("Service", items["SVC-HARBOUR-PAYMENTS"]);
        Assert.Equal("Service", items["API-booking-api"]);
        Assert.Equal("Configuration item", items["RES-bookings-db"]);
        Assert.Equal("Supplier", items["GRP-team-booking"]);
        Assert.Contains("CMP-booking-service DependsOn RES-bookings-db", items.Keys);
        Assert.Contains("CMP-booking-service DependsOn SVC-HARBOUR-PAYMENTS", items.Keys);
        Assert.Contains("API-booking-api ProvidedBy CMP-booking-service", items.Keys);
        Assert.Contains("CMP-booking-web DependsOn API-booking-api", items.Keys);
        Assert.Contains("SVC-HARBOUR-PAYMENTS PartOf CMP-booking-service", items.Keys);
        Assert.Contains("CMP-booking-web ProvidedBy GRP-team-booking", items.Keys);
        Assert.Contains("RES-k8s-cluster ProvidedBy GRP-team-platform", items.Keys);
        Assert.Equal("Person", items["ada@harbour.example"]); // a User with an e-mail address is a person…
        Assert.Contains(preview.Warnings, w => w.Field == "spec.profile.email" && w.Where.StartsWith("User grace.hopper (org.yaml", StringComparison.Ordinal)); // …one without is a warning
        Assert.Contains(preview.Warnings, w => w.Field == "spec.parent" && w.Where.Contains("org.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(preview.Warnings, w => w.Message.Contains("Location", StringComparison.Ordinal) || w.Field.StartsWith("spec.target", StringComparison.Ordinal)); // its targets were uploaded
    }

    [Fact]
    public async Task Commit_StoresTheCatalog_AndReimportChangesNothing()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: true);
        var before = await database.CountsAsync();

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, Example());
        var afterFirst = await database.CountsAsync();
        var again = await Import(database).CommitAsync(ImportFormat.Backstage, Example());
        var afterSecond = await database.CountsAsync();

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Equal(before["domains"] + 1, afterFirst["domains"]);
        Assert.Equal(before["nodes"] + 9, afterFirst["nodes"]);
        Assert.True(again.Committed);
        Assert.Equal(0, again.Preview.AddCount + again.Preview.UpdateCount);
        Assert.Equal(afterFirst, afterSecond);
        await using var db = database.CreateDbContext();
        var booking = await db.Services.Include(s => s.Domain).SingleAsync(s => s.Key == "SYS-booking");
        Assert.Equal(ServiceKind.Business, booking.Kind);
        Assert.Equal("Travel Booking", booking.Domain!.Name);
        Assert.Equal(Lifecycle.Pipeline, (await db.Services.SingleAsync(s => s.Key == "SVC-HARBOUR-PAYMENTS")).Lifecycle);
        Assert.Equal(CiType.Database, (await db.ConfigurationItems.SingleAsync(c => c.Key == "RES-bookings-db")).CiType);
        Assert.True((await db.Suppliers.SingleAsync(s => s.Key == "GRP-team-booking")).IsInternal);
    }

    [Fact]
    public async Task OneRepositorysCatalogInfo_ImportsOnItsOwn_SkippingEdgesToEntitiesCataloguedElsewhere()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: lonely
            spec:
              type: service
              lifecycle: production
              owner: team-ghost
              dependsOn: [resource:missing-db]
            """;

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [new ImportFile("catalog-info.yaml", Encoding.UTF8.GetBytes(yaml))]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        var owner = Assert.Single(result.Preview.Warnings, w => w.Field == "spec.owner");
        Assert.Contains("'team-ghost' (group:default/team-ghost) is neither in the uploaded files nor in the portal", owner.Message, StringComparison.Ordinal);
        Assert.Contains("catalog-info.yaml", owner.Where, StringComparison.Ordinal);
        Assert.Contains(result.Preview.Warnings, w => w.Field == "spec.dependsOn" && w.Message.Contains("resource:missing-db", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Preview.Items, i => i.EntityType == "Relationship");
        await using var db = database.CreateDbContext();
        Assert.True(await db.Services.AnyAsync(s => s.Key == "CMP-lonely"));
        Assert.Equal(0, await db.Relationships.CountAsync());
    }

    [Theory]
    [InlineData("kind: Component\nmetadata:\n  name: [unclosed\n", "not valid YAML")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: no name\n", "metadata.name")]
    [InlineData("- just\n- a list\n", "must be an entity")]
    public async Task MalformedYaml_IsReportedClearly_AndNothingIsStored(string yaml, string expected)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [new ImportFile("catalog-info.yaml", Encoding.UTF8.GetBytes(yaml))]);

        Assert.False(result.Committed);
        var messages = (result.Preview.FileError ?? "") + string.Join("; ", result.Preview.Errors);
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Equal(0, (await database.CountsAsync())["nodes"]);
    }

    [Fact]
    public async Task PartOfCycle_IsRefused()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: a }
            spec: { type: service, lifecycle: production, subcomponentOf: b }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: b }
            spec: { type: service, lifecycle: production, subcomponentOf: a }
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [new ImportFile("cycle.yaml", Encoding.UTF8.GetBytes(yaml))]);

        Assert.False(preview.CanCommit);
        Assert.Contains(preview.Errors, e => e.Message.Contains("cycle", StringComparison.Ordinal));
    }
}
