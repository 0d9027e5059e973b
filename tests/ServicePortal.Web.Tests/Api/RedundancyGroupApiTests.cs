using System.Net;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>Redundancy groups over the API: created, joined by a relationship, changed with versions, not deleted while they have members.</summary>
public class RedundancyGroupApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";
    private const string Viewer = "viewer@demo.local";

    [Fact]
    public async Task Group_IsCreatedJoinedAndChanged_AndNotDeletedWhileItHasMembers()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var viewer = await ApiClient.ForAsync(factory, Viewer);

        var refused = await viewer.PostAsync("/api/v1/redundancy-groups", ApiClient.Json("""{ "key": "RG-API", "name": "API pair" }"""));
        var created = await client.PostAsync("/api/v1/redundancy-groups", ApiClient.Json("""{ "key": "RG-API", "name": "API pair", "minimumUp": 1 }"""));
        var sameName = await client.PostAsync("/api/v1/redundancy-groups", ApiClient.Json("""{ "key": "RG-API-2", "name": "api PAIR" }"""));
        var member = await client.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "SVC-STORE-LOCATOR", "type": "DependsOn", "target": "SVC-PRODUCT-SEARCH", "redundancyGroup": "RG-API" }"""));
        var unknownGroup = await client.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "SVC-STORE-LOCATOR", "type": "DependsOn", "target": "SVC-WEB-SHOP", "redundancyGroup": "RG-NONE" }"""));
        var tooMany = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/redundancy-groups/RG-API", created.Headers.ETag!.Tag, """{ "minimumUp": 2 }"""));
        var renamed = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/redundancy-groups/RG-API", created.Headers.ETag!.Tag, """{ "name": "API twins" }"""));
        var blocked = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/redundancy-groups/RG-API", renamed.Headers.ETag!.Tag));
        using var read = await ApiCalls.JsonAsync(await viewer.GetAsync("/api/v1/redundancy-groups/RG-API"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(unknownGroup)).RootElement.GetProperty("errors").TryGetProperty("redundancyGroup", out _));
        Assert.True((await ApiCalls.JsonAsync(tooMany)).RootElement.GetProperty("errors").TryGetProperty("minimumUp", out _));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("API twins", read.RootElement.GetProperty("name").GetString());
        Assert.Equal("SVC-PRODUCT-SEARCH", read.RootElement.GetProperty("members")[0].GetProperty("target").GetString());
    }
}
