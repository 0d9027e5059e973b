using System.Net;
using Microsoft.Data.Sqlite;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Hosting;

public class ScaleOutTests
{
    [Fact]
    public async Task CookieIssuedByOneInstance_IsAcceptedByAnotherInstanceOfTheSameDatabase()
    {
        await using var first = new PortalFactory();
        var signInClient = first.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(signInClient, "cio@demo.local", DemoAccounts.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ServicePortal.Auth=", StringComparison.Ordinal)).Split(';')[0];
        await using var second = first.SecondInstance();
        var client = second.CreateBrowserLikeClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cio@demo.local", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={first.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM DataProtectionKeys WHERE Xml LIKE '%<key %'";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1, "the signing key is stored in the shared database, not on one machine's disk");
    }
}
