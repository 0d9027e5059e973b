using System.Net;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>Governance roles, people and role assignments over the API: the governance pages' rules, with versions.</summary>
public class GovernanceApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Governance = "governance@demo.local";
    private const string Viewer = "viewer@demo.local";

    [Fact]
    public async Task Role_IsCreatedAndUpdated_AStaleVersionIsRefused_AndAUsedKeyIs409()
    {
        var client = await ApiClient.ForAsync(factory, Governance);

        var created = await client.PostAsync("/api/v1/governance/roles", ApiClient.Json("""{ "key": "API-ROLE", "name": "API steward", "description": "Keeps the API tidy." }"""));
        var again = await client.PostAsync("/api/v1/governance/roles", ApiClient.Json("""{ "key": "api-role", "name": "Another" }"""));
        var updated = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/governance/roles/API-ROLE", created.Headers.ETag!.Tag, """{ "name": "API custodian" }"""));
        var stale = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/governance/roles/API-ROLE", created.Headers.ETag!.Tag, """{ "name": "Lost" }"""));
        var nameless = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/governance/roles/API-ROLE", updated.Headers.ETag!.Tag, """{ "name": "" }"""));
        var read = await ApiCalls.JsonAsync(await client.GetAsync("/api/v1/governance/roles/API-ROLE"));
        var staleDelete = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/governance/roles/API-ROLE", created.Headers.ETag!.Tag));
        var stillThere = await client.GetAsync("/api/v1/governance/roles/API-ROLE");
        var deleted = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/governance/roles/API-ROLE", updated.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(nameless)).RootElement.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(("API custodian", "Keeps the API tidy."), (read.RootElement.GetProperty("name").GetString(), read.RootElement.GetProperty("description").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.StatusCode);
        Assert.Contains($"now version {read.RootElement.GetProperty("version").GetInt32()}", (await ApiCalls.JsonAsync(staleDelete)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Person_GetsARole_ButNotAfterLeaving_AndIsNotDeletedWhileHoldingIt()
    {
        var client = await ApiClient.ForAsync(factory, Governance);

        var person = await client.PostAsync("/api/v1/governance/people", ApiClient.Json("""{ "name": "Ada Api", "email": "ada.api@example.test", "jobTitle": "Engineer" }"""));
        var duplicate = await client.PostAsync("/api/v1/governance/people", ApiClient.Json("""{ "name": "Ada Again", "email": "ADA.API@example.test" }"""));
        var badEmail = await client.PostAsync("/api/v1/governance/people", ApiClient.Json("""{ "name": "No mail", "email": "not-an-address" }"""));
        var id = (await ApiCalls.JsonAsync(person)).RootElement.GetProperty("id").GetInt32();
        var assigned = await client.PostAsync("/api/v1/governance/assignments", ApiClient.Json("""
            { "personEmail": "ada.api@example.test", "role": "SERVICE-OWNER", "scopeType": "Service", "scope": "SVC-WEB-SHOP", "raci": "Responsible" }
            """));
        var read = await client.GetAsync($"/api/v1/governance/people/{id}");
        var blocked = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, $"/api/v1/governance/people/{id}", read.Headers.ETag!.Tag));
        var left = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, $"/api/v1/governance/people/{id}", read.Headers.ETag!.Tag, """{ "leftOn": "2020-01-31" }"""));
        var afterLeaving = await client.PostAsync("/api/v1/governance/assignments", ApiClient.Json($$"""
            { "personId": {{id}}, "role": "SERVICE-OWNER", "scopeType": "Service", "scope": "SVC-MOBILE-APP", "raci": "Responsible" }
            """));

        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(badEmail)).RootElement.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        using var assignment = await ApiCalls.JsonAsync(assigned);
        Assert.Equal(("SVC-WEB-SHOP", "Responsible"), (assignment.RootElement.GetProperty("scope").GetString(), assignment.RootElement.GetProperty("raci").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterLeaving.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(afterLeaving)).RootElement.GetProperty("errors").TryGetProperty("personId", out _));
    }

    [Fact]
    public async Task Assignment_IsRemoved_AndAViewerMayNotAddOne()
    {
        var client = await ApiClient.ForAsync(factory, Governance);
        var viewer = await ApiClient.ForAsync(factory, Viewer);
        const string body = """{ "personEmail": "charlotte.vandijk@kestrel-retail.example", "role": "SERVICE-OWNER", "scopeType": "Service", "scope": "SVC-PRODUCT-SEARCH", "raci": "Informed" }""";

        var refused = await viewer.PostAsync("/api/v1/governance/assignments", ApiClient.Json(body));
        var added = await client.PostAsync("/api/v1/governance/assignments", ApiClient.Json(body));
        var twice = await client.PostAsync("/api/v1/governance/assignments", ApiClient.Json(body));
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var location = added.Headers.Location!.OriginalString;
        var removed = await client.DeleteAsync(location);
        var gone = await client.GetAsync(location);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
