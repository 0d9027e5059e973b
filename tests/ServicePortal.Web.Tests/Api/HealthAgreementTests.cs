using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// Roll-up (<see cref="HealthService"/>), impact (<see cref="ImpactAnalyzer"/>), what-if and the API agree about the
/// health of every node of the sample enterprise: one engine, four ways in.
/// </summary>
public class HealthAgreementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("SUP-SWIFTLINE")]
    [InlineData("CI-VMHOST-AMS1-01")]
    [InlineData("SVC-PUBLIC-CLOUD")]
    [InlineData("SVC-PAYMENT-GATEWAY-NB")]
    public async Task RollUpImpactWhatIfAndApi_AgreeOnEveryNode(string? whatIf)
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");
        var health = factory.Services.GetRequiredService<HealthService>();
        var dashboard = factory.Services.GetRequiredService<DashboardService>();
        var plain = await health.GetAsync();
        int? failed = whatIf is null ? null : plain.Index.Nodes.Single(n => n.Key == whatIf).Id;

        var report = await health.GetAsync(null, failed is { } id ? [id] : null);
        var seeds = plain.Index.Nodes
            .Where(n => plain.OwnOf(n.Id) >= OperationalStatus.Degraded)
            .Select(n => new ImpactSeed(n.Id, plain.OwnOf(n.Id) == OperationalStatus.Down ? ImpactLevel.Down : ImpactLevel.Degraded))
            .Concat(failed is { } f ? [new ImpactSeed(f, ImpactLevel.Down)] : [])
            .ToList();
        var impact = new ImpactAnalyzer(plain.Index).Analyze(seeds);
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/health/nodes{(whatIf is null ? "" : $"?whatIf={whatIf}")}");
        var rows = (await dashboard.ServicesAsync()).ToDictionary(r => r.Service.Id);

        var byKey = api.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("key").GetString()!);
        Assert.Equal(report.Index.NodeCount, byKey.Count);
        foreach (var node in report.Index.Nodes)
        {
            var inherited = report.InheritedOf(node.Id);
            var fromImpact = impact.IsSeed(node.Id) ? impact.InheritedLevelOf(node.Id) : impact.LevelOf(node.Id);
            Assert.Equal((node.Key, inherited), (node.Key, fromImpact));

            var own = whatIf is null ? plain.OwnOf(node.Id) : report.OwnOf(node.Id);
            var effective = HealthLevels.Worse(HealthLevels.Worse(own, HealthEngine.FromImpact(inherited)), node.Id == failed ? OperationalStatus.Down : OperationalStatus.Unknown);
            Assert.Equal((node.Key, effective), (node.Key, report.EffectiveOf(node.Id)));

            var json = byKey[node.Key];
            Assert.Equal(
                (node.Key, own.ToString(), inherited.ToString(), effective.ToString()),
                (node.Key, json.GetProperty("own").GetString(), json.GetProperty("inherited").GetString(), json.GetProperty("effective").GetString()));
            var root = report.RootOf(node.Id);
            Assert.Equal(
                (node.Key, root < 0 ? null : report.Index.Node(root).Key),
                (node.Key, json.GetProperty("rootCause").ValueKind == JsonValueKind.Null ? null : json.GetProperty("rootCause").GetProperty("root").GetProperty("key").GetString()));

            if (whatIf is null && rows.TryGetValue(node.Id, out var row))
            {
                Assert.Equal((node.Key, own, inherited, effective), (node.Key, row.Own, row.Inherited, row.Effective));
            }
        }
    }

    [Theory]
    [InlineData("SUP-SWIFTLINE")]
    [InlineData("CI-VMHOST-AMS1-01")]
    [InlineData("SVC-DATABASE-PLATFORM")]
    public async Task ImpactApi_AgreesWithTheEngineOnEveryAffectedNode(string key)
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");
        var index = (await factory.Services.GetRequiredService<HealthService>().GetAsync()).Index;

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/impact/{key}?take=1000");

        var engine = new ImpactAnalyzer(index).Analyze([index.Nodes.Single(n => n.Key == key).Id]);
        var affected = body.GetProperty("affected").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("level").GetString());
        Assert.Equal(engine.Count - 1, affected.Count);
        Assert.All(engine.Affected.Where(a => a.Distance > 0), a => Assert.Equal(a.Level.ToString(), affected[index.Node(a.NodeId).Key]));
    }

    [Fact]
    public async Task Dashboard_ShowsRootCausesFirstWithPathsAndTheSplit()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/health/dashboard");

        Assert.Equal("2026-11", body.GetProperty("asOf").GetString());
        Assert.Equal(DomainHealthRules.ScoreFormula, body.GetProperty("scoreFormula").GetString());
        var first = body.GetProperty("rootCauses")[0];
        Assert.Equal("SVC-CARRIER-PARCEL", first.GetProperty("node").GetProperty("key").GetString());
        Assert.Equal("SUP-SWIFTLINE", first.GetProperty("supplier").GetProperty("key").GetString());
        Assert.Equal(3, first.GetProperty("businessServicesHit").GetInt32());
        var live = body.GetProperty("liveServices").GetInt32();
        var attention = body.GetProperty("needingAttention").GetInt32();
        Assert.True(attention * 3 <= live, $"{attention} of {live}");
        Assert.Equal(attention, body.GetProperty("needingAttentionOwn").GetInt32() + body.GetProperty("needingAttentionInherited").GetInt32());
        Assert.All(body.GetProperty("attention").EnumerateArray(), row =>
        {
            var steps = row.GetProperty("rootCause").GetProperty("steps");
            Assert.Equal(row.GetProperty("service").GetProperty("key").GetString(), steps[steps.GetArrayLength() - 1].GetProperty("key").GetString());
        });
        Assert.All(body.GetProperty("domains").EnumerateArray(), d => Assert.Contains("/100", d.GetProperty("explanation").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Node_ExplainsOwnAndInheritedApart_AndTrendsCoverTwelveMonths()
    {
        var client = await ApiClient.ForAsync(factory, "viewer@demo.local");

        var delivery = await client.GetFromJsonAsync<JsonElement>("/api/v1/health/nodes/SVC-ORDER-DELIVERY");
        var trends = await client.GetFromJsonAsync<JsonElement>("/api/v1/health/trends?asOf=2026-08");
        var missing = await client.GetAsync("/api/v1/health/nodes/NO-SUCH-NODE");

        Assert.Equal("AtRisk", delivery.GetProperty("inherited").GetString());
        Assert.Equal("Inherited", delivery.GetProperty("source").GetString());
        Assert.Equal(
            ["SVC-CARRIER-PARCEL", "SVC-SHIPPING", "SVC-ORDER-DELIVERY"],
            delivery.GetProperty("rootCause").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal("2026-08", trends.GetProperty("asOf").GetString());
        Assert.Equal(12, trends.GetProperty("months").GetArrayLength());
        Assert.Equal("2025-09", trends.GetProperty("months")[0].GetString());
        Assert.All(trends.GetProperty("businessServices").EnumerateArray(), s => Assert.Equal(12, s.GetProperty("points").GetArrayLength()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
