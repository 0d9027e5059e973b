using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Data;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// Each class of bad input through every API write: refused with 400 (or 409 for a duplicate) naming the field, never a
/// 500, and the row counts of the catalog, CMDB and measurements are the same afterwards.
/// </summary>
public class BadInputApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // null key or name (item 10: a domain answered 500)
        { "/api/v1/domains", """{ "key": null, "name": null }""", "key" },
        { "/api/v1/domains", """{ "key": "DOM-NULL-NAME", "name": null }""", "name" },
        { "/api/v1/services", """{ "key": null, "name": null }""", "key" },
        { "/api/v1/configuration-items", """{ "key": "CI-NULL", "name": null }""", "name" },
        { "/api/v1/suppliers", """{ "key": null, "name": "Null key" }""", "key" },
        // names of invisible characters only, or with bidi overrides
        { "/api/v1/services", "{ \"key\": \"SVC-INVISIBLE\", \"name\": \"\\u200B\\u200B\\u2060\" }", "name" },
        { "/api/v1/domains", "{ \"key\": \"DOM-INVISIBLE\", \"name\": \"\\u200B\\u3164\" }", "name" },
        { "/api/v1/suppliers", "{ \"key\": \"SUP-BIDI\", \"name\": \"Acme \\u202Egnp.exe\" }", "name" },
        { "/api/v1/services", "{ \"key\": \"SVC-BIDI-TEXT\", \"name\": \"Fine\", \"description\": \"a \\u2066b\\u2069\" }", "description" },
        // control characters in any text field
        { "/api/v1/domains", "{ \"key\": \"DOM-ESC\", \"name\": \"Esc\", \"description\": \"\\u001b[31mred\" }", "description" },
        { "/api/v1/relationships", "{ \"source\": \"SVC-MOBILE-APP\", \"type\": \"DependsOn\", \"target\": \"SVC-PRODUCT-CATALOGUE\", \"description\": \"nul\\u0000\" }", "description" },
        // numbers sent as strings, duplicate properties
        { "/api/v1/services", """{ "key": "SVC-STRING-TIER", "name": "String tier", "tier": "2" }""", "tier" },
        { "/api/v1/services", """{ "key": "SVC-DUP", "name": "First", "name": "Second" }""", "name" },
        { "/api/v1/domains", """{ "key": "DOM-DUP", "key": "DOM-DUP2", "name": "Dup" }""", "key" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_Is400NamingTheField_AndChangesNoRow(string path, string json, string field)
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var before = await CountsAsync();

        var response = await client.PostAsync(path, ApiClient.Json(json));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, ApiClient.ErrorFields(body), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string> BadMeasurements() => new()
    {
        { "nul\u0000byte", "2026-01" },
        { "escape\u001b[31m", "2026-01" },
        { "bidi \u202Eevil", "2026-01" },
        { "fine", "0001-01" },
        { "fine", "1899-12" },
    };

    [Theory]
    [MemberData(nameof(BadMeasurements))]
    public async Task MeasurementWithABadNoteOrAnAncientPeriod_Is400_AndChangesNoRow(string note, string period)
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var target = await FirstSlaTargetKeyAsync();
        var before = await CountsAsync();
        var json = JsonSerializer.Serialize(new { measurements = new[] { new { targetKey = target, period, value = 99.0, note } } });

        var response = await client.PostAsync("/api/v1/slas/measurements", ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MeasurementValueAsAString_Is400NamingTheField()
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var target = await FirstSlaTargetKeyAsync();
        var before = await CountsAsync();

        var response = await client.PostAsync("/api/v1/slas/measurements", ApiClient.Json($$"""{ "measurements": [ { "targetKey": "{{target}}", "period": "2026-01", "value": "99.5" } ] }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("value", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("/api/v1/suppliers", """{ "key": "SUP-CASE-1", "name": "CASE CLASH SUPPLIES" }""", """{ "key": "SUP-CASE-2", "name": "case clash supplies" }""")]
    [InlineData("/api/v1/domains", """{ "key": "DOM-CASE-1", "name": "Case Clash Domain" }""", """{ "key": "DOM-CASE-2", "name": "CASE CLASH DOMAIN" }""")]
    public async Task ANameDifferingOnlyInCase_IsADuplicate_409(string path, string first, string second)
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var created = await client.PostAsync(path, ApiClient.Json(first));
        var before = await CountsAsync();
        var clash = await client.PostAsync(path, ApiClient.Json(second));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<string> FirstSlaTargetKeyAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.SlaTargets.OrderBy(t => t.Key).Select(t => t.Key).FirstAsync();
    }

    private async Task<(int Domains, int Nodes, int Relationships, int Measurements)> CountsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Domains.CountAsync(), await db.Nodes.CountAsync(), await db.Relationships.CountAsync(), await db.SlaMeasurements.CountAsync());
    }
}
