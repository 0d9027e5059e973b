using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>
/// Cross-site request forgery against the API: a cookie-authenticated write must come from the portal's own origin (or
/// carry an antiforgery token) with a JSON body; a token-authenticated one is unaffected. Row counts are compared.
/// </summary>
public class CrossSiteWriteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task CookieWrite_WithoutContentType_FromAnotherOriginOfTheSameSite_IsRefusedAndStoresNothing()
    {
        var client = await SignedInAsync();
        var before = await CountNodesAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services") { Content = new ByteArrayContent("""{ "key": "SVC-CSRF-1", "name": "Forged" }"""u8.ToArray()) };
        request.Headers.Add("Origin", "http://evil.localhost");

        var response = await client.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(before, await CountNodesAsync());
    }

    [Theory]
    [InlineData("http://evil.localhost", "application/json")]
    [InlineData(null, "application/json")]
    [InlineData("http://localhost", "text/plain")]
    [InlineData("http://localhost", null)]
    public async Task CookieWrite_FromAnotherOriginOrWithoutJson_IsRefused(string? origin, string? contentType)
    {
        var client = await SignedInAsync();
        var before = await CountNodesAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services") { Content = new ByteArrayContent("""{ "key": "SVC-CSRF-2", "name": "Forged" }"""u8.ToArray()) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnsupportedMediaType, $"{(int)response.StatusCode}");
        Assert.Equal(before, await CountNodesAsync());
    }

    [Fact]
    public async Task CookieRetire_WithoutBody_FromAnotherOrigin_IsRefused()
    {
        var client = await SignedInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services/SVC-WEBSHOP/retire");
        request.Headers.Add("Origin", "http://evil.localhost");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CookieWrite_FromThePortalsOwnOrigin_WithJson_IsAccepted()
    {
        var client = await SignedInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/domains") { Content = ApiClient.Json("""{ "key": "DOM-SAME-ORIGIN", "name": "Same origin" }""") };
        request.Headers.Add("Origin", "http://localhost");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task TokenWrite_NeedsNoOrigin()
    {
        var client = await ApiClient.ForAsync(factory, Admin);

        var response = await client.PostAsync("/api/v1/domains", ApiClient.Json("""{ "key": "DOM-TOKEN-NO-ORIGIN", "name": "Token no origin" }"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutAnAntiforgeryToken_DoesNotSignOut()
    {
        var client = await SignedInAsync();

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var stillSignedIn = await client.GetAsync("/api/v1/domains");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task Logout_WithTheAntiforgeryTokenOfAPage_SignsOut()
    {
        var client = await SignedInAsync();
        var page = await client.GetStringAsync("/");
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var afterwards = await client.GetAsync("/api/v1/domains");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Admin, DemoAccounts.Password);
        return client;
    }

    private async Task<int> CountNodesAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Nodes.CountAsync();
    }
}
