using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using ServicePortal.Core.Auditing;

namespace ServicePortal.Web.Hosting;

/// <summary>
/// Who is acting, for the audit trail. An HTTP request (sign-in, API) sets it in <see cref="ActorMiddleware"/>; a
/// Blazor circuit sets it around every inbound event in <see cref="ActorCircuitHandler"/>, because a circuit outlives
/// the request that opened it and <c>HttpContext</c> is not available inside it.
/// </summary>
public sealed class HttpAndCircuitActor : ICurrentActor
{
    private static readonly AsyncLocal<string?> Current = new();

    public string Name => Current.Value ?? SystemActor.SystemName;

    internal static void Set(ClaimsPrincipal? user) =>
        Current.Value = user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
}

public sealed class ActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        HttpAndCircuitActor.Set(context.User);
        return next(context);
    }
}

public sealed class ActorCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            HttpAndCircuitActor.Set(state.User);
            await next(context);
        };
}
