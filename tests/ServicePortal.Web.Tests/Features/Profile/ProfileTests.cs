using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;
using ProfilePage = ServicePortal.Web.Features.Profile.Profile;

namespace ServicePortal.Web.Tests.Features.Profile;

/// <summary>The API tokens journey: create shows the token once, revoke asks first and the token stops.</summary>
public sealed class ProfileTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services) => services.AddScoped<ApiTokenService>();

    [Fact]
    public async Task ATokenIsCreatedShownOnceListedAndRevokedAfterAConfirmation()
    {
        var userId = await SignInAsDemoUserAsync("supplier@demo.local");
        var name = $"push-{Guid.NewGuid():N}"[..20];
        var dialogs = RenderProviders();
        var page = Render<ProfilePage>();

        page.Find("[data-testid=token-name] input, input[data-testid=token-name]").Change(name);
        page.Find("[data-testid=token-create]").Click();

        page.WaitForAssertion(() => Assert.StartsWith(ApiTokenService.TokenPrefix, page.Find("[data-testid=token-value]").TextContent.Trim(), StringComparison.Ordinal));
        var row = page.FindAll("[data-testid=tokens-grid] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);

        row.QuerySelector("[data-testid=revoke]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("stops working", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.FindAll("[data-testid=tokens-grid] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal));
        var stored = (await Services.GetRequiredService<ApiTokenService>().ListAsync(userId)).Single(t => t.Name == name);
        Assert.NotNull(stored.RevokedAt);
    }

    [Fact]
    public async Task ATokenWithoutANameIsRefusedWithAMessage()
    {
        await SignInAsDemoUserAsync("viewer@demo.local");
        RenderProviders();
        var page = Render<ProfilePage>();

        page.Find("[data-testid=token-create]").Click();

        page.WaitForAssertion(() => Assert.Contains("Name is required", page.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=token-value]"));
    }

    private async Task<string> SignInAsDemoUserAsync(string email)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email)], "test"));
        Services.AddSingleton<AuthenticationStateProvider>(new FixedUser(user));
        return id;
    }

    private sealed class FixedUser(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
