using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.Slas;

namespace ServicePortal.Web.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token (see <see cref="ApiTokenService"/>):
/// the token's user, with the user's current Identity roles, becomes the request's principal. A locked-out user's
/// tokens stop working. Who a token signs in as is remembered until the change feed reports a revocation, lock-out or
/// role change (<see cref="ApiTokenCache"/>; <c>Api:TokenCacheSeconds</c>, default 300, bounds how long an unused entry is kept). Challenges and refusals answer 401 / 403 with problem details, never a redirect.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    ApiTokenCache cache,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!ApiTokenService.LooksLikeToken(token))
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }

        if (await cache.GetAsync(ApiTokenService.HashOf(token), Context.RequestAborted) is { } remembered)
        {
            return Success(remembered);
        }

        var version = cache.Version;
        var active = await tokens.FindActiveAsync(token, Context.RequestAborted);
        if (active is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }

        // Resolved here, not injected: on a cache hit the request needs no user store (and no DbContext for it).
        var users = Context.RequestServices.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(active.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The API token's user cannot sign in.");
        }

        var principals = Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var claims = (await principals.CreateAsync(user)).Claims.ToList();
        cache.Set(active.Hash, active.UserId, claims, active.ExpiresAt, version);
        return Success(claims);
    }

    /// <summary>A new principal per request (handlers and claims transformations may add to it).</summary>
    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role)), SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await WriteAsync(StatusCodes.Status401Unauthorized, "Not signed in",
            failure ?? "Send a personal API token as 'Authorization: Bearer <token>' (create one on your profile page), or sign in.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "Not allowed", "Your sign-in role does not allow this.");

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
