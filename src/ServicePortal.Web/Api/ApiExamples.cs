using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ServicePortal.Web.Api;

/// <summary>An endpoint's example request body and success response, shown in the OpenAPI document and the API reference.</summary>
public sealed record ApiExample(object? Request, object? Response);

public static class ApiExampleExtensions
{
    /// <summary>Shows <paramref name="request"/> and <paramref name="response"/> as this operation's examples.</summary>
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, object? request, object? response)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(request, response));
}

/// <summary>
/// Gives every operation of the OpenAPI document an example for its JSON request body and for each JSON response:
/// the endpoint's own <see cref="ApiExample"/> when it has one, else one made from the declared type (so a new
/// endpoint has examples before anyone writes them), and a problem-details example for error responses.
/// </summary>
internal sealed class ApiExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var example = metadata.OfType<ApiExample>().LastOrDefault();

        if (operation.RequestBody?.Content is { } requestContent)
        {
            var requestType = metadata.OfType<IAcceptsMetadata>().LastOrDefault()?.RequestType;
            foreach (var (mediaType, content) in requestContent)
            {
                if (content.Example is not null || content.Examples is { Count: > 0 })
                {
                    continue;
                }

                content.Example = IsJson(mediaType)
                    ? example?.Request is { } request ? JsonSerializer.SerializeToNode(request, request.GetType(), json) : ApiSamples.For(requestType, json)
                    : mediaType.Contains("csv", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create("key,name\r\nSVC-EXAMPLE,Example service\r\n")
                    : mediaType.Contains("yaml", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: example\nspec:\n  type: service\n  owner: team-a\n")
                    : null;
            }
        }

        var produced = metadata.OfType<IProducesResponseTypeMetadata>().ToList();
        DescribeVersions(operation, produced);
        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response.Content is null || !int.TryParse(code, out var status))
            {
                continue;
            }

            foreach (var (mediaType, content) in response.Content)
            {
                if (content.Example is not null || content.Examples is { Count: > 0 } || !IsJson(mediaType))
                {
                    continue;
                }

                var type = produced.LastOrDefault(p => p.StatusCode == status)?.Type;
                content.Example = status is >= 200 and < 300 && example?.Response is { } body
                    ? JsonSerializer.SerializeToNode(body, body.GetType(), json)
                    : status >= 400 && (type is null || typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(type) || type == typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))
                        ? Problem(status)
                        : ApiSamples.For(type, json);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The concurrency contract in the document itself: a write that answers 428 without a version takes an If-Match
    /// header, and a success whose body carries a version (a <c>Version</c> property) sends it as the ETag header.
    /// </summary>
    private static void DescribeVersions(OpenApiOperation operation, List<IProducesResponseTypeMetadata> produced)
    {
        if (operation.Responses?.ContainsKey("428") == true)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The version you read (the ETag of the GET, e.g. \"3\"); without it (or 'version' in the body) the write is 428, with a stale one 409.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"3\""),
            });
        }

        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && int.TryParse(code, out var status) && status is >= 200 and < 300
                && produced.LastOrDefault(p => p.StatusCode == status)?.Type?.GetProperty("Version")?.PropertyType == typeof(int))
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The version of the returned resource; send it back as If-Match to change or delete it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("\"3\""),
                };
            }
        }
    }

    private static bool IsJson(string mediaType) => mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static JsonNode Problem(int status) => status switch
    {
        400 => new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = "The request has invalid fields.",
            ["status"] = 400,
            ["errors"] = new JsonObject { ["name"] = new JsonArray("Name is required.") },
        },
        _ => new JsonObject
        {
            ["title"] = status switch { 401 => "Unauthorized", 403 => "Not allowed", 404 => "Not found", 409 => "Conflict", 412 => "Precondition failed", 413 => "Request body too large", 415 => "Unsupported media type", 428 => "Version required", _ => "Error" },
            ["status"] = status,
            ["detail"] = status switch
            {
                404 => "There is no such resource with key 'EXAMPLE'.",
                409 => "Someone else changed this since you read it (it is now version 4); merge and send again with that version as If-Match.",
                428 => "Send the version you read as an If-Match header (the ETag of the GET) or as 'version' in the body, so that nobody's change is overwritten silently.",
                _ => "See the title.",
            },
        },
    };
}

/// <summary>Example JSON made from a .NET type: plausible values by property name and type, one element per list.</summary>
internal static class ApiSamples
{
    public static JsonNode? For(Type? type, JsonSerializerOptions json) => type is null ? null : Make(type, null, json, 0);

    private static JsonNode? Make(Type type, string? name, JsonSerializerOptions json, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return JsonValue.Create(Text(name));
        }

        if (type == typeof(bool))
        {
            return JsonValue.Create(false);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return JsonValue.Create(name is not null && name.Contains("version", StringComparison.OrdinalIgnoreCase) ? 3 : 1);
        }

        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return JsonValue.Create(99.5);
        }

        if (type == typeof(DateOnly))
        {
            return JsonValue.Create("2026-11-30");
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return JsonValue.Create("2026-11-30T09:00:00Z");
        }

        if (type == typeof(Guid))
        {
            return JsonValue.Create("3f2c1a9e-7d4b-4c2e-9a51-0b6f1d2e3c4a");
        }

        if (type.IsEnum)
        {
            return JsonValue.Create(Enum.GetNames(type).FirstOrDefault() ?? "");
        }

        if (type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement))
        {
            // An empty object is dropped from the document; say what stands here instead.
            return new JsonObject { ["$comment"] = "A JSON object; the operation's summary says what it holds." };
        }

        if (depth > 4)
        {
            return new JsonObject();
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && IsDictionary(type))
        {
            return new JsonObject { [keyType.IsEnum ? Enum.GetNames(keyType).FirstOrDefault() ?? "key" : keyType == typeof(int) ? "1" : "key"] = Make(valueType, null, json, depth + 1) };
        }

        if (type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            return new JsonArray(Make(enumerable.GetGenericArguments()[0], name, json, depth + 1));
        }

        var obj = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null))
        {
            if (property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var jsonName = json.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            obj[jsonName] = Make(property.PropertyType, property.Name, json, depth + 1);
        }

        return obj;
    }

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    private static string Text(string? name) => name?.ToLowerInvariant() switch
    {
        null => "text",
        var n when n.Contains("email") => "someone@example.com",
        var n when n.Contains("period") || n.Contains("month") || n == "asof" => "2026-11",
        var n when n.Contains("currency") => "EUR",
        var n when n.Contains("reference") => "CTR-EXAMPLE",
        var n when n.EndsWith("key", StringComparison.Ordinal) || n is "source" or "target" or "supplier" or "service" or "node" => "SVC-EXAMPLE",
        var n when n.Contains("name") || n.Contains("title") => "Example",
        var n when n.Contains("url") || n.Contains("link") => "/services/SVC-EXAMPLE",
        _ => "text",
    };
}
