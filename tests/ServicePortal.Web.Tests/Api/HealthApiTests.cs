using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

public class HealthApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task DomainHealth_ListsEveryDomainWithStatusIndexAndCounts()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/health/domains");

        Assert.Equal("2026-11", body.GetProperty("asOf").GetString());
        var domains = body.GetProperty("domains").EnumerateArray().ToList();
        Assert.Contains(domains, d => d.GetProperty("domain").GetString() == "Supply Chain");
        Assert.All(domains, d => Assert.Contains(d.GetProperty("status").GetString(), new[] { "Healthy", "AtRisk", "Degraded", "Down", "Unknown" }));
        Assert.Contains(domains, d => d.GetProperty("status").GetString() != "Healthy");
    }

    [Fact]
    public async Task DomainHealth_AsOfAPastMonth_AndABadMonthIs400()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var august = await client.GetFromJsonAsync<JsonElement>("/api/v1/health/domains?asOf=2026-08");
        var bad = await client.GetAsync("/api/v1/health/domains?asOf=August");

        Assert.Equal("2026-08", august.GetProperty("asOf").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("asOf", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainHealth_WithoutAToken_Is401()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/api/v1/health/domains");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
