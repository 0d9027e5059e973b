using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServicePortal.Web.Tests.Api;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Score;

/// <summary>The practice KPI API on the sample enterprise: everyone reads, governance staff write, every write is idempotent or versioned.</summary>
public class KpiApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Governance = "governance@demo.local";
    private const string Viewer = "viewer@demo.local";
    private const string Supplier = "supplier@demo.local";

    [Fact]
    public async Task Viewer_ReadsKpiStatusesAndValueStreamHealth()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/score/kpis?asOf=2026-11"));
        using var one = JsonDocument.Parse(await client.GetStringAsync("/api/v1/score/kpis/KPI-DEVELOPMENT-CFR?asOf=2026-11"));
        using var stream = JsonDocument.Parse(await client.GetStringAsync("/api/v1/score/value-stream?asOf=2026-11"));
        var badMonth = await client.GetAsync("/api/v1/score/kpis?asOf=november");

        var cfr = list.RootElement.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "KPI-DEVELOPMENT-CFR");
        Assert.Equal(("Missed", "Build", "≤ 10%"), (cfr.GetProperty("status").GetString(), cfr.GetProperty("stage").GetString(), cfr.GetProperty("targetText").GetString()));
        Assert.Equal(12, one.RootElement.GetProperty("history").GetArrayLength());
        Assert.Equal("Missed", stream.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "BUILD").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
    }

    [Fact]
    public async Task Measurements_AreIdempotentByKpiAndPeriod_AndOnlyGovernanceMayPostThem()
    {
        var governance = await ApiClient.ForAsync(factory, Governance);
        var supplier = await ApiClient.ForAsync(factory, Supplier);
        const string batch = """{ "measurements": [{ "kpiKey": "KPI-DEVELOPMENT-CFR", "period": "2026-11", "value": 14.6 }, { "kpiKey": "KPI-NOPE", "period": "2026-11", "value": 1 }] }""";
        const string good = """{ "measurements": [{ "kpiKey": "KPI-DEVELOPMENT-CFR", "period": "2026-11", "value": 14.6 }] }""";

        var refused = await supplier.PostAsync("/api/v1/score/kpis/measurements", ApiClient.Json(good));
        var invalid = await governance.PostAsync("/api/v1/score/kpis/measurements", ApiClient.Json(batch));
        var first = await governance.PostAsync("/api/v1/score/kpis/measurements", ApiClient.Json(good));
        var same = await governance.PostAsync("/api/v1/score/kpis/measurements", ApiClient.Json(good));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, same.StatusCode));
        using var body = JsonDocument.Parse(await same.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 1), (body.RootElement.GetProperty("added").GetInt32(), body.RootElement.GetProperty("updated").GetInt32(), body.RootElement.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task CsvImport_PreviewsWithoutStoring_AndRefusesAnotherMediaType()
    {
        var governance = await ApiClient.ForAsync(factory, Governance);
        var csv = new StringContent("kpi key,period,value\r\nKPI-RELEASE-ROLLBACKS,2026-11,6.6\r\n", Encoding.UTF8);
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var preview = await governance.PostAsync("/api/v1/score/kpis/measurements/import/preview", csv);
        var form = await governance.PostAsync("/api/v1/score/kpis/measurements/import/preview", new StringContent("x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        using var body = JsonDocument.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Equal((true, 1), (body.RootElement.GetProperty("canCommit").GetBoolean(), body.RootElement.GetProperty("unchanged").GetInt32()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }

    [Fact]
    public async Task PublishedKpi_IsReadOnlyThroughTheApi()
    {
        var governance = await ApiClient.ForAsync(factory, Governance);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/score/draft/kpis/KPI-DEVELOPMENT-CFR") { Content = ApiClient.Json("""{ "target": 25 }""") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await governance.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("read-only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
