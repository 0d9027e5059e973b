using System.Net;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Score;

public class RaciCsvEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/score/raci.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_DownloadsThePracticeMatrix()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "viewer@demo.local", DemoAccounts.Password);

        var response = await client.GetAsync("/score/raci.csv?view=practices");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("raci-practices.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Practice key,Practice,Stage,", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(21, lines.Length);
    }

    [Fact]
    public async Task ServicesOfOneDomain_AndABadViewIsRefused()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "viewer@demo.local", DemoAccounts.Password);

        var all = await client.GetStringAsync("/score/raci.csv?view=services");
        var response = await client.GetAsync("/score/raci.csv?view=services&domain=no-such-domain");
        var bad = await client.GetAsync("/score/raci.csv?view=cmdb");

        Assert.True(all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 10);
        Assert.Single((await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
