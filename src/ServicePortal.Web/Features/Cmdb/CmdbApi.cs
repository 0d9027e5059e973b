using ServicePortal.Core;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>What a client sends to add a relationship: "source TYPE target", nodes by key; optionally a member of a redundancy group (by key).</summary>
public sealed record RelationshipRequest(string? Source, RelationshipType? Type, string? Target, string? Description = null, string? RedundancyGroup = null);

/// <summary>A relationship of a node; <see cref="Direction"/> is Outgoing (the node is the source) or Incoming.</summary>
public sealed record RelationshipResponse(int Id, int Version, string Direction, RelationshipType Type, string Source, string Target, string OtherName, NodeType OtherType, string? RedundancyGroup);

public sealed record ImpactedNode(string Key, string Name, NodeType NodeType, ImpactLevel Level, int Distance, IReadOnlyList<string> PathKeys, string Path);

/// <summary>
/// A blast radius. <see cref="Affected"/> is one page (worst first: Down before Degraded, then nearest first) of
/// <see cref="AffectedCount"/> nodes (those of the asked node type, or all); ask for more with skip and take.
/// </summary>
public sealed record ImpactResponse(
    string Node, string Name, int AffectedCount, int DownCount, int DegradedCount, int AtRiskCount, int Skip, int Take, IReadOnlyList<ImpactedNode> Affected, ImpactSummaryResponse Summary);

/// <summary>
/// What the API returns of an <see cref="ImpactSummary"/>: every count, the domains hit, and the first
/// <see cref="ListLimit"/> contracts, SLA targets and accountable people (worst first) with how many there are in
/// all. The affected services themselves are in <see cref="ImpactResponse.Affected"/> (<c>nodeType=Service</c>): at
/// enterprise scale a hub reaches tens of thousands of them, megabytes of JSON if they were repeated here.
/// </summary>
public sealed record ImpactSummaryResponse(
    int AffectedCount,
    int DownCount,
    int DegradedCount,
    int AtRiskCount,
    int ServiceCount,
    IReadOnlyDictionary<ServiceKind, int> ServicesByKind,
    IReadOnlyDictionary<int, int> ServicesByTier,
    IReadOnlyList<AffectedDomain> Domains,
    int ContractCount,
    IReadOnlyList<AffectedContract> Contracts,
    int SlaTargetCount,
    IReadOnlyList<AffectedSlaTarget> SlaTargets,
    int AccountablePeopleCount,
    IReadOnlyList<AccountablePerson> AccountablePeople)
{
    public const int ListLimit = 100;

    public static ImpactSummaryResponse From(ImpactSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new ImpactSummaryResponse(
            summary.AffectedCount, summary.DownCount, summary.DegradedCount, summary.AtRiskCount,
            summary.Services.Count, summary.ServicesByKind, summary.ServicesByTier, summary.Domains,
            summary.Contracts.Count, [.. summary.Contracts.Take(ListLimit)],
            summary.SlaTargets.Count, [.. summary.SlaTargets.Take(ListLimit)],
            summary.AccountablePeople.Count, [.. summary.AccountablePeople.Take(ListLimit)]);
    }
}

