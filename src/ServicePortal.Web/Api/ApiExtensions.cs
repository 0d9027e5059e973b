using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Features.Health;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Resilience;
using ServicePortal.Web.Features.Slas;

namespace ServicePortal.Web.Api;

/// <summary>
/// The JSON API under <see cref="Prefix"/>, its OpenAPI document (/openapi/v1.json) and browsable docs: the API
/// reference (/api/reference, Scalar) and Swagger UI (/api/docs).
/// API endpoints accept the portal's sign-in cookie or a personal API token (<c>Authorization: Bearer</c>); they answer
/// 401 / 403 with problem details, never a redirect to the sign-in page.
/// </summary>
public static class ApiExtensions
{
    public const string Prefix = "/api/v1";

    /// <summary>Picks the bearer scheme when the request carries a bearer token, else the cookie.</summary>
    public const string CookieOrTokenScheme = "CookieOrApiToken";

    public const string DocsPath = "/api/docs";

    /// <summary>The API reference (Scalar): every operation with its schemas, examples and a request builder.</summary>
    public const string ReferencePath = "/api/reference";

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddInterop();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddOpenApi(options => options.AddOperationTransformer<ApiExampleTransformer>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ServicePortal API";
            document.Info.Description = "Send a personal API token (create one on your profile page) as 'Authorization: Bearer <token>', or call from a signed-in browser. "
                + "Errors are RFC 7807 problem details. Writes need the role your sign-in has in the portal.";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token from your profile page.",
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        services.AddSingleton<ImpactResponses>();
        services.AddSingleton(sp => new ApiTokenCache(
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Max(0, sp.GetRequiredService<IConfiguration>().GetValue("Api:TokenCacheSeconds", 300))),
            sp.GetRequiredService<ChangeFeed>()));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(CookieOrTokenScheme, "Cookie or API token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme;

                // 401 and 403 as problem details for API callers, also when they use the cookie.
                options.ForwardChallenge = ApiTokenAuthenticationHandler.SchemeName;
                options.ForwardForbid = ApiTokenAuthenticationHandler.SchemeName;
            });
        // An API path never redirects to the sign-in page, also when no API endpoint matched (e.g. a mistyped route).
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsApiRequest(context.HttpContext) ? Status(context, StatusCodes.Status401Unauthorized) : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsApiRequest(context.HttpContext) ? Status(context, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        return services;
    }

    /// <summary>API calls (not the browsable docs, which send a signed-out browser to the sign-in page like any page).</summary>
    public static bool IsApiRequest(HttpContext context) =>
        (context.Request.Path.StartsWithSegments("/api") && !IsDocsRequest(context))
        || context.Request.Path.StartsWithSegments("/openapi");

    /// <summary>The browsable docs pages (Swagger UI and the API reference), which are pages, not API calls.</summary>
    public static bool IsDocsRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(DocsPath) || context.Request.Path.StartsWithSegments(ReferencePath);

    /// <summary>Problem-details errors for the API; call right after <c>UseStatusCodePagesWithReExecute</c>.</summary>
    public static IApplicationBuilder UsePortalApiErrors(this IApplicationBuilder app) => app.UseMiddleware<ApiErrorMiddleware>();

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The API's policy: a signed-in user, by cookie or token. Endpoints add their role policy on top.</summary>
    public static AuthorizationPolicy SignedIn { get; } = new AuthorizationPolicyBuilder(CookieOrTokenScheme).RequireAuthenticatedUser().Build();

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(SignedIn).AddEndpointFilter<CrossSiteWriteFilter>();
        api.MapCatalogApi();
        api.MapCmdbApi();
        api.MapScenarioApi();
        api.MapSlaApi();
        api.MapHealthApi();
        api.MapInteropApi();
        api.MapKpiApi();
        api.MapContractApi();
        api.MapGovernanceApi();
        api.MapScoreApi();
        api.MapRedundancyGroupApi();
        api.MapResilienceApi();

        app.MapOpenApi().RequireAuthorization(SignedIn);
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = DocsPath.TrimStart('/');
            options.SwaggerEndpoint("/openapi/v1.json", "ServicePortal API v1");
            options.DocumentTitle = "ServicePortal API";
        });
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("ServicePortal API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(["Bearer"]));
        return app;
    }
}
