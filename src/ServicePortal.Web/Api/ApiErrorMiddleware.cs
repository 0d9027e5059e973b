using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.Slas;

namespace ServicePortal.Web.Api;

/// <summary>
/// Keeps API responses machine-readable. For paths under /api: the portal's "not found" page is not re-executed, an
/// error status without a body (an unknown route, a wrong method, a body the server refused) gets a problem-details
/// body, and an unhandled exception is logged and answered with a 500 problem instead of the HTML error page.
/// Runs after <c>UseStatusCodePagesWithReExecute</c> (whose feature it switches off) and before authentication.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (!ApiExtensions.IsApiRequest(context))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        // Routes the framework answers itself (no endpoint matched, a wrong content type) fall under the portal's
        // fallback policy, which only knows the cookie; let a bearer token count there too.
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && await context.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName) is { Succeeded: true } token)
        {
            context.User = token.Principal;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = status,
                    Detail = status switch
                    {
                        400 => "The request could not be read: check the types of the query parameters (skip, take and tier are whole numbers) and the body.",
                        404 => "There is no such API resource; see /api/docs for the endpoints.",
                        405 => "This API resource does not support that method; see /api/docs.",
                        413 => "The request body is too large.",
                        415 => "This endpoint does not take that Content-Type; see /api/docs (CSV as text/csv, bundles as application/json, Backstage catalogs as application/yaml or application/json).",
                        500 => "Something went wrong on the server; it has been logged.",
                        _ => null,
                    },
                },
            });
        }
    }
}
