using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

public class InteropApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Export_IsTheJsonBundle()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");
        await using var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContextAsync();
        var services = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Services);

        var bundle = await client.GetFromJsonAsync<JsonElement>("/api/v1/export");

        Assert.Equal("serviceportal-bundle/1", bundle.GetProperty("format").GetString());
        Assert.True(services >= 57, "the sample's services are there");
        Assert.Equal(services, bundle.GetProperty("services").GetArrayLength());
    }

    [Fact]
    public async Task BackstageExport_NeedsAToken_AndGivesAViewerTheCatalogAsBackstageYaml()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        var viewer = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var refused = await anonymous.GetAsync("/api/v1/export/backstage");
        var response = await viewer.GetAsync("/api/v1/export/backstage");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("---\napiVersion: backstage.io/v1alpha1\nkind: Domain\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nkind: Component\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nkind: Group\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackstageExport_PreviewedAsAnImportIntoThePortal_ChangesNoCatalogEntry()
    {
        var viewer = await ApiClient.ForAsync(factory, "viewer@demo.local");
        var editor = await ApiClient.ForAsync(factory, "governance@demo.local");
        var yaml = await viewer.GetStringAsync("/api/v1/export/backstage");

        var response = await editor.PostAsync("/api/v1/import/backstage/preview", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = preview.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 50, "the sample catalog is in the export");
        var changed = items
            .Where(i => i.GetProperty("entityType").GetString() is "Service" or "Configuration item" or "Supplier" or "Domain" or "Relationship")
            .Where(i => i.GetProperty("change").ToString() is not ("Unchanged" or "2"))
            .Select(i => $"{i.GetProperty("key").GetString()} {i.GetProperty("change")}")
            .ToList();
        Assert.Empty(changed);
    }

    [Fact]
    public async Task ServicesCsv_IsFilteredBySearch()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var response = await client.GetAsync("/api/v1/services.csv?search=payment");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("key,name,kind", text, StringComparison.Ordinal);
        Assert.Contains("SVC-PAYMENTS,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SVC-WAREHOUSE", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvImport_PreviewsThenCommits_AndAgainChangesNothing()
    {
        var client = await ApiClient.ForAsync(factory, "admin@demo.local");
        const string csv = "key,name,ciType\nCI-IMPORT-API,Imported via API,Database\n";

        var preview = await (await client.PostAsync("/api/v1/import/configuration-items/preview", Csv(csv))).Content.ReadFromJsonAsync<JsonElement>();
        var commit = await client.PostAsync("/api/v1/import/configuration-items", Csv(csv));
        var again = await (await client.PostAsync("/api/v1/import/configuration-items", Csv(csv))).Content.ReadFromJsonAsync<JsonElement>();
        var stored = await client.GetAsync("/api/v1/configuration-items/CI-IMPORT-API");

        Assert.Equal(1, preview.GetProperty("addCount").GetInt32());
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(1, again.GetProperty("preview").GetProperty("unchangedCount").GetInt32());
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    [Fact]
    public async Task ImportWithErrors_Is400WithThePreview_AndStoresNothing()
    {
        var client = await ApiClient.ForAsync(factory, "admin@demo.local");

        var response = await client.PostAsync("/api/v1/import/services", Csv("key,name,kind\nSVC-IMPORT-BAD,Bad,Galactic\n"));
        var missing = await client.GetAsync("/api/v1/services/SVC-IMPORT-BAD");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("row 2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Import_RefusesFormPostsAndNeedsAnEditor()
    {
        var admin = await ApiClient.ForAsync(factory, "admin@demo.local");
        var viewer = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var plain = await admin.PostAsync("/api/v1/import/services", new StringContent("key,name\nA,B\n", Encoding.UTF8, "text/plain"));
        var forbidden = await viewer.PostAsync("/api/v1/import/services", Csv("key,name\nSVC-V,V\n"));

        Assert.True(plain.StatusCode == HttpStatusCode.UnsupportedMediaType, await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task BackstageImport_TakesYaml()
    {
        var client = await ApiClient.ForAsync(factory, "governance@demo.local");
        const string yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: api-imported
            spec:
              type: service
              lifecycle: production
            """;

        var response = await client.PostAsync("/api/v1/import/backstage", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services/CMP-api-imported")).StatusCode);
    }

    [Fact]
    public async Task BackstageImport_TakesTheCatalogApisJson()
    {
        var client = await ApiClient.ForAsync(factory, "governance@demo.local");
        const string json = """{"items":[{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"api-json-imported","namespace":"default"},"spec":{"type":"service","lifecycle":"production","owner":"group:default/nowhere"}}]}""";

        var response = await client.PostAsync("/api/v1/import/backstage", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Contains("nowhere", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the skipped owner, as a warning
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services/CMP-api-json-imported")).StatusCode);
    }

    [Fact]
    public async Task BackstageImport_WithASource_RemovesWhatTheSourceNoLongerHolds_ExceptWhatItKeeps()
    {
        var client = await ApiClient.ForAsync(factory, "governance@demo.local");
        static StringContent Yaml(params string[] names) => new(string.Join("\n---\n", names.Select(n => $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {n}
            spec:
              type: service
              lifecycle: production
            """)), Encoding.UTF8, "application/yaml");
        const string url = "/api/v1/import/backstage?source=api-sync-repo";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Yaml("api-sync-a", "api-sync-b", "api-sync-c"))).StatusCode);

        var preview = await (await client.PostAsync(url.Replace("backstage", "backstage/preview", StringComparison.Ordinal), Yaml("api-sync-a"))).Content.ReadFromJsonAsync<JsonElement>();
        var commit = await client.PostAsync(url + "&keep=CMP-api-sync-c", Yaml("api-sync-a"));
        var badSource = await client.PostAsync("/api/v1/import/backstage?source=%20", Yaml("api-sync-a"));

        var removals = preview.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("change").GetString() == "Remove").Select(i => i.GetProperty("key").GetString()).Order().ToList();
        Assert.Equal(["CMP-api-sync-b", "CMP-api-sync-c"], removals);
        Assert.True(commit.StatusCode == HttpStatusCode.OK, await commit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/services/CMP-api-sync-b")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services/CMP-api-sync-c")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSource.StatusCode);
        Assert.Contains("source", await badSource.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilePage_ListsTokensForTheSignedInUser()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "cio@demo.local", DemoAccounts.Password);

        var page = await client.GetStringAsync("/profile");

        Assert.Contains("Personal API tokens", page, StringComparison.Ordinal);
        Assert.Contains("cio@demo.local", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_IsOfferedToEditorsOnly()
    {
        var admin = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(admin, "admin@demo.local", DemoAccounts.Password);
        var viewer = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(viewer, "viewer@demo.local", DemoAccounts.Password);

        var page = await admin.GetAsync("/import");
        var refused = await viewer.GetAsync("/import");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Preview first", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv").MediaType!);
}
