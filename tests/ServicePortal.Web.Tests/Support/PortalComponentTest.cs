using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Features.Shell;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Tests.Support;

/// <summary>
/// The base of every bUnit test of a MudBlazor component: MudBlazor's services and providers, loose JS interop, the
/// portal's real policies over a signed-in role (<see cref="SignInAs"/>), and the Core services over the seeded
/// SQLite database of a <see cref="PortalFactory"/> (one per test class). Register more Core services in
/// <see cref="AddCoreServices"/> when a feature needs them.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IClassFixture<PortalFactory>
{
    private ClaimsPrincipal _user = new();

    protected PortalComponentTest(PortalFactory portal)
    {
        Portal = portal;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddAuthorizationCore(options => options.AddPortalPolicies());
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>(); // the real one, over bUnit's placeholder
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(new UserState(() => _user));
        Services.AddScoped<PortalAuthorization>();
        Services.AddTransient<PortalAction>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<ThemeMode>();
        Services.AddSingleton(new DemoAccountsPresence());
        Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        Services.AddSingleton(portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>());
        Services.AddSingleton(TimeProvider.System);
        AddCoreServices(Services);
        SignInAs(PortalRoles.Viewer);
    }

    /// <summary>Renders as the interactive server renderer does (the layout shows its circuit marker then).</summary>
    protected IRenderedComponent<TComponent> RenderInteractive<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return parameters is null ? Render<TComponent>() : Render(parameters);
    }

    protected PortalFactory Portal { get; }

    protected virtual void AddCoreServices(IServiceCollection services)
    {
        services.AddScoped<CatalogQueries>();
        services.AddScoped<CatalogEditor>();
    }

    /// <summary>Signs in as a demo user of <paramref name="role"/>; call before rendering.</summary>
    protected void SignInAs(string role) =>
        _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@demo.local"), new Claim(ClaimTypes.Role, role)], "test"));

    /// <summary>Renders the providers a page's popovers, dialogs and snackbars need; returns the dialog provider.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }

    private sealed class UserState(Func<ClaimsPrincipal> user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user()));
    }
}
