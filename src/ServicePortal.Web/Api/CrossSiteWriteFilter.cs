using Microsoft.AspNetCore.Antiforgery;

namespace ServicePortal.Web.Api;

/// <summary>
/// Cross-site request forgery on the API. A browser sends the portal's sign-in cookie with any request to the portal,
/// also one that another site (or another origin of the same site) makes, so a cookie-authenticated write must show
/// that the portal's own pages sent it: an <c>Origin</c> (or, without one, a <c>Referer</c>) naming the portal's host,
/// or an antiforgery token in the <c>RequestVerificationToken</c> header. Its body, when it has one, must have a
/// media type that another site cannot send without a CORS preflight (which the portal never grants): never none, a
/// form or text/plain. A write with a bearer token carries no ambient credential and is unaffected.
/// </summary>
public sealed class CrossSiteWriteFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    /// <summary>The media types a page of another origin may send without a preflight (the CORS "simple" ones).</summary>
    private static readonly string[] SimpleMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || IsBearer(request))
        {
            return await next(context);
        }

        if (!IsSameOrigin(request) && !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                detail: "A write signed in with the portal's cookie must come from the portal's own pages (its Origin header) or carry an antiforgery token; scripts and other tools use an API token (Authorization: Bearer).");
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody && (string.IsNullOrEmpty(mediaType) || SimpleMediaTypes.Contains(mediaType)))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the body with its media type (Content-Type: application/json for JSON); a body without one, a form or text/plain is refused.");
        }

        return await next(context);
    }

    private static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Origin (else the Referer) names this host. Only the host is compared: behind a TLS-terminating proxy the scheme differs.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (source.Length == 0 || source == "null")
        {
            source = request.Headers.Referer.ToString();
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
