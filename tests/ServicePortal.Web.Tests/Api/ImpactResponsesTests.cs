using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// The impact API's kept responses (<see cref="ImpactResponses"/>): the same question again sends the kept JSON, and a
/// change the feed reports — to the graph or to the lookups — makes the next answer fresh. Its own portal, as these
/// tests change the CMDB and count renders.
/// </summary>
public class ImpactResponsesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";
    private const string Viewer = "viewer@demo.local";

    [Fact]
    public async Task TheSameQuestionAgain_SendsTheKeptResponse_AndItsETagAnswers304()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);
        var responses = factory.Services.GetRequiredService<ImpactResponses>();

        using var first = await client.GetAsync("/api/v1/impact/SUP-SWIFTLINE?take=7");
        var rendered = responses.Rendered;
        using var again = await client.GetAsync("/api/v1/impact/SUP-SWIFTLINE?take=7");
        using var otherPage = await client.GetAsync("/api/v1/impact/SUP-SWIFTLINE?skip=1&take=7");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/impact/SUP-SWIFTLINE?take=7");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/impact/SUP-SWIFTLINE?take=7");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-this-one\""));
        using var modified = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(rendered + 1, responses.Rendered); // the repeat was kept; the other page was rendered
        Assert.NotEqual(first.Headers.ETag, otherPage.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await modified.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARelationshipAdded_MakesTheNextAnswerFresh()
    {
        var viewer = await ApiClient.ForAsync(factory, Viewer);
        var admin = await ApiClient.ForAsync(factory, Admin);
        using var before = await viewer.GetAsync("/api/v1/impact/SVC-PAYMENTS?take=1000");
        var beforeJson = await before.Content.ReadFromJsonAsync<JsonElement>();
        using var kept = await viewer.GetAsync("/api/v1/impact/SVC-PAYMENTS?take=1000");

        (await admin.PostAsync("/api/v1/configuration-items", ApiClient.Json("""{ "key": "CI-IMPACT-KEPT", "name": "Kept impact probe", "ciType": "Server" }"""))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "CI-IMPACT-KEPT", "type": "DependsOn", "target": "SVC-PAYMENTS" }"""))).EnsureSuccessStatusCode();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/impact/SVC-PAYMENTS?take=1000");
        conditional.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await viewer.SendAsync(conditional);
        var afterJson = await after.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(before.Headers.ETag, kept.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(beforeJson.GetProperty("affectedCount").GetInt32() + 1, afterJson.GetProperty("affectedCount").GetInt32());
        Assert.Contains(afterJson.GetProperty("affected").EnumerateArray(), a => a.GetProperty("key").GetString() == "CI-IMPACT-KEPT");
        Assert.DoesNotContain(beforeJson.GetProperty("affected").EnumerateArray(), a => a.GetProperty("key").GetString() == "CI-IMPACT-KEPT");
    }

    [Fact]
    public async Task ADomainRenamed_MakesTheNextSummaryFresh()
    {
        var viewer = await ApiClient.ForAsync(factory, Viewer);
        var admin = await ApiClient.ForAsync(factory, Admin);
        var before = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE");
        var domainName = before.GetProperty("summary").GetProperty("domains")[0].GetProperty("name").GetString()!;
        var domains = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/domains?search={Uri.EscapeDataString(domainName)}");
        var domainKey = domains.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("name").GetString() == domainName).GetProperty("key").GetString()!;
        var domain = await admin.GetAsync($"/api/v1/domains/{domainKey}");
        var renamed = domainName + " (renamed)";

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/domains/{domainKey}") { Content = ApiClient.Json($$"""{ "name": "{{renamed}}" }""") };
        put.Headers.IfMatch.Add(domain.Headers.ETag!);
        (await admin.SendAsync(put)).EnsureSuccessStatusCode();
        var after = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE");

        var names = after.GetProperty("summary").GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains(renamed, names);
        Assert.DoesNotContain(domainName, names);
        Assert.Equal(before.GetProperty("affectedCount").GetInt32(), after.GetProperty("affectedCount").GetInt32());
    }
}