/// <summary>Relationships of the CMDB (list for a node, add, remove) and the blast radius of a node.</summary>
public static class CmdbApi
{
    public static void MapCmdbApi(this RouteGroupBuilder api)
    {
        var relationships = api.MapGroup("/").WithTags("Relationships");

        relationships.MapGet("/nodes/{key}/relationships", async (string key, NodeDetailsQuery details, CancellationToken ct) =>
        {
            var node = await details.GetAsync(key, ct);
            if (node is null)
            {
                return ApiRequests.NotFound($"There is no service, configuration item or supplier with key '{key}'.");
            }

            var list = node.Outgoing.Select(r => new RelationshipResponse(r.RelationshipId, r.Version, "Outgoing", r.Type, key, r.OtherKey, r.OtherName, r.OtherType, r.RedundancyGroup))
                .Concat(node.Incoming.Select(r => new RelationshipResponse(r.RelationshipId, r.Version, "Incoming", r.Type, r.OtherKey, key, r.OtherName, r.OtherType, r.RedundancyGroup)))
                .ToList();
            return Results.Ok(list);
        }).WithSummary("The relationships of a node, both directions.").Produces<List<RelationshipResponse>>().ProducesProblem(404);

        relationships.MapPost("/relationships", async (JsonBody<RelationshipRequest> body, CatalogQueries queries, RelationshipEditor editor, RedundancyGroupEditor groups, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var input = body.Value!;
            var errors = new Core.ValidationErrors();
            var source = string.IsNullOrWhiteSpace(input.Source) ? null : await queries.FindNodeAsync(input.Source.Trim(), ct);
            var target = string.IsNullOrWhiteSpace(input.Target) ? null : await queries.FindNodeAsync(input.Target.Trim(), ct);
            if (source is null)
            {
                errors.Add("Source", string.IsNullOrWhiteSpace(input.Source) ? "Source is required (a node key)." : $"There is no node with key '{input.Source}'.");
            }

            if (target is null)
            {
                errors.Add("Target", string.IsNullOrWhiteSpace(input.Target) ? "Target is required (a node key)." : $"There is no node with key '{input.Target}'.");
            }

            if (input.Type is null)
            {
                errors.Add("Type", $"Type is required: one of {string.Join(", ", Enum.GetNames<RelationshipType>())}.");
            }

            RedundancyGroupRow? group = null;
            if (!string.IsNullOrWhiteSpace(input.RedundancyGroup)
                && (group = (await groups.GroupsAsync(input.RedundancyGroup.Trim(), ct)).FirstOrDefault()) is null)
            {
                errors.Add("RedundancyGroup", $"There is no redundancy group with key '{input.RedundancyGroup}'.");
            }

            if (errors.Any)
            {
                return ApiRequests.Invalid(errors.ToDictionary());
            }

            var result = await editor.AddAsync(new RelationshipInput(source!.Id, target!.Id, input.Type!.Value, group?.Id, input.Description), ct);
            if (!result.Succeeded)
            {
                return ApiRequests.Failure(result, rename: field => field switch { "SourceId" => "Source", "TargetId" => "Target", "RedundancyGroupId" => "RedundancyGroup", _ => field });
            }

            var created = new RelationshipResponse(result.Value, 1, "Outgoing", input.Type.Value, source.Key, target.Key, target.Name, target.NodeType, group?.Name);
            return Results.Created($"{ApiExtensions.Prefix}/relationships/{result.Value}", created);
        }).RequireAuthorization(PortalPolicies.EditCatalog)
          .Accepts<RelationshipRequest>("application/json").Produces<RelationshipResponse>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary("Adds 'source TYPE target', optionally as a member of a redundancy group (its key). Self-links and 'part of' cycles are 400; an existing relationship is 409.");

        relationships.MapDelete("/relationships/{id:int}", async (int id, HttpRequest request, RelationshipEditor editor, CancellationToken ct) =>
        {
            if (ApiRequests.ExpectedVersion(request, 0) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            var result = await editor.RemoveAsync(id, version, ct);
            if (result.Deleted)
            {
                return Results.NoContent();
            }

            return result.Kind == SaveKind.NotFound
                ? ApiRequests.NotFound($"There is no relationship {id}.")
                : ApiRequests.Conflict(result.Message ?? "Someone else changed it.");
        }).RequireAuthorization(PortalPolicies.EditCatalog)
          .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Removes a relationship; send its version (from the list) as If-Match.");

        api.MapGet("/impact/{nodeKey}", ImpactAsync).WithTags("Impact")
          .WithSummary("What-if: the blast radius if this node failed (nothing is stored): the affected nodes (paged with skip/take, at most 1000; nodeType=Service, ConfigurationItem or Supplier narrows them) with level, distance and the path from the failed node, and a summary: counts by kind and tier, the domains hit, and the first 100 contracts, SLA targets and accountable people.")
          .ProducesValidationProblem()
          .Produces<ImpactResponse>().Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
    }

    /// <summary>
    /// The blast radius if this node failed: one page of the affected nodes with their paths, and the summary. The
    /// JSON is kept with the impact report it was made from (<see cref="ImpactResponses"/>), so the same question
    /// again while nothing changed sends the kept bytes; its ETag answers If-None-Match with 304.
    /// </summary>
    private static async Task<IResult> ImpactAsync(
        string nodeKey, int? skip, int? take, string? nodeType, HttpContext http, CatalogQueries queries, CmdbGraphService graph,
        ImpactResponses responses, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        // A hub of a large CMDB reaches tens of thousands of nodes: paths are made for one page only.
        var first = Math.Max(0, skip ?? 0);
        var count = Math.Clamp(take ?? 200, 1, 1000);
        var errors = new Core.ValidationErrors();
        var type = ApiRequests.Enum<NodeType>(nodeType, "nodeType", errors);
        if (errors.Any)
        {
            return ApiRequests.Invalid(errors.ToDictionary());
        }

        var node = await queries.FindNodeAsync(nodeKey, ct);
        if (node is null)
        {
            return ApiRequests.NotFound($"There is no service, configuration item or supplier with key '{nodeKey}'.");
        }

        var report = await graph.WhatIfAsync([node.Id], ct);
        var rendered = responses.Get(report, new ImpactResponses.PageKey(node.Key, node.Name, first, count, type), () =>
        {
            var index = report.Result.Index;
            var page = report.Result.Ranked(first, count, type, exceptNodeId: node.Id);
            var affected = new List<ImpactedNode>(page.Nodes.Count);
            foreach (var a in page.Nodes)
            {
                var graphNode = index.Node(a.NodeId);
                var path = report.Result.PathTo(a.NodeId);
                var keys = new string[path.NodeIds.Count];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = index.Node(path.NodeIds[i]).Key;
                }

                affected.Add(new ImpactedNode(graphNode.Key, graphNode.Name, graphNode.NodeType, a.Level, a.Distance, keys, path.Describe(index)));
            }

            var response = new ImpactResponse(
                node.Key, node.Name, page.Total, report.Summary.DownCount, report.Summary.DegradedCount, report.Summary.AtRiskCount, first, count, affected, ImpactSummaryResponse.From(report.Summary));
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions);
        });

        http.Response.Headers.ETag = rendered.ETag;
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } asked
            && asked.Any(tag => tag.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || tag.Tag.Equals(rendered.ETag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(rendered.Json, "application/json; charset=utf-8");
    }
}
