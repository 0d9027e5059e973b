namespace ServicePortal.Web.Hosting;

/// <summary>
/// Security headers on every response. The content security policy allows only the portal's own scripts (Blazor's
/// client script and MudBlazor's; none inline), its own styles plus inline styles (MudThemeProvider writes
/// the theme's CSS variables in a style element; MudBlazor positions popovers and charts with style
/// attributes), and the circuit's WebSocket back to the same host; nothing may frame the portal. Fonts are the
/// system's (the theme names no web font), so no font host is allowed.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>The API browsers (Swagger UI, the Scalar API reference) ship inline bootstrap scripts; they get their own, still frame-proof, policy.</summary>
    public const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = ServicePortal.Web.Api.ApiExtensions.IsDocsRequest(context) ? ApiDocsPolicy : ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
