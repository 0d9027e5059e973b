using System.Net;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Account;

/// <summary>The sign-in form answers every submit with a page a person can act on, never a bare error.</summary>
public sealed class SignInFormTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/catalog\u0007/services")]
    [InlineData("/\r\nLocation: https://evil.example")]
    [InlineData("https://evil.example/")]
    public async Task AReturnAddressThatIsNotAPlainLocalPathSendsYouToTheDashboard(string returnUrl)
    {
        using var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "viewer@demo.local", "ServicePortal-demo-1", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheLoginPageWithControlCharactersInItsReturnAddressStillRenders()
    {
        using var client = portal.CreateBrowserLikeClient();

        var response = await client.GetAsync("/account/login?returnUrl=%2Fa%07b%0D%0A");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-form\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
