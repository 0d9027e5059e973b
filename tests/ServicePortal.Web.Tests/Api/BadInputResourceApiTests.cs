using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Data;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// Each class of bad input through the writes of contracts, SLA targets, governance and the score: 400 naming the
/// field, never a 500, and no row of those entities added.
/// </summary>
public class BadInputResourceApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // null or missing required fields
        { "/api/v1/contracts", """{ "reference": null, "title": null }""", "reference" },
        { "/api/v1/slas/targets", """{ "key": "TGT-NULL", "name": null, "contract": "CT-2024-NBP-01", "service": "SVC-PAYMENT-GATEWAY-NB", "target": 99 }""", "name" },
        { "/api/v1/governance/roles", """{ "key": null, "name": null }""", "key" },
        { "/api/v1/governance/people", """{ "name": "No mail", "email": null }""", "email" },
        { "/api/v1/governance/assignments", """{ "personEmail": "charlotte.vandijk@kestrel-retail.example", "role": "SERVICE-OWNER", "scopeType": "Service", "scope": "SVC-WEB-SHOP" }""", "raci" },
        { "/api/v1/redundancy-groups", """{ "key": "RG-NULL", "name": null }""", "name" },
        // names of invisible characters only, or with bidi overrides
        { "/api/v1/contracts", "{ \"reference\": \"CT-BIDI\", \"title\": \"Acme \\u202Egnp.exe\", \"supplier\": \"SUP-NORTHBRIDGE\", \"startDate\": \"2026-01-01\", \"endDate\": \"2027-01-01\" }", "title" },
        { "/api/v1/governance/people", "{ \"name\": \"\\u200B\\u2060\", \"email\": \"invisible@example.test\" }", "name" },
        { "/api/v1/redundancy-groups", "{ \"key\": \"RG-INVISIBLE\", \"name\": \"\\u3164\" }", "name" },
        { "/api/v1/score/versions/draft", "{ \"title\": \"Score \\u202Eevil\" }", "title" },
        // control characters in any text field
        { "/api/v1/governance/roles", "{ \"key\": \"ROLE-ESC\", \"name\": \"Esc\", \"description\": \"\\u001b[31mred\" }", "description" },
        { "/api/v1/governance/people", "{ \"name\": \"Nul\", \"email\": \"nul@example.test\", \"jobTitle\": \"a\\u0000b\" }", "jobTitle" },
        { "/api/v1/slas/targets", "{ \"key\": \"TGT-ESC\", \"name\": \"Esc\", \"contract\": \"CT-2024-NBP-01\", \"service\": \"SVC-PAYMENT-GATEWAY-NB\", \"metric\": \"Custom\", \"unit\": \"ms\\u001b\", \"direction\": \"AtMost\", \"target\": 5 }", "unit" },
        // numbers sent as strings, wrong types, unknown enum values, duplicate properties
        { "/api/v1/contracts", """{ "reference": "CT-STRING", "title": "String", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-01-01", "endDate": "2027-01-01", "noticePeriodDays": "90" }""", "noticePeriodDays" },
        { "/api/v1/contracts", """{ "reference": "CT-DATE", "title": "Date", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-13-45", "endDate": "2027-01-01" }""", "startDate" },
        { "/api/v1/redundancy-groups", """{ "key": "RG-STRING", "name": "String", "minimumUp": "2" }""", "minimumUp" },
        { "/api/v1/redundancy-groups", """{ "key": "RG-ZERO", "name": "Zero", "minimumUp": 0 }""", "minimumUp" },
        { "/api/v1/governance/assignments", """{ "personEmail": "charlotte.vandijk@kestrel-retail.example", "role": "SERVICE-OWNER", "scopeType": "Service", "scope": "SVC-WEB-SHOP", "raci": "Boss" }""", "raci" },
        { "/api/v1/governance/assignments", """{ "personId": 1, "role": "SERVICE-OWNER", "scopeType": 1, "scope": "SVC-WEB-SHOP", "raci": "Informed" }""", "scopeType" },
        { "/api/v1/governance/people", """{ "name": "Dup", "email": "dup1@example.test", "email": "dup2@example.test" }""", "email" },
        { "/api/v1/slas/targets", """{ "key": "TGT-NAN", "name": "Nan", "contract": "CT-2024-NBP-01", "service": "SVC-PAYMENT-GATEWAY-NB", "metric": "Availability", "target": "NaN" }""", "target" },
        // unknown references by key
        { "/api/v1/slas/targets", """{ "key": "TGT-NOCONTRACT", "name": "No contract", "contract": "CT-NONE", "service": "SVC-PAYMENT-GATEWAY-NB", "target": 99 }""", "contract" },
        { "/api/v1/contracts", """{ "reference": "CT-NOSVC", "title": "Nosvc", "supplier": "SUP-NORTHBRIDGE", "startDate": "2026-01-01", "endDate": "2027-01-01", "services": ["SVC-NONE", null] }""", "services" },
        { "/api/v1/governance/people", """{ "name": "Contact", "email": "contact@example.test", "supplier": "SUP-NONE" }""", "supplier" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_Is400NamingTheField_AndAddsNoRow(string path, string json, string field)
    {
        var client = await ApiClient.ForAsync(factory, Admin);
        var before = await CountsAsync();

        var response = await client.PostAsync(path, ApiClient.Json(json));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(field, ApiClient.ErrorFields(body), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int Contracts, int Targets, int Roles, int People, int Assignments, int Groups, int Versions)> CountsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Contracts.CountAsync(), await db.SlaTargets.CountAsync(), await db.GovernanceRoles.CountAsync(), await db.People.CountAsync(),
            await db.RoleAssignments.CountAsync(), await db.RedundancyGroups.CountAsync(), await db.ScoreVersions.CountAsync());
    }
}
