using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

public class ResilienceApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SinglePoints_ListRankedNodesWithPathsAndLeaveRedundantMembersOut()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/resilience/single-points-of-failure");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, body.GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        var keys = items.Select(i => i.GetProperty("key").GetString()).ToList();
        Assert.DoesNotContain("SVC-PAYMENT-GATEWAY-NB", keys);
        Assert.DoesNotContain("CI-INTERNET-AMS1", keys);
        Assert.DoesNotContain("CI-VM-WMS-APP01", keys);
        Assert.All(items, i => Assert.EndsWith(
            i.GetProperty("name").GetString()!.EndsWith('.') ? $" {i.GetProperty("name").GetString()}" : $" {i.GetProperty("name").GetString()}.", // "… Swiftline Parcel N.V."
            i.GetProperty("path").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SinglePointsCsv_HasAHeaderAndOneRowPerItem()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/resilience/single-points-of-failure");

        var response = await client.GetAsync("/api/v1/resilience/single-points-of-failure.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var reader = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.Parser.Record!);
        }

        Assert.Equal("Rank", rows[0][0].TrimStart('\uFEFF'));
        Assert.Equal(json.GetProperty("count").GetInt32() + 1, rows.Count);
        Assert.Equal(json.GetProperty("items")[0].GetProperty("key").GetString(), rows[1][1]);
    }

    [Fact]
    public async Task SlaChain_HasEveryLiveBusinessServiceWithWhatItsTargetsUnderpin()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/resilience/sla-chain");

        var services = body.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(5, services.Count);
        Assert.All(services, s => Assert.InRange(s.GetProperty("deliverablePercent").GetDouble(), 0, 100));
        Assert.Contains(services, s => s.GetProperty("weakestLinks").GetArrayLength() > 0);
        var shortfall = Assert.Single(services, s => s.GetProperty("hasShortfall").GetBoolean());
        Assert.Equal("SVC-ORDER-AND-PAY", shortfall.GetProperty("key").GetString());
        Assert.Equal(99.95, shortfall.GetProperty("promisedPercent").GetDouble());
        Assert.Equal(3, services.Count(s => s.GetProperty("promisedPercent").ValueKind == JsonValueKind.Number));
    }

    [Fact]
    public async Task Renewals_TakeAWindowInMonths_AndRefuseOneOutOfRange()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var year = await client.GetFromJsonAsync<JsonElement>("/api/v1/resilience/renewals?months=12");
        var none = await client.GetAsync("/api/v1/resilience/renewals?months=0");
        var tooMany = await client.GetAsync("/api/v1/resilience/renewals?months=99");

        Assert.Equal(12, year.GetProperty("months").GetInt32());
        var ranks = year.GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("months", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resilience_WithoutSigningIn_Is401()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/api/v1/resilience/single-points-of-failure");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
