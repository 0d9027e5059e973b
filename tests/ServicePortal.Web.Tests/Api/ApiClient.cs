using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>Clients that call the API with a personal token of a demo user, created through the real token service.</summary>
internal static class ApiClient
{
    public static async Task<string> CreateTokenAsync(PortalFactory factory, string email, DateTime? expiresAt = null)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var result = await factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "tests", expiresAt);
        return result.Value!.Token;
    }

    /// <summary>
    /// A client with the user's shared token on this portal: one per user and portal, because a user may hold at most
    /// <see cref="ApiTokenService.MaxActiveTokensPerUser"/> active tokens and a test class makes more clients than that.
    /// Tests that revoke or expire a token make their own with <see cref="CreateTokenAsync"/>.
    /// </summary>
    public static async Task<HttpClient> ForAsync(PortalFactory factory, string email)
    {
        // The tests of a class run one after another, so the class's portal needs no lock around its tokens.
        var tokens = SharedTokens.GetOrCreateValue(factory);
        if (!tokens.TryGetValue(email, out var token))
        {
            token = await CreateTokenAsync(factory, email);
            tokens[email] = token;
        }

        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PortalFactory, Dictionary<string, string>> SharedTokens = [];

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>The fields a validation problem names (its <c>errors</c>); for any other problem, its detail.</summary>
    public static IReadOnlyList<string> ErrorFields(string body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            return errors.EnumerateObject().Select(p => p.Name).ToList();
        }

        return [document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : body];
    }
}
