using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ServicePortal.Core;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Features.Slas;

namespace ServicePortal.Web.Api;

/// <summary>
/// A JSON request body read by the API itself rather than by the framework's binder, so that every bad body gets a
/// clear problem response: too large → 413, malformed JSON → 400 naming the line, an unknown enum value or a wrong
/// type → 400 naming the field and the allowed values. Endpoints return <see cref="Problem"/> when it is set.
/// </summary>
public sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>
    where T : class
{
    public T? Value { get; private init; }

    public IResult? Problem { get; private init; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<ApiBodyLimit>()?.Bytes ?? ApiBodyLimit.DefaultJsonBytes;
        var (bytes, problem) = await ApiRequests.ReadBodyAsync(context, limit);
        if (problem is not null)
        {
            return new JsonBody<T> { Problem = problem };
        }

        if (bytes!.Length == 0)
        {
            return new JsonBody<T> { Problem = ApiRequests.BadRequest("The request body is empty; send a JSON document.") };
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? new JsonBody<T> { Problem = ApiRequests.BadRequest("The request body is JSON null; send an object.") }
                : new JsonBody<T> { Value = value };
        }
        catch (JsonException ex)
        {
            return new JsonBody<T> { Problem = ApiRequests.JsonProblem(typeof(T), ex) };
        }
    }
}

/// <summary>The largest request body an endpoint accepts (endpoint metadata; JSON bodies default to 1 MB).</summary>
public sealed record ApiBodyLimit(long Bytes)
{
    public const long DefaultJsonBytes = 1024 * 1024;

    public const long ImportBytes = 10 * 1024 * 1024;
}

public static class ApiRequests
{
    /// <summary>Reads the body up to <paramref name="limit"/> bytes; a larger body is refused with 413 before it is all read.</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    public static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"This endpoint accepts at most {limit / 1024} KB; split the data into smaller requests.");

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Conflict(string detail, object? current = null) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        detail: detail,
        extensions: current is null ? null : new Dictionary<string, object?> { ["current"] = current });

    /// <summary>
    /// The one mapping from a failed save's kind to an HTTP answer: Invalid → 400 with messages per field, Duplicate → 409,
    /// Conflict → 409 with the current values, NotFound → 404, NotAllowed → 403. <paramref name="rename"/> maps Core field
    /// names onto the body's (e.g. SourceId → Source).
    /// </summary>
    public static IResult Failure<T>(SaveResult<T> result, string? conflictDetail = null, Func<string, string>? rename = null)
    {
        var errors = rename is null ? result.Errors : result.Errors.ToDictionary(e => rename(e.Key), e => e.Value);
        return result.Kind switch
        {
            SaveKind.Duplicate => Conflict(result.Summary),
            SaveKind.Conflict => Conflict(conflictDetail ?? result.Summary, result.Value),
            SaveKind.NotFound => NotFound(result.Summary),
            SaveKind.NotAllowed => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: result.Summary),
            _ => Invalid(errors),
        };
    }

    /// <summary>400 with per-field messages; field names are written as the JSON body spells them (camelCase).</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(
            errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value),
            title: "The request has invalid fields.");

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A clear message for a body that does not fit <paramref name="type"/>: the field, and for enums the allowed values.</summary>
    public static IResult JsonProblem(Type type, JsonException ex)
    {
        var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        var field = path?.Split('.', '[')[0];
        var property = field is null ? null : type.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        var propertyType = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (field is not null && propertyType is not null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var message = propertyType.IsEnum
                ? $"'{field}' is not one of {string.Join(", ", System.Enum.GetNames(propertyType))}."
                : propertyType == typeof(int) || propertyType == typeof(double) || propertyType == typeof(long)
                    ? $"'{field}' must be a number."
                    : propertyType == typeof(bool) ? $"'{field}' must be true or false." : $"'{field}' has a value of the wrong type.";
            return Invalid(field, message);
        }

        if (ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) && path is not null)
        {
            var name = path.Split('.', '[').Last();
            return Invalid(name, $"'{name}' appears more than once in the body; send it once.");
        }

        var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
        return BadRequest($"The request body is not valid JSON{where}: {FirstSentence(ex.Message)}");
    }

    /// <summary>Parses an optional enum query parameter; a wrong value adds a message naming the allowed values.</summary>
    public static TEnum? Enum<TEnum>(string? text, string name, ValidationErrors errors)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add(name, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>The version a write is based on: the If-Match header ("3", W/"3" or 3), else the body's version; null when neither is given.</summary>
    public static int? ExpectedVersion(HttpRequest request, int bodyVersion)
    {
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (ifMatch.Length > 0)
        {
            var text = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
            return int.TryParse(text.Trim('"'), out var version) ? version : -1;
        }

        return bodyVersion > 0 ? bodyVersion : null;
    }

    public static IResult PreconditionRequired() => Results.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Version required",
        detail: "Send the version you read as an If-Match header (the ETag of the GET) or as 'version' in the body, so that nobody's change is overwritten silently.");

    public static string ETag(int version) => $"\"{version}\"";

    private static string FirstSentence(string message)
    {
        var at = message.IndexOf(" Path:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}

/// <summary>Writes a value with its version as the ETag header.</summary>
public sealed class VersionedResult(object value, int version, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ETag = ApiRequests.ETag(version);
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        return Results.Json(value, statusCode: statusCode).ExecuteAsync(httpContext);
    }
}

/// <summary>Enum values as names in API bodies; numbers are refused so that a typo is not silently a valid member.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));

        // A number sent as a string ("tier": "2") and a property sent twice (which one wins?) are refused with 400
        // naming the field, not guessed at.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
    }
}
