using System.Security.Claims;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Tests.Support;

/// <summary>
/// Renders components to static HTML with ASP.NET Core's own <see cref="HtmlRenderer"/> (written before bUnit was
/// served here) and parses the result with AngleSharp. Interaction is covered by the Playwright tests.
/// </summary>
public sealed class ComponentRendering : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ComponentRendering(Action<IServiceCollection>? configure = null, ClaimsPrincipal? user = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRadzenComponents();
        services.AddSingleton<NavigationManager, FixedNavigationManager>();
        services.AddSingleton<IJSRuntime, NoJsRuntime>();
        services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthentication(user ?? new ClaimsPrincipal()));
        services.AddAuthorizationCore(options => options.AddPortalPolicies());
        services.AddSingleton<IErrorBoundaryLogger, RethrowingErrorBoundaryLogger>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));

    /// <summary>Renders <typeparamref name="TComponent"/> inside the cascading authentication state and returns the parsed document.</summary>
    public async Task<IHtmlDocument> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<AuthenticatedHost>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(AuthenticatedHost.ComponentType)] = typeof(TComponent),
                [nameof(AuthenticatedHost.ComponentParameters)] = parameters ?? new Dictionary<string, object?>(),
            }));
            await root.QuiescenceTask;
            return root.ToHtmlString();
        });
        return new HtmlParser().ParseDocument(html);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class AuthenticatedHost : ComponentBase
    {
        [Inject]
        private AuthenticationStateProvider Authentication { get; set; } = default!;

        [Parameter]
        public Type ComponentType { get; set; } = default!;

        [Parameter]
        public IDictionary<string, object?> ComponentParameters { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<CascadingValue<Task<AuthenticationState>>>(0);
            builder.AddComponentParameter(1, "Value", Authentication.GetAuthenticationStateAsync());
            builder.AddComponentParameter(2, "ChildContent", (RenderFragment)(child =>
            {
                child.OpenComponent(0, ComponentType);
                foreach (var (name, value) in ComponentParameters)
                {
                    child.AddComponentParameter(1, name, value);
                }

                child.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://localhost/", "http://localhost/");
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }

    /// <summary>A component error inside an ErrorBoundary must still fail the test, not be hidden by the boundary.</summary>
    private sealed class RethrowingErrorBoundaryLogger : IErrorBoundaryLogger
    {
        public ValueTask LogErrorAsync(Exception exception) => ValueTask.FromException(exception);
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
