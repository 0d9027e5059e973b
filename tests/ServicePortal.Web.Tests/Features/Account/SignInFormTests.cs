using System.Net;
using System.Text.RegularExpressions;
using ServicePortal.Core.Identity;
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

    [Fact]
    public async Task TheRightPasswordWithTheFormsTokenSignsIn()
    {
        using var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "viewer@demo.local", DemoAccounts.Password, "/catalog/services");
        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/catalog/services", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task ASubmitWithoutAnAntiforgeryTokenGetsTheFormAgainWithAMessageAndSignsNobodyIn()
    {
        using var client = portal.CreateBrowserLikeClient();

        var response = await client.PostAsync("/account/login", Form("admin@demo.local", DemoAccounts.Password, token: null));

        await AssertFormShownAgainAsync(client, response, "admin@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ASecondTabsFormSentAfterTheFirstTabSignedInGetsTheFormAgainWithAMessage()
    {
        using var client = portal.CreateBrowserLikeClient();
        var secondTab = await TokenOfAFreshFormAsync(client);
        await PortalFactory.SignInAsync(client, "viewer@demo.local", DemoAccounts.Password);

        var response = await client.PostAsync("/account/login", Form("cio@demo.local", DemoAccounts.Password, secondTab));

        await AssertFormShownAgainAsync(client, response, "cio@demo.local");
    }

    [Fact]
    public async Task AFormWhoseTokenNoLongerMatchesTheCookieGetsTheFormAgainWithAMessage()
    {
        using var stale = portal.CreateBrowserLikeClient();
        var staleToken = await TokenOfAFreshFormAsync(stale);
        using var client = portal.CreateBrowserLikeClient();
        await TokenOfAFreshFormAsync(client); // this browser's own antiforgery cookie, which the stale token does not match

        var response = await client.PostAsync("/account/login", Form("cio@demo.local", DemoAccounts.Password, staleToken));

        await AssertFormShownAgainAsync(client, response, "cio@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private static async Task AssertFormShownAgainAsync(HttpClient client, HttpResponseMessage response, string email)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?error=expired", location, StringComparison.Ordinal);
        var page = await client.GetAsync(location);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"login-form\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"login-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Sign in again", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
    }

    private static async Task<string> TokenOfAFreshFormAsync(HttpClient client)
    {
        var form = await client.GetStringAsync("/account/login");
        return WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string email, string password, string? token)
    {
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = "/" };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(fields);
    }
}
