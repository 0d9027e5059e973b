using System.Net;
using System.Text.Json;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// Walks the OpenAPI document, so that what it promises holds for every operation, including ones added later:
/// every write refuses a caller without a token (401) and a Viewer (403), and every operation is described with a
/// summary and examples.
/// </summary>
public class OpenApiDocumentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";
    private const string Viewer = "viewer@demo.local";

    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    [Fact]
    public async Task EveryWriteOperation_RefusesNoTokenWith401_AndAViewerWith403()
    {
        var operations = await OperationsAsync();
        var writes = operations.Where(o => WriteMethods.Contains(o.Method)).ToList();
        var anonymous = factory.CreateBrowserLikeClient();
        var viewer = await ApiClient.ForAsync(factory, Viewer);
        var unguarded = new List<string>();

        foreach (var (method, path, operation) in writes)
        {
            var url = Url(path);
            var contentType = ContentType(operation);
            var none = await anonymous.SendAsync(Request(method, url, contentType));
            var asViewer = await viewer.SendAsync(Request(method, url, contentType));
            if (none.StatusCode != HttpStatusCode.Unauthorized || asViewer.StatusCode != HttpStatusCode.Forbidden)
            {
                unguarded.Add($"{method.ToUpperInvariant()} {path}: no token {(int)none.StatusCode}, viewer {(int)asViewer.StatusCode}");
            }
        }

        // The walk must see the whole API: the new resources' writes are in the document, not only the old ones.
        Assert.Contains(writes, w => w.Path == "/api/v1/contracts" && w.Method == "post");
        Assert.Contains(writes, w => w.Path == "/api/v1/score/versions/draft/publish");
        Assert.Contains(writes, w => w.Path == "/api/v1/governance/assignments/{id}" && w.Method == "delete");
        Assert.True(writes.Count >= 40, $"Only {writes.Count} write operations in the document.");
        Assert.True(unguarded.Count == 0, string.Join("\n", unguarded));
    }

    [Fact]
    public async Task EveryOperation_HasASummary_AndExamplesForItsJsonBodies()
    {
        var operations = await OperationsAsync();
        var missing = new List<string>();

        foreach (var (method, path, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                missing.Add($"{name}: summary");
            }

            if (operation.TryGetProperty("requestBody", out var body))
            {
                foreach (var content in body.GetProperty("content").EnumerateObject())
                {
                    if (!content.Value.TryGetProperty("example", out _))
                    {
                        missing.Add($"{name}: request example ({content.Name})");
                    }

                    if (content.Name.Contains("json", StringComparison.Ordinal) && !content.Value.TryGetProperty("schema", out _))
                    {
                        missing.Add($"{name}: request schema");
                    }
                }
            }

            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (!response.Value.TryGetProperty("content", out var contents))
                {
                    continue;
                }

                foreach (var content in contents.EnumerateObject().Where(c => c.Name.Contains("json", StringComparison.Ordinal)))
                {
                    if (!content.Value.TryGetProperty("example", out _))
                    {
                        missing.Add($"{name}: {response.Name} example");
                    }

                    if (!content.Value.TryGetProperty("schema", out _))
                    {
                        missing.Add($"{name}: {response.Name} schema");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task AnEndpointsOwnExample_IsShown_WithEnumsAsNames()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var example = document.RootElement.GetProperty("paths").GetProperty("/api/v1/contracts").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

        Assert.Equal("SUP-NORTHBRIDGE", example.GetProperty("supplier").GetString());
        Assert.Equal("Active", example.GetProperty("status").GetString());
    }

    [Fact]
    public async Task VersionedOperations_DocumentTheirETagAndIfMatchHeaders()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var contract = document.RootElement.GetProperty("paths").GetProperty("/api/v1/contracts/{reference}");

        var put = contract.GetProperty("put").GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString()));
        var get = contract.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers");

        Assert.Contains(("If-Match", "header"), put);
        Assert.True(get.TryGetProperty("ETag", out _));
    }

    [Fact]
    public async Task ApiReference_IsServedToASignedInBrowser_NextToSwaggerUi()
    {
        var client = factory.CreateBrowserLikeClient();
        var signedOut = await client.GetAsync("/api/reference");
        await PortalFactory.SignInAsync(client, Viewer, ServicePortal.Core.Identity.DemoAccounts.Password);

        var reference = await client.GetAsync("/api/reference/");
        var swagger = await client.GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var html = await reference.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/api/reference/scalar.aspnetcore.js");
        var bundle = await client.GetAsync("/api/reference/scalar.js");
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'unsafe-inline'", reference.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (script.StatusCode, bundle.StatusCode));
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }

    private async Task<List<(string Method, string Path, JsonElement Operation)>> OperationsAsync()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (o.Name, p.Name, o.Value)))
            .ToList();
    }

    /// <summary>Every path parameter as "1": it fits both key and id routes, so the request reaches the endpoint's authorization.</summary>
    private static string Url(string path) => System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "1");

    /// <summary>The body type the operation declares (JSON, CSV, YAML), so that the request reaches the endpoint instead of a 415 for the wrong type.</summary>
    private static string ContentType(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : "application/json";

    private static HttpRequestMessage Request(string method, string url, string contentType) => new(new HttpMethod(method.ToUpperInvariant()), url)
    {
        Content = new StringContent(contentType.Contains("json", StringComparison.Ordinal) ? "{}" : "x", System.Text.Encoding.UTF8, contentType),
    };
}
