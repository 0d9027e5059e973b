using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>Saved what-if scenarios over the API: the CIO saves, a Viewer reads and compares, stale writes are refused.</summary>
public class ScenarioApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Cio_SavesAScenario_ViewerReadsItsImpact_AndComparesItWithToday()
    {
        var cio = await ApiClient.ForAsync(factory, "cio@demo.local");
        var viewer = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var created = await cio.PostAsJsonAsync("/api/v1/scenarios", new { name = "API: carrier and a gateway", nodes = new object[] { new { node = "SUP-SWIFTLINE" }, new { node = "SVC-PAYMENT-GATEWAY-SP", mark = "Degraded" } } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt32();
        var impact = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/scenarios/{id}/impact");
        var comparison = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/scenarios/compare?left=today&right={id}");
        var refused = await viewer.PostAsJsonAsync("/api/v1/scenarios", new { name = "Viewer's", nodes = new[] { new { node = "SUP-SWIFTLINE" } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("cio@demo.local", body.GetProperty("createdBy").GetString());
        Assert.Equal(2, body.GetProperty("nodes").GetArrayLength());
        Assert.True(impact.GetProperty("summary").GetProperty("downCount").GetInt32() > 0);
        Assert.Equal("Today (recorded status)", comparison.GetProperty("left").GetProperty("label").GetString());
        Assert.Contains(comparison.GetProperty("services").EnumerateArray(), s => s.GetProperty("key").GetString() == "SVC-CARRIER-PARCEL" && s.GetProperty("right").GetString() == "Down");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task BadInput_NamesTheRow_AndAStaleReplaceIsRefused()
    {
        var cio = await ApiClient.ForAsync(factory, "cio@demo.local");
        var unknown = await cio.PostAsJsonAsync("/api/v1/scenarios", new { name = "API: unknown node", nodes = new[] { new { node = "SUP-SWIFTLINE" }, new { node = "SUP-NOPE" } } });
        var created = await (await cio.PostAsJsonAsync("/api/v1/scenarios", new { name = "API: stale", nodes = new[] { new { node = "SUP-SWIFTLINE" } } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        var first = await cio.PutAsJsonAsync($"/api/v1/scenarios/{id}", new { name = "API: stale, renamed", nodes = new[] { new { node = "SUP-SWIFTLINE" } }, version = 1 });
        var second = await cio.PutAsJsonAsync($"/api/v1/scenarios/{id}", new { name = "API: stale, mine", nodes = new[] { new { node = "SUP-SWIFTLINE" } }, version = 1 });
        var noVersion = await cio.DeleteAsync($"/api/v1/scenarios/{id}");
        var badSide = await cio.GetAsync("/api/v1/scenarios/compare?left=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("nodes[1]", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSide.StatusCode);
        Assert.Equal("API: stale, renamed", (await cio.GetFromJsonAsync<JsonElement>($"/api/v1/scenarios/{id}")).GetProperty("name").GetString());
    }
}
