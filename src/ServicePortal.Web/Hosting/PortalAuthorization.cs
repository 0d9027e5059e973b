using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using ServicePortal.Core.Identity;

namespace ServicePortal.Web.Hosting;

public static class PortalAuthorizationPolicies
{
    /// <summary>The portal's named policies (<see cref="PortalPolicies"/>), and sign-in required everywhere unless a page or endpoint says otherwise.</summary>
    public static AuthorizationOptions AddPortalPolicies(this AuthorizationOptions options)
    {
        foreach (var (policy, roles) in PortalPolicies.Roles)
        {
            options.AddPolicy(policy, p => p.RequireRole(roles));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        return options;
    }
}

/// <summary>
/// Server-side policy checks for interactive actions. Buttons are hidden from users who may not act, but every
/// handler that changes data calls <see cref="RequireAsync"/> too, so the rule holds whatever reaches the circuit.
/// </summary>
public sealed class PortalAuthorization(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<bool> CanAsync(string policy)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    public async Task RequireAsync(string policy)
    {
        if (!await CanAsync(policy))
        {
            throw new NotAllowedException(policy);
        }
    }
}

public sealed class NotAllowedException(string policy) : Exception($"Your sign-in role does not allow this ({policy}).")
{
    public string Policy { get; } = policy;
}
