using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using ServicePortal.Core.Identity;

namespace ServicePortal.Web.Features.Account;

/// <summary>Cookie sign-in and sign-out. The forms are rendered by Login.razor (static server rendering).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").ExcludeFromDescription();

        // The token is checked here rather than by form binding: a stale form (expired token, or a second tab after the
        // first one signed in and so changed the identity the token belongs to) gets the form again with a message,
        // not the framework's bare 400/500.
        account.MapPost("/login", async (
            HttpContext context,
            IAntiforgery antiforgery,
            SignInManager<PortalUser> signIn,
            ApiTokenService tokens,
            ILogger<SignInManager<PortalUser>> logger) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.LocalRedirect(LoginUrl("expired", "/", null));
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            string? email = form["email"];
            string? password = form["password"];
            var back = LocalUrl(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                logger.LogInformation("A sign-in form with a stale or missing antiforgery token was shown again");
                return Results.LocalRedirect(LoginUrl("expired", back, email));
            }

            if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            {
                return Results.LocalRedirect(LoginUrl("missing", back, email));
            }

            var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                return Results.LocalRedirect(LoginUrl("invalid", back, email));
            }

            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogInformation("{User} signed in", user.Email);
                return Results.LocalRedirect(back);
            }

            if (result.IsLockedOut)
            {
                await tokens.NoteUserChangedAsync(user.Id, "locked out"); // the user's API tokens stop on every instance
                logger.LogWarning("{User} is locked out after repeated failed sign-ins", user.Email);
                return Results.LocalRedirect(LoginUrl("locked", back, email));
            }

            return Results.LocalRedirect(LoginUrl("invalid", back, email));
        })
        .AllowAnonymous()
        .DisableAntiforgery()
        // Blazor maps a POST endpoint for the Login page too; without form binding's metadata this one would tie with it
        // (AmbiguousMatchException, a 500 on every sign-in), so it is ranked first.
        .WithOrder(-1);

        // Signing out changes state, so it needs the antiforgery token of a portal page like any form post: another site
        // must not be able to sign a user out. (The endpoint binds no form field, so the token is checked here.)
        account.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused",
                    detail: "The sign-out did not come from a portal page (its antiforgery token is missing or stale); use the Sign out button.");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
    }

    /// <summary>A local address, or "/": never another host, never control characters (LocalRedirect would throw).</summary>
    private static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : "/";

    private static string LoginUrl(string error, string returnUrl, string? email) =>
        $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}&email={Uri.EscapeDataString(email ?? "")}";
}
