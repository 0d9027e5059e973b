using System.Net;
using System.Text.Json;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>Contracts and SLA targets over the API on the sample enterprise: the Core's rules, roles and versions apply as in the dialogs.</summary>
public class ContractApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string SupplierManager = "supplier@demo.local";
    private const string Viewer = "viewer@demo.local";

    [Fact]
    public async Task Contract_IsCreatedReadAndUpdated_WithItsVersionAsETag()
    {
        var client = await ApiClient.ForAsync(factory, SupplierManager);

        var created = await client.PostAsync("/api/v1/contracts", ApiClient.Json("""
            { "reference": "CT-API-01", "title": "Hosting", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-01-01", "endDate": "2027-12-31",
              "annualValue": 5000, "services": ["SVC-PAYMENT-GATEWAY-NB"] }
            """));
        var read = await client.GetAsync("/api/v1/contracts/CT-API-01");
        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/contracts/CT-API-01", read.Headers.ETag!.Tag, """{ "title": "Hosting and backup" }"""));
        var stale = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/contracts/CT-API-01", read.Headers.ETag!.Tag, """{ "title": "Lost update" }"""));
        var noVersion = await client.PutAsync("/api/v1/contracts/CT-API-01", ApiClient.Json("""{ "title": "No version" }"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/contracts/CT-API-01", created.Headers.Location?.OriginalString);
        using var body = await ApiCalls.JsonAsync(updated);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Hosting and backup", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("SVC-PAYMENT-GATEWAY-NB", body.RootElement.GetProperty("services")[0].GetProperty("key").GetString());
        Assert.Equal(5000m, body.RootElement.GetProperty("annualValue").GetDecimal());
        Assert.NotEqual(read.Headers.ETag!.Tag, updated.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = await ApiCalls.JsonAsync(stale);
        Assert.Equal("Hosting and backup", conflict.RootElement.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
    }

    [Fact]
    public async Task Contract_BadInput_Is400NamingTheField_AndAUsedReferenceIs409()
    {
        var client = await ApiClient.ForAsync(factory, SupplierManager);

        var backwards = await client.PostAsync("/api/v1/contracts", ApiClient.Json("""
            { "reference": "CT-API-BAD", "title": "Backwards", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-01-01", "endDate": "2025-01-01" }
            """));
        var unknownSupplier = await client.PostAsync("/api/v1/contracts", ApiClient.Json("""
            { "reference": "CT-API-BAD", "title": "Nobody", "supplier": "SUP-NOBODY", "startDate": "2026-01-01", "endDate": "2027-01-01" }
            """));
        var used = await client.PostAsync("/api/v1/contracts", ApiClient.Json("""
            { "reference": "CT-2024-NBP-01", "title": "Again", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-01-01", "endDate": "2027-01-01" }
            """));

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(backwards)).RootElement.GetProperty("errors").TryGetProperty("endDate", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownSupplier.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(unknownSupplier)).RootElement.GetProperty("errors").TryGetProperty("supplier", out _));
        Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/contracts/CT-API-BAD")).StatusCode);
    }

    [Fact]
    public async Task Contract_WithTargets_IsNotDeleted_AndAViewerMayReadButNotWrite()
    {
        var manager = await ApiClient.ForAsync(factory, SupplierManager);
        var viewer = await ApiClient.ForAsync(factory, Viewer);
        var read = await viewer.GetAsync("/api/v1/contracts/CT-2024-NBP-01");

        var viewerWrite = await viewer.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/contracts/CT-2024-NBP-01", read.Headers.ETag!.Tag, """{ "title": "Mine" }"""));
        var delete = await manager.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/contracts/CT-2024-NBP-01", read.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("NBP-AVAIL", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlaTarget_IsCreatedAndUpdated_AndMustMeasureAServiceTheContractCovers()
    {
        var client = await ApiClient.ForAsync(factory, SupplierManager);

        var uncovered = await client.PostAsync("/api/v1/slas/targets", ApiClient.Json("""
            { "key": "API-TGT-X", "name": "Wrong service", "contract": "CT-2024-NBP-01", "service": "SVC-WEB-SHOP", "metric": "Availability", "target": 99.5 }
            """));
        var created = await client.PostAsync("/api/v1/slas/targets", ApiClient.Json("""
            { "key": "API-TGT-1", "name": "Weekend availability", "contract": "CT-2024-NBP-01", "service": "SVC-PAYMENT-GATEWAY-NB", "metric": "Availability", "target": 99.5 }
            """));
        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/slas/targets/API-TGT-1", created.Headers.ETag!.Tag, """{ "target": 99.8 }"""));
        var outOfRange = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/slas/targets/API-TGT-1", updated.Headers.ETag!.Tag, """{ "target": 140 }"""));
        var list = await ApiCalls.JsonAsync(await client.GetAsync("/api/v1/slas/targets?contract=CT-2024-NBP-01"));

        Assert.Equal(HttpStatusCode.BadRequest, uncovered.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(uncovered)).RootElement.GetProperty("errors").TryGetProperty("service", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await ApiCalls.JsonAsync(updated);
        Assert.Equal((99.8, "%", "AtLeast", "SUP-NORTHBRIDGE"), (body.RootElement.GetProperty("target").GetDouble(), body.RootElement.GetProperty("unit").GetString(),
            body.RootElement.GetProperty("direction").GetString(), body.RootElement.GetProperty("supplier").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(outOfRange)).RootElement.GetProperty("errors").TryGetProperty("target", out _));
        Assert.Contains(list.RootElement.EnumerateArray(), t => t.GetProperty("key").GetString() == "API-TGT-1");
    }
}

/// <summary>Requests with an If-Match header and JSON bodies read back, for the API tests.</summary>
internal static class ApiCalls
{
    public static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string etag, string? json = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : ApiClient.Json(json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
