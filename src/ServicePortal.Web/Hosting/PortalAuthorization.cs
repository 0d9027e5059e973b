using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ServicePortal.Web.Hosting;

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
