using System.Globalization;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>A version of the common score; <see cref="Version"/> (the row's concurrency version) is also the ETag.</summary>
public sealed record ScoreVersionResponse(
    int Number, string Title, ScoreVersionStatus Status, string? ChangeNote, string? CreatedBy, DateTime CreatedAt, DateTime? PublishedAt, string? PublishedBy,
    int? BasedOn, int Practices, int Version)
{
    public static ScoreVersionResponse From(ScoreVersionRow v) =>
        new(v.Number, v.Title, v.Status, v.ChangeNote, v.CreatedBy, v.CreatedAt, v.PublishedAt, v.PublishedBy, v.BasedOnNumber, v.Practices, v.Version);
}

/// <summary>A KPI of a practice with its measurable target; <see cref="TargetText"/> is how people read it ("≤ 10%").</summary>
public sealed record PracticeKpiResponse(
    string Key, string Name, KpiMetric Metric, string Unit, double Target, TargetDirection Direction, double WarningBand, MeasurementPeriod Period, string TargetText)
{
    public static PracticeKpiResponse From(KpiLine k) => new(k.Key, k.Name, k.Metric, k.Unit, k.TargetValue, k.Direction, k.WarningBand, k.Period, k.Target);
}

/// <summary>A practice of a score version; <see cref="Owners"/> hold the practice-owner role (Accountable). <see cref="Version"/> is also the ETag.</summary>
public sealed record PracticeResponse(
    string Key, string Name, string Stage, int Order, string? Purpose, string? Policies, IReadOnlyList<PracticeKpiResponse> Kpis, IReadOnlyList<string> Owners, int Version);

public sealed record StageResponse(string Key, string Name, string? Description, IReadOnlyList<PracticeResponse> Practices);

/// <summary>One score version laid out as its value-stream stages (Demand → Plan → Build → Run) of practices.</summary>
public sealed record ScoreBoardResponse(ScoreVersionResponse Version, IReadOnlyList<StageResponse> Stages);

/// <summary>A KPI of a practice request: a blank key makes one from the practice key and the name; omitted fields take the form's defaults.</summary>
public sealed record PracticeKpiRequest(
    string? Key = null, string? Name = null, KpiMetric? Metric = null, string? Unit = null, double? Target = null, TargetDirection? Direction = null,
    double? WarningBand = null, MeasurementPeriod? Period = null);

/// <summary>
/// A practice of the draft to add or change: the stage by key (DEMAND, PLAN, BUILD, RUN). On update the key stays, an
/// omitted field keeps its value and 'kpis', when sent, replaces the practice's KPIs.
/// </summary>
public sealed record PracticeRequest(
    string? Key = null, string? Name = null, string? Stage = null, string? Purpose = null, string? Policies = null, IReadOnlyList<PracticeKpiRequest>? Kpis = null, int Version = 0) : IVersionedRequest;

public sealed record NewDraftRequest(string? Title = null);

/// <summary>Where a practice card of the draft moves: to the neighbouring stage (Left, Right, appended at its end) or one place Up or Down in its stage.</summary>
public sealed record MoveRequest(MoveDirection? Direction = null, int Version = 0);

/// <summary>What the CIO sends to publish the draft: the change note (what changed and why).</summary>
public sealed record PublishRequest(string? ChangeNote = null, int Version = 0);

/// <summary>What <see cref="To"/> changed against <see cref="From"/>: practices added, removed, moved and changed, KPI changes, assignment changes.</summary>
public sealed record ScoreComparisonResponse(
    ScoreVersionResponse From, ScoreVersionResponse To, bool HasChanges, IReadOnlyList<PracticeRef> Added, IReadOnlyList<PracticeRef> Removed,
    IReadOnlyList<PracticeMove> Moved, IReadOnlyList<PracticeChange> Changed, IReadOnlyList<KpiChange> KpiChanges, IReadOnlyList<AssignmentChange> Assignments);

/// <summary>
/// The common score over the API: its versions (the current published one, the draft, any by number), starting a
/// draft, discarding it and publishing it with a change note (CIO only), comparing two versions, and the draft's
/// practices with their KPIs. Published versions are read-only. Draft writes need <see cref="PortalPolicies.EditScore"/>,
/// publishing <see cref="PortalPolicies.PublishScore"/>; the Core's <see cref="ScoreEditor"/> keeps the versioning rules.
/// </summary>
public static class ScoreApi
{
    private static readonly ScoreVersionResponse VersionExample = new(
        2, "Common score 2027", ScoreVersionStatus.Draft, null, "Gabriel Governance", new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), null, null, 1, 14, 1);

    private static readonly PracticeResponse PracticeExample = new(
        "PRC-RELEASE", "Release management", "BUILD", 3, "Changes reach production safely and on time.", "Every release has a rollback plan.",
        [new PracticeKpiResponse("KPI-RELEASE-ROLLBACKS", "Releases rolled back", KpiMetric.ErrorRate, "%", 5, TargetDirection.AtMost, 1, MeasurementPeriod.Monthly, "≤ 5%")],
        ["Noor Bakker"], 1);

    private static readonly PracticeRequest PracticeRequestExample = new(
        "PRC-RELEASE", "Release management", "BUILD", "Changes reach production safely and on time.", "Every release has a rollback plan.",
        [new PracticeKpiRequest("KPI-RELEASE-ROLLBACKS", "Releases rolled back", KpiMetric.ErrorRate, "%", 5, TargetDirection.AtMost, 1, MeasurementPeriod.Monthly)]);

    private static readonly ScoreBoardResponse BoardExample = new(VersionExample, [new StageResponse("BUILD", "Build", "Build and release what was planned.", [PracticeExample])]);

    public static void MapScoreApi(this RouteGroupBuilder api)
    {
        var score = api.MapGroup("/score").WithTags("Common score");
        MapVersions(score);
        MapPractices(score.MapGroup("/draft/practices"));
    }

    private static void MapVersions(RouteGroupBuilder score)
    {
        score.MapGet("/versions", async (ScoreQueries queries, CancellationToken ct) =>
                Results.Ok((await queries.VersionsAsync(ct)).Select(ScoreVersionResponse.From).ToList()))
            .Produces<List<ScoreVersionResponse>>().WithExample(null, new[] { VersionExample })
            .WithSummary("Every version of the common score, newest first: the draft (if any), the published one and the superseded ones with their change notes.");

        score.MapGet("/versions/{number:int}", async (int number, ScoreQueries queries, CancellationToken ct) =>
                await BoardAsync(queries, v => v.Number == number, ct) ?? ApiRequests.NotFound($"There is no score version {number}."))
            .Produces<ScoreBoardResponse>().ProducesProblem(404).WithExample(null, BoardExample)
            .WithSummary("One score version by number with its stages, practices and KPIs; the ETag header is its version.");

        score.MapGet("/versions/current", async (ScoreQueries queries, CancellationToken ct) =>
                await BoardAsync(queries, v => v.Status == ScoreVersionStatus.Published, ct) ?? ApiRequests.NotFound("No score version is published yet."))
            .Produces<ScoreBoardResponse>().ProducesProblem(404).WithExample(null, BoardExample with { Version = VersionExample with { Status = ScoreVersionStatus.Published, Number = 1 } })
            .WithSummary("The published (current) score version with its stages, practices and KPIs.");

        score.MapGet("/versions/draft", async (ScoreQueries queries, CancellationToken ct) =>
                await BoardAsync(queries, v => v.Status == ScoreVersionStatus.Draft, ct) ?? ApiRequests.NotFound("There is no draft; start one with POST /api/v1/score/versions/draft."))
            .Produces<ScoreBoardResponse>().ProducesProblem(404).WithExample(null, BoardExample)
            .WithSummary("The draft score version (the only editable one) with its stages, practices and KPIs; the ETag header is its version.");

        score.MapPost("/versions/draft", async (JsonBody<NewDraftRequest> body, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                if ((await queries.VersionsAsync(ct)).FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft) is { } draft)
                {
                    return ApiRequests.Conflict($"Version {draft.Number} is already a draft; change or publish it first. There is only one draft at a time.");
                }

                var result = await editor.NewDraftAsync(body.Value!.Title, ct);
                return result.Succeeded
                    ? new VersionedResult(ScoreVersionResponse.From(result.Value!), result.Value!.Version, StatusCodes.Status201Created, $"{ApiExtensions.Prefix}/score/versions/draft")
                    : ApiRequests.Failure(result);
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<NewDraftRequest>("application/json").Produces<ScoreVersionResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(new NewDraftRequest("Common score 2027"), VersionExample)
            .WithSummary("Starts a draft copied from the published version (its practices, KPIs and practice owners). A second draft is 409.");

        score.MapDelete("/versions/draft", async (HttpRequest http, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if ((await queries.VersionsAsync(ct)).FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft) is not { } draft)
                {
                    return ApiRequests.NotFound("There is no draft to discard.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DiscardDraftAsync(draft.Id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Discards the draft with its practices and their assignments (send its version as If-Match). Published versions are never deleted.");

        score.MapPost("/versions/draft/publish", async (JsonBody<PublishRequest> body, HttpRequest http, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                if ((await queries.VersionsAsync(ct)).FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft) is not { } draft)
                {
                    return ApiRequests.NotFound("There is no draft to publish.");
                }

                var request = body.Value!;
                if (ApiRequests.ExpectedVersion(http, request.Version) is not { } version)
                {
                    return ApiRequests.PreconditionRequired();
                }

                if (version != draft.Version)
                {
                    return ApiWrites.Stale("draft", draft.Version);
                }

                var result = await editor.PublishAsync(new PublishForm { VersionId = draft.Id, Version = version, ChangeNote = request.ChangeNote ?? "" }, ct);
                return result.Succeeded
                    ? new VersionedResult(ScoreVersionResponse.From(result.Value!), result.Value!.Version)
                    : ApiRequests.Failure(result);
            })
            .RequireAuthorization(PortalPolicies.PublishScore)
            .Accepts<PublishRequest>("application/json").Produces<ScoreVersionResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new PublishRequest("Release management gets a rollback KPI; the portfolio budget share target rises to 70%.", 1),
                VersionExample with { Status = ScoreVersionStatus.Published, ChangeNote = "Release management gets a rollback KPI; the portfolio budget share target rises to 70%.", PublishedAt = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), PublishedBy = "Claire Conductor (CIO)", Version = 2 })
            .WithSummary("Publishes the draft with a change note (CIO only): it becomes the current version, read-only from then on, and the previous one is superseded. Send the draft's version as If-Match.");

        score.MapGet("/compare", async (int? from, int? to, ScoreQueries queries, CancellationToken ct) =>
            {
                var versions = await queries.VersionsAsync(ct);
                var errors = new ServicePortal.Core.ValidationErrors();
                var fromRow = versions.FirstOrDefault(v => v.Number == from);
                var toRow = versions.FirstOrDefault(v => v.Number == to);
                if (fromRow is null)
                {
                    errors.Add("from", from is null ? "Give 'from', a score version number." : $"There is no score version {from}.");
                }

                if (toRow is null)
                {
                    errors.Add("to", to is null ? "Give 'to', a score version number." : $"There is no score version {to}.");
                }

                if (errors.Any)
                {
                    return ApiRequests.Invalid(errors.ToDictionary());
                }

                var comparison = await queries.CompareAsync(fromRow!.Id, toRow!.Id, ct);
                return comparison is null
                    ? ApiRequests.NotFound("One of the versions was discarded meanwhile.")
                    : Results.Ok(new ScoreComparisonResponse(
                        ScoreVersionResponse.From(fromRow), ScoreVersionResponse.From(toRow), comparison.HasChanges, comparison.Added, comparison.Removed, comparison.Moved,
                        comparison.Changed, comparison.KpiChanges, comparison.Assignments));
            })
            .Produces<ScoreComparisonResponse>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Compares two score versions by number (from=1&to=2): practices added, removed, moved between stages and changed, KPI target changes and practice-owner changes.");
    }

    private static void MapPractices(RouteGroupBuilder practices)
    {
        practices.MapGet("/{key}", async (string key, ScoreQueries queries, CancellationToken ct) =>
                await DraftPracticeAsync(queries, key, ct) is { } practice
                    ? new VersionedResult(practice, practice.Version)
                    : ApiRequests.NotFound($"The draft has no practice '{key}' (or there is no draft)."))
            .Produces<PracticeResponse>().ProducesProblem(404).WithExample(null, PracticeExample)
            .WithSummary("A practice of the draft with its KPIs; the ETag header is its version (send it as If-Match to change it).");

        practices.MapPost("/", async (JsonBody<PracticeRequest> body, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                if ((await queries.VersionsAsync(ct)).FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft) is not { } draft)
                {
                    return ApiRequests.Conflict("There is no draft: published versions are read-only. Start a draft with POST /api/v1/score/versions/draft first.");
                }

                var form = new PracticeForm { ScoreVersionId = draft.Id };
                if (await ApplyAsync(body.Value!, form, queries, draft.Id, creating: true, ct) is { } invalid)
                {
                    return invalid;
                }

                var result = await editor.SavePracticeAsync(form, ct);
                return await ApiWrites.SavedAsync(result, f => DraftPracticeAsync(queries, f.Key, ct), r => r.Version, "practice", PracticeFields,
                    StatusCodes.Status201Created, r => $"{ApiExtensions.Prefix}/score/draft/practices/{Uri.EscapeDataString(r.Key)}");
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<PracticeRequest>("application/json").Produces<PracticeResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(PracticeRequestExample, PracticeExample)
            .WithSummary("Adds a practice with its KPIs to the draft, at the end of its stage. A key or name already used in the draft is 409; no draft is 409.");

        practices.MapPut("/{key}", (string key, JsonBody<PracticeRequest> body, HttpRequest http, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http,
                    async () => await DraftPracticeIdAsync(queries, key, ct) is { } found && await queries.PracticeAsync(found.PracticeId, ct) is { } form ? new DraftPracticeForm(found.VersionId, form) : null,
                    $"The draft has no practice '{key}' (published versions are read-only: start a draft to change a practice).",
                    async (request, draft, version) =>
                    {
                        var form = draft.Form;
                        form.Version = version;
                        if (await ApplyAsync(request with { Key = null }, form, queries, draft.VersionId, creating: false, ct) is { } invalid)
                        {
                            return invalid;
                        }

                        var result = await editor.SavePracticeAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => DraftPracticeAsync(queries, f.Key, ct), r => r.Version, "practice", PracticeFields);
                    }))
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<PracticeRequest>("application/json").Produces<PracticeResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new PracticeRequest(Purpose: "Changes reach production safely, on time and reversibly.", Version: 1), PracticeExample with { Purpose = "Changes reach production safely, on time and reversibly.", Version = 2 })
            .WithSummary("Changes a practice of the draft (omitted fields keep their value; 'kpis' replaces its KPIs, matched by key so measurements stay); send its version as If-Match.");

        practices.MapPost("/{key}/move", async (string key, JsonBody<MoveRequest> body, HttpRequest http, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                if (await DraftPracticeIdAsync(queries, key, ct) is not { } found || await queries.PracticeAsync(found.PracticeId, ct) is not { } practice)
                {
                    return ApiRequests.NotFound($"The draft has no practice '{key}'.");
                }

                var request = body.Value!;
                if (request.Direction is not { } direction)
                {
                    return ApiRequests.Invalid("direction", $"Direction is required: one of {string.Join(", ", Enum.GetNames<MoveDirection>())}.");
                }

                if (ApiRequests.ExpectedVersion(http, request.Version) is not { } version)
                {
                    return ApiRequests.PreconditionRequired();
                }

                if (version != practice.Version)
                {
                    return ApiWrites.Stale("practice", practice.Version);
                }

                var result = await editor.MoveAsync(found.PracticeId, direction, ct);
                return await ApiWrites.SavedAsync(result, f => DraftPracticeAsync(queries, f.Key, ct), r => r.Version, "practice", PracticeFields);
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<MoveRequest>("application/json").Produces<PracticeResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new MoveRequest(MoveDirection.Up, 1), PracticeExample with { Order = 2, Version = 2 })
            .WithSummary("Moves a practice of the draft to the neighbouring stage (Left, Right) or one place Up or Down within its stage; send its version as If-Match. Already first or last is 400.");

        practices.MapDelete("/{key}", async (string key, HttpRequest http, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            {
                if (await DraftPracticeIdAsync(queries, key, ct) is not { } found)
                {
                    return ApiRequests.NotFound($"The draft has no practice '{key}'.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DeletePracticeAsync(found.PracticeId, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Removes a practice from the draft with the role assignments over it (send its version as If-Match).");
    }

    private static readonly Func<string, string> PracticeFields = ApiWrites.Rename((nameof(PracticeForm.StageId), nameof(PracticeRequest.Stage)));

    private static async Task<IResult?> ApplyAsync(PracticeRequest request, PracticeForm form, ScoreQueries queries, int versionId, bool creating, CancellationToken ct)
    {
        if (creating)
        {
            form.Key = request.Key ?? "";
        }

        form.Name = request.Name ?? form.Name;
        form.Purpose = request.Purpose ?? form.Purpose;
        form.Policies = request.Policies ?? form.Policies;
        if (request.Stage is { } stageKey)
        {
            var board = await queries.BoardAsync(versionId, ct);
            var stage = board?.Stages.FirstOrDefault(s => string.Equals(s.Key, stageKey.Trim(), StringComparison.OrdinalIgnoreCase));
            if (stage is null)
            {
                return ApiRequests.Invalid("stage", $"'{stageKey}' is not a stage; use one of {string.Join(", ", board?.Stages.Select(s => s.Key) ?? [])}.");
            }

            form.StageId = stage.Id;
        }

        if (request.Kpis is { } kpis)
        {
            if (kpis.Any(k => k is null))
            {
                return ApiRequests.Invalid("kpis", "A KPI is null; send each KPI as an object: { \"name\": \"…\", \"metric\": \"ErrorRate\", \"unit\": \"%\", \"target\": 5 }.");
            }

            form.Kpis = kpis.Select(k => new KpiForm
            {
                Key = k.Key ?? "",
                Name = k.Name ?? "",
                Metric = k.Metric ?? KpiMetric.Custom,
                Unit = k.Unit ?? "",
                Target = k.Target is { } target ? target.ToString("R", CultureInfo.InvariantCulture) : "",
                Direction = k.Direction ?? TargetDirection.AtLeast,
                WarningBand = k.WarningBand ?? 0,
                Period = k.Period ?? MeasurementPeriod.Monthly,
            }).ToList();
        }

        return null;
    }

    private static async Task<IResult?> BoardAsync(ScoreQueries queries, Func<ScoreVersionRow, bool> which, CancellationToken ct)
    {
        var version = (await queries.VersionsAsync(ct)).Where(which).MaxBy(v => v.Number);
        if (version is null || await queries.BoardAsync(version.Id, ct) is not { } board)
        {
            return null;
        }

        return new VersionedResult(Board(board), board.Version.Version);
    }

    private static ScoreBoardResponse Board(ScoreBoard board) => new(
        ScoreVersionResponse.From(board.Version),
        board.Stages.Select(s => new StageResponse(s.Key, s.Name, s.Description, s.Practices.Select(p => Practice(p, s.Key)).ToList())).ToList());

    private static PracticeResponse Practice(PracticeCard p, string stage) =>
        new(p.Key, p.Name, stage, p.Order, p.Purpose, p.Policies, p.Kpis.Select(PracticeKpiResponse.From).ToList(), p.Owners, p.Version);

    private static async Task<(int VersionId, int PracticeId)?> DraftPracticeIdAsync(ScoreQueries queries, string key, CancellationToken ct)
    {
        var found = (await queries.PracticeVersionsAsync(key.Trim(), ct)).FirstOrDefault(v => v.Version.Status == ScoreVersionStatus.Draft);
        return found.Version is null ? null : (found.Version.Id, found.PracticeId);
    }

    private static async Task<PracticeResponse?> DraftPracticeAsync(ScoreQueries queries, string key, CancellationToken ct)
    {
        if (await DraftPracticeIdAsync(queries, key, ct) is not { } found || await queries.BoardAsync(found.VersionId, ct) is not { } board)
        {
            return null;
        }

        return board.Stages.SelectMany(s => s.Practices.Select(p => (Stage: s.Key, Card: p))).FirstOrDefault(x => x.Card.Id == found.PracticeId) is { Card: not null } hit
            ? Practice(hit.Card, hit.Stage)
            : null;
    }

    /// <summary>A practice of the draft being changed, with the draft's version id its rules are checked in.</summary>
    private sealed record DraftPracticeForm(int VersionId, PracticeForm Form);
}
