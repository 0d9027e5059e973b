using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Hosting;

public class SecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Who may do what, written out independently of the code that grants it.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [PortalPolicies.EditCatalog] = [PortalRoles.Admin, PortalRoles.GovernanceStaff],
        [PortalPolicies.EditSupplierRegistry] = [PortalRoles.Admin, PortalRoles.GovernanceStaff, PortalRoles.SupplierManager],
        [PortalPolicies.EditScore] = [PortalRoles.Admin, PortalRoles.GovernanceStaff],
        [PortalPolicies.PublishScore] = [PortalRoles.Cio],
        [PortalPolicies.EditSuppliersAndSlas] = [PortalRoles.Admin, PortalRoles.SupplierManager],
        [PortalPolicies.Administer] = [PortalRoles.Admin],
        [PortalPolicies.ReadAudit] = [PortalRoles.Admin, PortalRoles.Cio],
        [PortalPolicies.EditScenarios] = [PortalRoles.Admin, PortalRoles.Cio, PortalRoles.GovernanceStaff],
    };

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (policy, roles) in Allowed)
        {
            foreach (var role in PortalRoles.All)
            {
                data.Add(role, policy, roles.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRole_IsGrantedExactlyItsPolicies(string role, string policy, bool expected)
    {
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));

        var result = await authorization.AuthorizeAsync(user, policy);

        Assert.Equal(expected, result.Succeeded);
    }

    [Fact]
    public void EveryPolicyOfThePortal_IsInTheMatrix()
    {
        Assert.Equal(PortalPolicies.Roles.Keys.Order(), Allowed.Keys.Order());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task Responses_CarrySecurityHeaders(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer@demo.local", "/admin/backup", HttpStatusCode.Forbidden)]
    [InlineData("cio@demo.local", "/admin/backup", HttpStatusCode.Forbidden)]
    [InlineData("supplier@demo.local", "/admin/audit.csv", HttpStatusCode.Forbidden)]
    [InlineData("cio@demo.local", "/admin/audit.csv", HttpStatusCode.OK)]
    [InlineData("cio@demo.local", "/admin/audit.csv?from=yesterday", HttpStatusCode.BadRequest)]
    public async Task AdminDownloads_AreCheckedOnTheServer(string email, string path, HttpStatusCode expected)
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, email, DemoAccounts.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal)
            ? HttpStatusCode.Forbidden
            : response.StatusCode);
    }

    [Fact]
    public async Task AuditCsv_ListsChangesWithAHeaderRow()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "admin@demo.local", DemoAccounts.Password);

        var csv = await client.GetStringAsync("/admin/audit.csv");

        Assert.StartsWith("At (UTC),User,Entity type,Entity id,Entity,Action,Changes", csv, StringComparison.Ordinal);
        Assert.Contains("system", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_IsAConsistentDatabaseThatRestoresWithTheData()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "admin@demo.local", DemoAccounts.Password);
        var restored = Path.Combine(Path.GetTempPath(), $"sp-restore-{Guid.NewGuid():N}.db");

        var response = await client.GetAsync("/admin/backup");
        await File.WriteAllBytesAsync(restored, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("serviceportal-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={restored};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM Nodes WHERE NodeType = 'Service'";
            Assert.True((long)(await command.ExecuteScalarAsync())! > 40, "the restored backup holds the sample's services");
        }

        File.Delete(restored);
    }
}

public class NoDemoAccountsFactory : PortalFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SeedDemoUsers"] = "false" };
}

public class DemoAccountSettingTests(NoDemoAccountsFactory factory) : IClassFixture<NoDemoAccountsFactory>
{
    [Fact]
    public async Task WithSeedDemoUsersFalse_NoDemoAccountExistsOrIsAdvertised()
    {
        var client = factory.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/account/login");
        var signIn = await PortalFactory.SignInAsync(client, "admin@demo.local", DemoAccounts.Password);

        Assert.DoesNotContain("admin@demo.local", page, StringComparison.Ordinal);
        Assert.Contains("error=invalid", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(factory.Services.GetRequiredService<ServicePortal.Web.Hosting.DemoAccountsPresence>().Exist);
    }
}
