using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

public class ApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";
    private const string Viewer = "viewer@demo.local";
    private const string Supplier = "supplier@demo.local";

    [Theory]
    [InlineData("/api/v1/services")]
    [InlineData("/api/v1/governance/gaps")]
    [InlineData("/api/v1/nowhere")]
    [InlineData("/openapi/v1.json")]
    public async Task NoToken_Is401WithProblemDetails_NotARedirect(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task NoToken_OnAnEndpoint_SaysHowToAuthenticate()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/api/v1/services");

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownToken_Is401()
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sp_not-a-real-token");

        var response = await client.GetAsync("/api/v1/services");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokedToken_Is401()
    {
        var token = await ApiClient.CreateTokenAsync(factory, Viewer);
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = await client.GetAsync("/api/v1/services");
        using (var scope = factory.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(Viewer);
            var tokens = factory.Services.GetRequiredService<ApiTokenService>();
            var row = (await tokens.ListAsync(user!.Id)).First(t => token.StartsWith(t.Prefix, StringComparison.Ordinal));
            await tokens.RevokeAsync(user.Id, row.Id);
        }

        var after = await client.GetAsync("/api/v1/services");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var token = await ApiClient.CreateTokenAsync(factory, Viewer, DateTime.UtcNow.AddHours(1));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContext();
            var hash = ApiTokenService.HashOf(token);
            var stored = db.Set<ApiToken>().Single(t => t.Hash == hash);
            stored.ExpiresAt = DateTime.UtcNow.AddDays(-1);
            db.SaveChanges();
        }

        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/services")).StatusCode);
    }

    [Fact]
    public async Task ViewerToken_OnAWrite_Is403()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var response = await client.PostAsync("/api/v1/services", ApiClient.Json("""{ "key": "SVC-VIEWER", "name": "Nope", "kind": "Business" }"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SupplierManager_MayEditSuppliersButNotServices()
    {
        var client = await ApiClient.ForAsync(factory, Supplier);

        var supplier = await client.PostAsync("/api/v1/suppliers", ApiClient.Json("""{ "key": "SUP-API-NEW", "name": "API Supplies", "category": "Tactical", "riskRating": "Low" }"""));
        var service = await client.PostAsync("/api/v1/services", ApiClient.Json("""{ "key": "SVC-API-SUP", "name": "Nope" }"""));

        Assert.Equal(HttpStatusCode.Created, supplier.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, service.StatusCode);
    }

    [Fact]
    public async Task CookieSignIn_AlsoWorksForTheApi()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Viewer, DemoAccounts.Password);

        var response = await client.GetAsync("/api/v1/domains");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CookieSignIn_MayWriteJsonFromThePortalsOrigin_AndIsAuditedAsThatUser()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Admin, DemoAccounts.Password);
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");

        var response = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-COOKIE", "name": "Cookie domain" }"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var scope = factory.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContextAsync();
        Assert.Contains(db.AuditEntries, a => a.EntityName == "Cookie domain" && a.UserName == Admin);
    }

    [Fact]
    public async Task TokenWrites_AreAuditedAsTheTokensUser()
    {
        var client = await ApiClient.ForAsync(factory, Supplier);

        await client.PostAsync("/api/v1/suppliers", ApiClient.Json("""{ "key": "SUP-AUDITED", "name": "Audited Supplies", "category": "Commodity" }"""));

        using var scope = factory.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContextAsync();
        Assert.Contains(db.AuditEntries, a => a.EntityName == "SUP-AUDITED" && a.UserName == Supplier);
    }

    [Fact]
    public async Task ServiceList_IsPagedSearchedAndFiltered()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?take=5&lifecycle=Live&kind=Business");
        var search = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?search=payments");
        var bad = await client.GetAsync("/api/v1/services?lifecycle=Alive");
        var badSkip = await client.GetAsync("/api/v1/services?skip=abc");

        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 5);
        Assert.All(page.GetProperty("items").EnumerateArray(), s => Assert.Equal("Business", s.GetProperty("kind").GetString()));
        Assert.True(search.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Pipeline, Live, Retired", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSkip.StatusCode);
        Assert.Contains("skip", await badSkip.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceList_SortsByTheFieldsGiven_AndRefusesAnUnknownField()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var byTier = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?take=500&sort=-tier,name");
        var byNameDescending = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?take=500&sort=-NAME");
        var unknown = await client.GetAsync("/api/v1/services?sort=tier,colour");
        var twice = await client.GetAsync("/api/v1/services?sort=name,-name");

        var rows = byTier.GetProperty("items").EnumerateArray().Select(s => (Tier: s.GetProperty("tier").GetInt32(), Name: s.GetProperty("name").GetString()!)).ToList();
        Assert.True(rows.Count > 10);
        Assert.True(rows.Select(r => r.Tier).Distinct().Count() > 1);
        Assert.Equal(rows.OrderByDescending(r => r.Tier).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList(), rows);
        var names = byNameDescending.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.OrderDescending(StringComparer.OrdinalIgnoreCase).ToList(), names);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("sort").EnumerateArray()).GetString()!;
        Assert.Contains("'colour'", message, StringComparison.Ordinal);
        Assert.Contains("key, name, tier, kind, lifecycle, sourcing, domain", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/configuration-items?take=3&ciType=Database")]
    [InlineData("/api/v1/suppliers?internal=false&take=3")]
    [InlineData("/api/v1/domains")]
    [InlineData("/api/v1/governance/gaps")]
    [InlineData("/api/v1/nodes/SVC-PAYMENTS/relationships")]
    [InlineData("/api/v1/impact/SUP-SWIFTLINE")]
    [InlineData("/openapi/v1.json")]
    public async Task ReadEndpoints_AnswerForAViewer(string path)
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetService_HasTheVersionAsETag_And404ForAnUnknownKey()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var found = await client.GetAsync("/api/v1/services/SVC-PAYMENTS");
        var missing = await client.GetAsync("/api/v1/services/SVC-NOPE");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.NotNull(found.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateUpdateRetire_WithIfMatch_AndStaleIfMatchIs409()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var created = await client.PostAsync("/api/v1/services", ApiClient.Json("""{ "key": "SVC-API-LIFE", "name": "API lifecycle", "kind": "Application", "tier": 2, "sourcing": "Internal" }"""));
        var etag = created.Headers.ETag!.Tag;
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/SVC-API-LIFE") { Content = ApiClient.Json("""{ "name": "API lifecycle, renamed", "kind": "Application", "tier": 1, "sourcing": "Internal" }""") };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var updated = await client.SendAsync(update);
        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/SVC-API-LIFE") { Content = ApiClient.Json("""{ "name": "Lost update", "kind": "Application" }""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var conflict = await client.SendAsync(stale);
        var noVersion = await client.PutAsync("/api/v1/services/SVC-API-LIFE", ApiClient.Json("""{ "name": "No version" }"""));
        var retire = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services/SVC-API-LIFE/retire");
        retire.Headers.IfMatch.Add(updated.Headers.ETag!);
        var retired = await client.SendAsync(retire);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/services/SVC-API-LIFE", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("API lifecycle, renamed", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("Retired", (await retired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task DuplicateKey_Is409()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var response = await client.PostAsync("/api/v1/configuration-items", ApiClient.Json("""{ "key": "SVC-PAYMENTS", "name": "Clash", "ciType": "Database" }"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("SVC-PAYMENTS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidFields_Are400WithFieldNames()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var response = await client.PostAsync("/api/v1/services", ApiClient.Json("""{ "key": "bad key!", "name": "", "tier": 9 }"""));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("tier", out _));
    }

    [Theory]
    [InlineData("""{ "key": "SVC-X", "name": "X", "kind": "Galactic" }""", "Business, Application, Technical")]
    [InlineData("""{ "key": "SVC-X", "name": "X", "tier": "high" }""", "number")]
    [InlineData("""{ "key": "SVC-X", "name": """, "not valid JSON")]
    [InlineData("""[1, 2""", "not valid JSON")]
    public async Task MalformedBodies_Are400WithAClearMessage(string json, string expected)
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var response = await client.PostAsync("/api/v1/services", ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var json = $$"""{ "key": "SVC-BIG", "name": "Big", "description": "{{new string('x', 1_100_000)}}" }""";

        var response = await client.PostAsync("/api/v1/services", ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domains_CreateUpdateAndDeleteEmpty_ButNotOneWithMembers()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var created = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-API", "name": "API domain" }"""));
        var updated = await client.PutAsync("/api/v1/domains/DOM-API", ApiClient.Json("""{ "name": "API domain 2", "version": 1 }"""));
        var clash = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-API", "name": "Another" }"""));
        var noVersion = await client.DeleteAsync("/api/v1/domains/DOM-API");
        var deleted = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/domains/DOM-API", updated.Headers.ETag!.Tag));
        var members = await client.GetAsync("/api/v1/domains/DOM-DATA");
        var withMembers = await client.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Delete, "/api/v1/domains/DOM-DATA", members.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withMembers.StatusCode);
    }

    [Fact]
    public async Task Relationships_AddListDuplicateAndRemove()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        await client.PostAsync("/api/v1/configuration-items", ApiClient.Json("""{ "key": "CI-API-REL", "name": "API rel", "ciType": "Server" }"""));

        var added = await client.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "CI-API-REL", "type": "DependsOn", "target": "SVC-PAYMENTS" }"""));
        var duplicate = await client.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "CI-API-REL", "type": "DependsOn", "target": "SVC-PAYMENTS" }"""));
        var unknown = await client.PostAsync("/api/v1/relationships", ApiClient.Json("""{ "source": "CI-API-REL", "type": "DependsOn", "target": "NOPE" }"""));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/nodes/CI-API-REL/relationships");
        var id = list[0].GetProperty("id").GetInt32();
        var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/relationships/{id}");
        remove.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var removed = await client.SendAsync(remove);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("target", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task GovernanceGaps_EachCarryTheLinkOfThePageThatFixesIt()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var gaps = (await client.GetFromJsonAsync<JsonElement>("/api/v1/governance/gaps")).EnumerateArray().ToList();

        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.StartsWith("/", g.GetProperty("link").GetString(), StringComparison.Ordinal));
        Assert.Contains(gaps, g => g.GetProperty("entityType").GetString() == "Service" && g.GetProperty("link").GetString() == "/catalog/services/" + g.GetProperty("entityKey").GetString());
    }

    [Fact]
    public async Task Impact_ListsAffectedNodesWithPaths()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var impact = await client.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE");
        var missing = await client.GetAsync("/api/v1/impact/SUP-NOPE");

        Assert.True(impact.GetProperty("affectedCount").GetInt32() > 0);
        var first = impact.GetProperty("affected")[0];
        Assert.Equal("SUP-SWIFTLINE", first.GetProperty("pathKeys")[0].GetString());
        Assert.EndsWith("by Swiftline Parcel N.V.", first.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Impact_IsPagedWorstFirst()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE?take=1000");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE?skip=2&take=3");

        var total = all.GetProperty("affectedCount").GetInt32();
        Assert.True(total > 5, $"the carrier affects more than five nodes, got {total}");
        Assert.Equal(total, all.GetProperty("affected").GetArrayLength());
        Assert.Equal(total, page.GetProperty("affectedCount").GetInt32());
        var keys = all.GetProperty("affected").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ToList();
        Assert.Equal(keys.Skip(2).Take(3), page.GetProperty("affected").EnumerateArray().Select(a => a.GetProperty("key").GetString()));
        var levels = all.GetProperty("affected").EnumerateArray().Select(a => a.GetProperty("level").GetString()).ToList();
        Assert.Equal(levels.OrderBy(l => l == "Down" ? 0 : 1), levels);
    }

    [Fact]
    public async Task Impact_NarrowsToANodeType_AndSummarisesWithCountsAndCappedLists()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var services = await client.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE?nodeType=service&take=1000");
        var everything = await client.GetFromJsonAsync<JsonElement>("/api/v1/impact/SUP-SWIFTLINE?take=1000");
        var bad = await client.GetAsync("/api/v1/impact/SUP-SWIFTLINE?nodeType=Printer");

        var summary = services.GetProperty("summary");
        Assert.All(services.GetProperty("affected").EnumerateArray(), a => Assert.Equal("Service", a.GetProperty("nodeType").GetString()));
        Assert.Equal(summary.GetProperty("serviceCount").GetInt32(), services.GetProperty("affectedCount").GetInt32());
        Assert.True(everything.GetProperty("affectedCount").GetInt32() > services.GetProperty("affectedCount").GetInt32());
        Assert.False(summary.TryGetProperty("services", out _));
        Assert.Equal(summary.GetProperty("contractCount").GetInt32(), summary.GetProperty("contracts").GetArrayLength());
        Assert.True(summary.GetProperty("slaTargets").GetArrayLength() <= ServicePortal.Web.Features.Cmdb.ImpactSummaryResponse.ListLimit);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Measurements_AreRecordedIdempotently_AndUnknownTargetsAre400()
    {
        var client = await ApiClient.ForAsync(factory, Supplier);
        var target = await FirstSlaTargetKeyAsync();
        var json = $$"""{ "measurements": [ { "targetKey": "{{target}}", "period": "2026-01", "value": 99.1 } ] }""";

        var first = await client.PostAsync("/api/v1/slas/measurements", ApiClient.Json(json));
        var again = await client.PostAsync("/api/v1/slas/measurements", ApiClient.Json(json));
        var unknown = await client.PostAsync("/api/v1/slas/measurements", ApiClient.Json("""{ "measurements": [ { "targetKey": "NOPE", "period": "2026-01", "value": 1 } ] }"""));
        var viewer = await (await ApiClient.ForAsync(factory, Viewer)).PostAsync("/api/v1/slas/measurements", ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(1, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("NOPE", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        var client = await ApiClient.ForAsync(factory, Viewer);

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/services/{key}", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/impact/{nodeKey}", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/slas/measurements", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_AreBrowsableWhenSignedIn_AndSendOthersToSignIn()
    {
        var signedIn = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(signedIn, Viewer, DemoAccounts.Password);
        var anonymous = factory.CreateBrowserLikeClient();

        var docs = await signedIn.GetAsync("/api/docs/index.html");
        var document = await signedIn.GetStringAsync("/openapi/v1.json");
        var refused = await anonymous.GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("swagger", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    private async Task<string> FirstSlaTargetKeyAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContextAsync();
        return db.SlaTargets.Where(t => t.Period == ServicePortal.Core.Slas.MeasurementPeriod.Monthly).OrderBy(t => t.Key).Select(t => t.Key).First();
    }
}
