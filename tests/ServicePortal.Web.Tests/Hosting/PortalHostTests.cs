using System.Net;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Hosting;

public class PortalHostTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_IsOkWithTheDatabaseCheck()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/not-a-page")]
    public async Task AnonymousRequest_LandsOnSignIn(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_IsServedToAnonymousUsersWithItsStylesAndScript()
    {
        var client = factory.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/account/login");
        var script = await client.GetAsync("/_framework/blazor.web.js");
        var stylesheets = System.Text.RegularExpressions.Regex.Matches(page, "<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("Sign in", page, StringComparison.Ordinal);
        Assert.Contains("cio@demo.local", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "blazor.web.js is the real client script");
        Assert.Contains(stylesheets, href => href.Contains("MudBlazor", StringComparison.Ordinal));
        foreach (var href in stylesheets)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + href.TrimStart('/'))).StatusCode);
        }
    }

    [Fact]
    public async Task BlazorScript_IsTheOneOfTheRunningFramework()
    {
        var client = factory.CreateBrowserLikeClient();
        // The running ASP.NET Core (e.g. 10.0.12) and the file its SDK ships for it (Microsoft.AspNetCore.App.Internal.Assets).
        var framework = Path.GetFileName(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Components.ComponentBase).Assembly.Location))!;
        var packages = typeof(PortalHostTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var shipped = Path.Combine(packages, "microsoft.aspnetcore.app.internal.assets", framework, "_framework", "blazor.web.js");

        var page = await client.GetStringAsync("/account/login");
        var src = System.Text.RegularExpressions.Regex.Match(page, "<script src=\"([^\"]*blazor\\.web[^\"]*)\"").Groups[1].Value;
        var script = await client.GetAsync("/" + src.TrimStart('/'));

        Assert.StartsWith("10.", framework, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(File.Exists(shipped), $"{shipped} exists");
        Assert.Equal(await File.ReadAllBytesAsync(shipped), await script.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DemoCio_SignsInAndSeesTheHomePage()
    {
        var client = factory.CreateBrowserLikeClient();

        var signIn = await PortalFactory.SignInAsync(client, "cio@demo.local", DemoAccounts.Password);
        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("Dashboard", html, StringComparison.Ordinal);
        Assert.Contains("cio@demo.local", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithAMessageAndNoCookie()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "viewer@demo.local", "not the password");
        var home = await client.GetAsync("/");

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task SignInWithoutAntiforgeryToken_SignsNobodyIn()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "admin@demo.local",
            ["password"] = DemoAccounts.Password,
        }));

        Assert.Contains("error=expired", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrlToAnotherSite_IsIgnored()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "admin@demo.local", DemoAccounts.Password, returnUrl: "//evil.example/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}

public class SignInLockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FiveFailedSignIns_LockTheAccountEvenForTheRightPassword()
    {
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await PortalFactory.SignInAsync(client, "supplier@demo.local", "wrong password " + i);
        }

        var response = await PortalFactory.SignInAsync(client, "supplier@demo.local", DemoAccounts.Password);

        Assert.Contains("error=locked", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockOut_StopsTheUsersApiTokensAtOnce_EvenWhileTheirSignInIsRemembered()
    {
        var api = await Api.ApiClient.ForAsync(factory, "viewer@demo.local");
        var before = await api.GetAsync("/api/v1/services");
        var browser = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await PortalFactory.SignInAsync(browser, "viewer@demo.local", "wrong password " + i);
        }

        var after = await api.GetAsync("/api/v1/services");

        Assert.Equal(System.Net.HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
