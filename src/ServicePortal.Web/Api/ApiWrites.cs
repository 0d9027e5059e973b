using ServicePortal.Core;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Web.Api;

/// <summary>
/// What every write endpoint of the API repeats: answer a save by its <see cref="SaveKind"/> with the API's own body
/// (never a Core form), and a delete by its <see cref="DeleteResult.Kind"/>.
/// </summary>
public static class ApiWrites
{
    /// <summary>
    /// The steps every PUT takes, in this order: a body that cannot be read is its problem; a thing that is not there
    /// is <paramref name="missing"/> (404 unless it says otherwise); no version in If-Match or the body is 428; then
    /// <paramref name="update"/> applies the request at that version, saves and answers (usually through <see cref="SavedAsync"/>).
    /// </summary>
    public static async Task<IResult> UpdateAsync<TRequest, TFound>(
        JsonBody<TRequest> body, HttpRequest http, Func<Task<TFound?>> find, Func<Task<IResult>> missing,
        Func<TRequest, TFound, int, Task<IResult>> update)
        where TRequest : class, IVersionedRequest
        where TFound : class
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (await find() is not { } found)
        {
            return await missing();
        }

        var request = body.Value!;
        return ApiRequests.ExpectedVersion(http, request.Version) is { } version
            ? await update(request, found, version)
            : ApiRequests.PreconditionRequired();
    }

    /// <inheritdoc cref="UpdateAsync{TRequest, TFound}(JsonBody{TRequest}, HttpRequest, Func{Task{TFound}}, Func{Task{IResult}}, Func{TRequest, TFound, int, Task{IResult}})"/>
    public static Task<IResult> UpdateAsync<TRequest, TFound>(
        JsonBody<TRequest> body, HttpRequest http, Func<Task<TFound?>> find, string notFound,
        Func<TRequest, TFound, int, Task<IResult>> update)
        where TRequest : class, IVersionedRequest
        where TFound : class =>
        UpdateAsync(body, http, find, () => Task.FromResult(ApiRequests.NotFound(notFound)), update);

    /// <summary>
    /// A saved value as <paramref name="respond"/> makes it (with its version as ETag); a stale save as 409 with the
    /// current values in the same shape; any other failure through <see cref="ApiRequests.Failure{T}"/>, field names
    /// renamed onto the body's.
    /// </summary>
    public static async Task<IResult> SavedAsync<TForm, TResponse>(
        SaveResult<TForm> result,
        Func<TForm, Task<TResponse?>> respond,
        Func<TResponse, int> version,
        string name,
        Func<string, string>? rename = null,
        int status = StatusCodes.Status200OK,
        Func<TResponse, string>? location = null)
        where TResponse : class
    {
        if (result.Succeeded && await respond(result.Value!) is { } saved)
        {
            return new VersionedResult(saved, version(saved), status, location?.Invoke(saved));
        }

        if (result.Conflict && result.Value is { } theirs && await respond(theirs) is { } current)
        {
            return ApiRequests.Conflict(
                $"Someone else changed this {name} since you read it (it is now version {version(current)}); merge and send again with that version as If-Match.",
                current);
        }

        return result.Succeeded
            ? ApiRequests.NotFound($"The {name} was saved but can no longer be read; someone may have deleted it meanwhile.")
            : ApiRequests.Failure(result, rename: rename);
    }

    /// <summary>204 when deleted; 404 when already gone; otherwise 409 with the reason and what blocks it.</summary>
    public static IResult Deleted(DeleteResult result) => result switch
    {
        { Deleted: true } => Results.NoContent(),
        { Kind: SaveKind.NotFound } => ApiRequests.NotFound(result.Message ?? "It no longer exists."),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Message,
            extensions: new Dictionary<string, object?> { ["blockers"] = result.Blockers }),
    };

    /// <summary>The If-Match version of a delete (a delete has no body); null when none was sent.</summary>
    public static int? IfMatch(HttpRequest request) => ApiRequests.ExpectedVersion(request, 0);

    /// <summary>
    /// A delete at the If-Match version: 428 without one, else <paramref name="delete"/>'s outcome at that version (the
    /// Core operation compares it with the row it deletes: a stale one is 409 naming the current version).
    /// </summary>
    public static async Task<IResult> DeleteAtIfMatchAsync(HttpRequest http, Func<int, Task<DeleteResult>> delete) =>
        IfMatch(http) is { } version ? Deleted(await delete(version)) : ApiRequests.PreconditionRequired();

    /// <summary>409 for a write based on a version other than the current one.</summary>
    public static IResult Stale(string name, int current) => ApiRequests.Conflict(
        $"Someone else changed this {name} since you read it (it is now version {current}); read it again and send that version as If-Match.");

    /// <summary>A rename of Core field names onto the body's: each pair is (Core name, body name); others stay.</summary>
    public static Func<string, string> Rename(params (string Core, string Body)[] pairs)
    {
        var map = pairs.ToDictionary(p => p.Core, p => p.Body, StringComparer.Ordinal);
        return field => map.TryGetValue(field, out var body) ? body : field;
    }
}

/// <summary>A request body that may carry the version it was based on (0: none; If-Match wins when sent).</summary>
public interface IVersionedRequest
{
    int Version { get; }
}
