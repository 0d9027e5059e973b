using System.Net;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>The catalog API's own bodies: nodes and domains by key, a PUT that keeps what it omits, and no UI form fields.</summary>
public class CatalogApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task Service_TakesItsDomainByKey_AndAPutKeepsTheFieldsItOmits()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var created = await client.PostAsync("/api/v1/services", ApiClient.Json("""
            { "key": "SVC-API-BODY", "name": "API body", "kind": "Technical", "tier": 1, "sourcing": "Hybrid", "lifecycle": "Pipeline", "domain": "DOM-DATA", "description": "Kept" }
            """));
        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/services/SVC-API-BODY", created.Headers.ETag!.Tag, """{ "name": "API body, renamed" }"""));
        var cleared = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/services/SVC-API-BODY", updated.Headers.ETag!.Tag, """{ "domain": "" }"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await ApiCalls.JsonAsync(updated);
        var service = body.RootElement;
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("API body, renamed", service.GetProperty("name").GetString());
        Assert.Equal("Technical", service.GetProperty("kind").GetString());
        Assert.Equal(1, service.GetProperty("tier").GetInt32());
        Assert.Equal("Hybrid", service.GetProperty("sourcing").GetString());
        Assert.Equal("Pipeline", service.GetProperty("lifecycle").GetString());
        Assert.Equal("Kept", service.GetProperty("description").GetString());
        Assert.Equal("DOM-DATA", service.GetProperty("domain").GetString());
        Assert.False(service.TryGetProperty("id", out _));
        Assert.False(service.TryGetProperty("domainId", out _));
        using var clearedBody = await ApiCalls.JsonAsync(cleared);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, clearedBody.RootElement.GetProperty("domain").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/services", """{ "key": "SVC-NO-DOMAIN", "name": "No domain", "domain": "DOM-NOPE" }""")]
    [InlineData("/api/v1/configuration-items", """{ "key": "CI-NO-DOMAIN", "name": "No domain", "ciType": "Server", "domain": "DOM-NOPE" }""")]
    [InlineData("/api/v1/suppliers", """{ "key": "SUP-NO-DOMAIN", "name": "No domain supplies", "domain": "DOM-NOPE" }""")]
    public async Task AnUnknownDomainKey_Is400NamingDomain(string path, string json)
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var response = await client.PostAsync(path, ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = await ApiCalls.JsonAsync(response);
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("domain", out _));
    }

    [Fact]
    public async Task Supplier_ReadChangedAndPutBack_KeepsItsOtherFields()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        await client.PostAsync("/api/v1/suppliers", ApiClient.Json("""
            { "key": "SUP-API-ROUND", "name": "Round Trip Supplies", "category": "Strategic", "riskRating": "High", "contactEmail": "ops@round.example", "isInternal": true }
            """));
        var read = await client.GetAsync("/api/v1/suppliers/SUP-API-ROUND");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        json["website"] = "https://round.example";

        var put = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/suppliers/SUP-API-ROUND", read.Headers.ETag!.Tag, json.ToJsonString()));

        using var body = await ApiCalls.JsonAsync(put);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("https://round.example", body.RootElement.GetProperty("website").GetString());
        Assert.Equal("Strategic", body.RootElement.GetProperty("category").GetString());
        Assert.Equal("High", body.RootElement.GetProperty("riskRating").GetString());
        Assert.True(body.RootElement.GetProperty("isInternal").GetBoolean());
        Assert.Equal("ops@round.example", body.RootElement.GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task Domain_PutKeepsTheDescriptionItOmits_AndAStaleVersionIs409WithTheCurrentValues()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var created = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-API-BODY", "name": "API body domain", "description": "Stays" }"""));

        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/domains/DOM-API-BODY", created.Headers.ETag!.Tag, """{ "name": "API body domain 2" }"""));
        var stale = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/domains/DOM-API-BODY", created.Headers.ETag!.Tag, """{ "name": "Lost" }"""));

        using var body = await ApiCalls.JsonAsync(updated);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("API body domain 2", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("Stays", body.RootElement.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = await ApiCalls.JsonAsync(stale);
        Assert.Equal("API body domain 2", conflict.RootElement.GetProperty("current").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Domain_DeleteAtAStaleVersionIs409NamingTheCurrentOne_AndAtTheCurrentVersionIs204()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var created = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-API-DELETE", "name": "API delete domain" }"""));
        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/domains/DOM-API-DELETE", created.Headers.ETag!.Tag, """{ "name": "API delete domain 2" }"""));
        using var read = await ApiCalls.JsonAsync(await client.GetAsync("/api/v1/domains/DOM-API-DELETE"));

        var staleDelete = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/domains/DOM-API-DELETE", created.Headers.ETag!.Tag));
        var stillThere = await client.GetAsync("/api/v1/domains/DOM-API-DELETE");
        var deleted = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/domains/DOM-API-DELETE", updated.Headers.ETag!.Tag));
        var gone = await client.GetAsync("/api/v1/domains/DOM-API-DELETE");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.StatusCode);
        using var conflict = await ApiCalls.JsonAsync(staleDelete);
        Assert.Contains($"now version {read.RootElement.GetProperty("version").GetInt32()}", conflict.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
