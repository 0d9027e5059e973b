using ServicePortal.Core;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>A node marked in a scenario: its key and Failed or Degraded.</summary>
public sealed record ScenarioNodeRequest(string? Node, ScenarioMark Mark = ScenarioMark.Failed);

/// <summary>What a client sends to save a scenario; <see cref="Version"/> (or If-Match) for a replace.</summary>
public sealed record ScenarioRequest(string? Name, string? Description, IReadOnlyList<ScenarioNodeRequest>? Nodes, int Version = 0)
{
    public ScenarioInput ToInput(int? version) => new(Name, Description, [.. (Nodes ?? []).Select(n => new ScenarioMarkInput(n.Node, n.Mark))], version);
}

public sealed record ScenarioNodeResponse(string Node, string Name, NodeType NodeType, ScenarioMark Mark);

public sealed record ScenarioResponse(int Id, int Version, string Name, string? Description, string? CreatedBy, DateTime UpdatedAt, IReadOnlyList<ScenarioNodeResponse> Nodes)
{
    public static ScenarioResponse From(ScenarioDetail s) =>
        new(s.Id, s.Version, s.Name, s.Description, s.CreatedBy, s.UpdatedAt, [.. s.Nodes.Select(n => new ScenarioNodeResponse(n.Node.Key, n.Node.Name, n.Node.NodeType, n.Mark))]);
}

/// <summary>One side of a comparison: what was marked and what it hits.</summary>
public sealed record ScenarioOutcomeResponse(string Label, int? Scenario, IReadOnlyList<ScenarioNodeResponse> Marked, ImpactSummaryResponse Summary)
{
    public static ScenarioOutcomeResponse From(ScenarioOutcome o) =>
        new(o.Label, o.ScenarioId, [.. o.Marked.Select(n => new ScenarioNodeResponse(n.Node.Key, n.Node.Name, n.Node.NodeType, n.Mark))], ImpactSummaryResponse.From(o.Report.Summary));
}

public sealed record ScenarioComparisonResponse(
    ScenarioOutcomeResponse Left, ScenarioOutcomeResponse Right, IReadOnlyList<ScenarioHit> Services, IReadOnlyList<ScenarioHit> Domains, IReadOnlyList<ScenarioHit> SlaTargets,
    IReadOnlyList<ScenarioHit> People);

/// <summary>Saved what-if scenarios: everyone may read and compare; CIO, governance staff and administrators may save.</summary>
public static class ScenarioApi
{
    public static void MapScenarioApi(this RouteGroupBuilder api)
    {
        var scenarios = api.MapGroup("/scenarios").WithTags("Scenarios");

        scenarios.MapGet("/", async (ScenarioService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)))
            .Produces<IReadOnlyList<ScenarioSummary>>().WithSummary("Every saved scenario, by name.");

        scenarios.MapGet("/{id:int}", async (int id, HttpContext context, ScenarioService service, CancellationToken ct) =>
        {
            if (await service.GetAsync(id, ct) is not { } scenario)
            {
                return ApiRequests.NotFound($"There is no scenario {id}.");
            }

            context.Response.Headers.ETag = ApiRequests.ETag(scenario.Version);
            return Results.Ok(ScenarioResponse.From(scenario));
        }).Produces<ScenarioResponse>().ProducesProblem(404).WithSummary("One scenario and its marked nodes; the ETag header is its version.");

        scenarios.MapPost("/", async (JsonBody<ScenarioRequest> body, ScenarioService service, ICurrentActor actor, CancellationToken ct) =>
        {
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var result = await service.SaveAsync(null, body.Value!.ToInput(null), actor.Name, ct);
            return result.Succeeded
                ? Results.Created($"{ApiExtensions.Prefix}/scenarios/{result.Value!.Id}", ScenarioResponse.From(result.Value))
                : ApiRequests.Failure(result, rename: Rename);
        }).RequireAuthorization(PortalPolicies.EditScenarios)
          .Accepts<ScenarioRequest>("application/json").Produces<ScenarioResponse>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary("Saves a new scenario: a name and up to 50 nodes, each Failed or Degraded. Changes no CMDB data.");

        scenarios.MapPut("/{id:int}", async (int id, JsonBody<ScenarioRequest> body, HttpRequest request, ScenarioService service, CancellationToken ct) =>
        {
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            if (ApiRequests.ExpectedVersion(request, body.Value!.Version) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            var result = await service.SaveAsync(id, body.Value.ToInput(version), null, ct);
            return result.Succeeded ? Results.Ok(ScenarioResponse.From(result.Value!)) : ApiRequests.Failure(result, rename: Rename);
        }).RequireAuthorization(PortalPolicies.EditScenarios)
          .Accepts<ScenarioRequest>("application/json").Produces<ScenarioResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Replaces a scenario's name, description and nodes; send the version you read as If-Match.");

        scenarios.MapDelete("/{id:int}", async (int id, HttpRequest request, ScenarioService service, CancellationToken ct) =>
        {
            if (ApiRequests.ExpectedVersion(request, 0) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            var result = await service.DeleteAsync(id, version, ct);
            return result.Succeeded ? Results.NoContent() : ApiRequests.Failure(result);
        }).RequireAuthorization(PortalPolicies.EditScenarios)
          .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Deletes a scenario; send its version as If-Match.");

        scenarios.MapGet("/{id:int}/impact", async (int id, ScenarioService service, CancellationToken ct) =>
            await service.OutcomeAsync(id, ct) is { } outcome
                ? Results.Ok(ScenarioOutcomeResponse.From(outcome))
                : ApiRequests.NotFound($"There is no scenario {id}."))
            .Produces<ScenarioOutcomeResponse>().ProducesProblem(404)
            .WithSummary("What the scenario hits: the impact engine's answer for its marks on today's graph.");

        scenarios.MapGet("/compare", async (string? left, string? right, ScenarioService service, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var a = Side(left, "left", errors);
            var b = Side(right, "right", errors);
            if (errors.Any)
            {
                return ApiRequests.Invalid(errors.ToDictionary());
            }

            return await service.CompareAsync(a, b, ct) is { } c
                ? Results.Ok(new ScenarioComparisonResponse(
                    ScenarioOutcomeResponse.From(c.Left), ScenarioOutcomeResponse.From(c.Right), c.Services, c.Domains, c.SlaTargets, c.People))
                : ApiRequests.NotFound("One of the scenarios does not exist.");
        }).Produces<ScenarioComparisonResponse>().ProducesValidationProblem().ProducesProblem(404)
          .WithSummary("Two outcomes side by side: left and right are scenario ids or 'today' (the recorded status).");
    }

    /// <summary>"today" (or nothing) is null, the present; else a scenario id.</summary>
    private static int? Side(string? text, string name, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "today", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(name, $"'{text}' is neither a scenario id nor 'today'.");
        return null;
    }

    private static string Rename(string field) => field.StartsWith("Nodes", StringComparison.Ordinal) ? "nodes" + field[5..] : field;
}
