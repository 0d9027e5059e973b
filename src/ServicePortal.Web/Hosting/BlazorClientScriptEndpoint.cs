namespace ServicePortal.Web.Hosting;

/// <summary>
/// Serves the Blazor client script that BlazorClientScript.targets extracts at build time (PLATFORM.md #1).
/// Remove together with that targets file once Microsoft.AspNetCore.App.Internal.Assets is served.
/// </summary>
public static class BlazorClientScriptEndpoint
{
    public const string Route = "/_framework/blazor.web.js";

    public static IEndpointConventionBuilder MapBlazorClientScript(this IEndpointRouteBuilder endpoints)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "_framework", "blazor.web.js");
        return endpoints.MapGet(Route, (HttpContext context) =>
            {
                if (!File.Exists(path))
                {
                    return Results.Problem($"The Blazor client script is missing at {path}; rebuild the web project.", statusCode: 500);
                }

                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.File(path, "text/javascript");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
