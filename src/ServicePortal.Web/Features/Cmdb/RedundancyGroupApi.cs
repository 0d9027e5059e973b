using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>A member of a redundancy group: a relationship "source TYPE target" (its id is the one of /relationships).</summary>
public sealed record RedundancyMemberResponse(int RelationshipId, string Source, RelationshipType Type, string Target, string TargetName);

/// <summary>A redundancy group: of its members at least <see cref="MinimumUp"/> must be up. <see cref="Version"/> is also the ETag.</summary>
public sealed record RedundancyGroupResponse(string Key, string Name, int MinimumUp, IReadOnlyList<RedundancyMemberResponse> Members, int Version)
{
    public static RedundancyGroupResponse From(RedundancyGroupRow g) =>
        new(g.Key, g.Name, g.MinimumUp, g.Members.Select(m => new RedundancyMemberResponse(m.RelationshipId, m.Source, m.Type, m.Target, m.TargetName)).ToList(), g.Version);
}

/// <summary>A redundancy group to create or change; on update the key stays and an omitted field keeps its value.</summary>
public sealed record RedundancyGroupRequest(string? Key = null, string? Name = null, int? MinimumUp = null, int Version = 0) : IVersionedRequest;

/// <summary>
/// Redundancy groups of the CMDB: list, read, create, change (If-Match) and delete (If-Match; refused while it has
/// members). Members join a group when their relationship is added with 'redundancyGroup' (POST /relationships).
/// Writes need <see cref="PortalPolicies.EditCatalog"/>.
/// </summary>
public static class RedundancyGroupApi
{
    private static readonly RedundancyGroupResponse Example = new("RG-CARD-GATEWAYS", "Card payment gateways", 1,
        [new RedundancyMemberResponse(12, "SVC-CHECKOUT", RelationshipType.DependsOn, "SVC-PAYMENT-GATEWAY-NB", "Payment gateway (Northbridge)")], 1);

    public static void MapRedundancyGroupApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/redundancy-groups").WithTags("Redundancy groups");

        groups.MapGet("/", async (RedundancyGroupEditor editor, CancellationToken ct) =>
                Results.Ok((await editor.GroupsAsync(cancellationToken: ct)).Select(RedundancyGroupResponse.From).ToList()))
            .Produces<List<RedundancyGroupResponse>>().WithExample(null, new[] { Example })
            .WithSummary("Redundancy groups by name, with their members and how many must be up.");

        groups.MapGet("/{key}", async (string key, RedundancyGroupEditor editor, CancellationToken ct) =>
                await FindAsync(editor, key, ct) is { } row
                    ? new VersionedResult(RedundancyGroupResponse.From(row), row.Version)
                    : ApiRequests.NotFound($"There is no redundancy group with key '{key}'."))
            .Produces<RedundancyGroupResponse>().ProducesProblem(404).WithExample(null, Example)
            .WithSummary("One redundancy group by key; the ETag header is its version.");

        groups.MapPost("/", async (JsonBody<RedundancyGroupRequest> body, RedundancyGroupEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var request = body.Value!;
                var result = await editor.SaveAsync(new RedundancyGroupForm { Key = request.Key ?? "", Name = request.Name ?? "", MinimumUp = request.MinimumUp ?? 1 }, ct);
                return await ApiWrites.SavedAsync(result, f => ResponseAsync(editor, f.Key, ct), r => r.Version, "redundancy group",
                    status: StatusCodes.Status201Created, location: r => $"{ApiExtensions.Prefix}/redundancy-groups/{Uri.EscapeDataString(r.Key)}");
            })
            .RequireAuthorization(PortalPolicies.EditCatalog)
            .Accepts<RedundancyGroupRequest>("application/json").Produces<RedundancyGroupResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(new RedundancyGroupRequest("RG-CARD-GATEWAYS", "Card payment gateways", 1), Example with { Members = [] })
            .WithSummary("Creates a redundancy group. A key or name already used is 409.");

        groups.MapPut("/{key}", (string key, JsonBody<RedundancyGroupRequest> body, HttpRequest http, RedundancyGroupEditor editor, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http, () => FindAsync(editor, key, ct), $"There is no redundancy group with key '{key}'.",
                    async (request, row, version) =>
                    {
                        var form = new RedundancyGroupForm { Id = row.Id, Version = version, Key = row.Key, Name = request.Name ?? row.Name, MinimumUp = request.MinimumUp ?? row.MinimumUp };
                        var result = await editor.SaveAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => ResponseAsync(editor, f.Key, ct), r => r.Version, "redundancy group");
                    }))
            .RequireAuthorization(PortalPolicies.EditCatalog)
            .Accepts<RedundancyGroupRequest>("application/json").Produces<RedundancyGroupResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new RedundancyGroupRequest(MinimumUp: 1, Version: 1), Example with { Version = 2 })
            .WithSummary("Changes a redundancy group's name or minimum up (not more than its members); send its version as If-Match.");

        groups.MapDelete("/{key}", async (string key, HttpRequest http, RedundancyGroupEditor editor, CancellationToken ct) =>
            {
                if (await FindAsync(editor, key, ct) is not { } row)
                {
                    return ApiRequests.NotFound($"There is no redundancy group with key '{key}'.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DeleteAsync(row.Id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditCatalog)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Deletes a redundancy group without members (send its version as If-Match); one with members is 409 naming them.");
    }

    private static async Task<RedundancyGroupRow?> FindAsync(RedundancyGroupEditor editor, string key, CancellationToken ct) =>
        (await editor.GroupsAsync(key.Trim(), ct)).FirstOrDefault();

    private static async Task<RedundancyGroupResponse?> ResponseAsync(RedundancyGroupEditor editor, string key, CancellationToken ct) =>
        await FindAsync(editor, key, ct) is { } row ? RedundancyGroupResponse.From(row) : null;
}
