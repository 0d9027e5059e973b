using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>A practice KPI with its status at the as-of month, as the API returns it.</summary>
public sealed record KpiStatusResponse(
    string Key, string Name, string PracticeKey, string PracticeName, string Stage, KpiMetric Metric, string Unit, double Target, TargetDirection Direction,
    double WarningBand, MeasurementPeriod Period, string TargetText, string CurrentPeriod, double? Value, TargetOutcome Status, string? LastMeasuredPeriod,
    double? LastValue, KpiTrend Trend, int MissedRunning, IReadOnlyList<string> AccountableOwners, IReadOnlyList<KpiPeriodResult>? History = null);

public sealed record KpiStatusListResponse(string AsOf, IReadOnlyList<KpiStatusResponse> Kpis);

/// <summary>A KPI definition of the draft; <see cref="Version"/> is also the ETag.</summary>
public sealed record KpiDefinitionResponse(
    string Key, string Name, string PracticeKey, string PracticeName, int ScoreVersion, ScoreVersionStatus ScoreVersionStatus, KpiMetric Metric, string Unit,
    double Target, TargetDirection Direction, double WarningBand, MeasurementPeriod Period, string TargetText, int Version)
{
    public static KpiDefinitionResponse From(KpiDefinition d) => new(
        d.Kpi.Key, d.Kpi.Name, d.PracticeKey, d.PracticeName, d.ScoreVersionNumber, d.ScoreVersionStatus, d.Kpi.Metric, d.Kpi.Unit, d.Kpi.TargetValue,
        d.Kpi.Direction, d.Kpi.WarningBand, d.Kpi.Period, d.Kpi.Target, d.Version);
}

/// <summary>A change to a KPI of the draft. Omitted fields keep their value; <see cref="Version"/> may replace If-Match.</summary>
public sealed record KpiDefinitionRequest(
    string? Name, KpiMetric? Metric, string? Unit, double? Target, TargetDirection? Direction, double? WarningBand, MeasurementPeriod? Period, int Version = 0) : IVersionedRequest;

/// <summary>One KPI value: the KPI by key, the period as yyyy-MM (its first month), the value.</summary>
public sealed record KpiMeasurementRequest(string? KpiKey, string? Period, double? Value, string? Note = null);

public sealed record KpiMeasurementBatchRequest(IReadOnlyList<KpiMeasurementRequest>? Measurements);

public sealed record KpiMeasurementItemResponse(
    int Row, string? KpiKey, string? Period, MeasurementChange Change, double? PreviousValue, TargetOutcome? Status, IReadOnlyList<string> Errors);

public sealed record KpiMeasurementBatchResponse(bool Saved, string Message, int Added, int Updated, int Unchanged, IReadOnlyList<KpiMeasurementItemResponse> Items);

public sealed record KpiImportResponse(
    string Message, string? FileError, bool CanCommit, bool Committed, int Added, int Updated, int Unchanged, IReadOnlyList<KpiImportRow> Rows);

/// <summary>
/// Practice KPIs of the common score: their status (everyone reads), the draft's definitions (EditScore changes them;
/// publishing fixes them), measurements (EditScore; batch, idempotent by KPI and period) with CSV import (preview,
/// then commit, all or nothing), and value-stream health per stage.
/// </summary>
public static class KpiApi
{
    public static void MapKpiApi(this RouteGroupBuilder api)
    {
        var kpis = api.MapGroup("/score").WithTags("Practice KPIs");

        kpis.MapGet("/kpis", async (string? asOf, ValueStreamHealthService health, CancellationToken ct) =>
            {
                if (ParseMonth(asOf) is { Problem: { } problem })
                {
                    return problem;
                }

                var report = await health.GetAsync(ParseMonth(asOf).Month, cancellationToken: ct);
                return Results.Ok(new KpiStatusListResponse(Month(report.AsOf), report.Practices.SelectMany(p => p.Kpis.Select(k => Status(k, p, report, history: false))).ToList()));
            })
            .Produces<KpiStatusListResponse>().ProducesValidationProblem()
            .WithSummary("Every KPI of the current score version with its status (Met, AtRisk, Missed, NoData) for the as-of month (yyyy-MM; default: the latest measured), trend and accountable owners.");

        kpis.MapGet("/kpis/{key}", async (string key, string? asOf, ValueStreamHealthService health, CancellationToken ct) =>
            {
                if (ParseMonth(asOf) is { Problem: { } problem })
                {
                    return problem;
                }

                var report = await health.GetAsync(ParseMonth(asOf).Month, cancellationToken: ct);
                var practice = report.Practices.FirstOrDefault(p => p.Kpis.Any(k => string.Equals(k.Kpi.Key, key, StringComparison.OrdinalIgnoreCase)));
                return practice is null
                    ? ApiRequests.NotFound($"The current score version has no KPI '{key}'.")
                    : Results.Ok(Status(practice.Kpis.First(k => string.Equals(k.Kpi.Key, key, StringComparison.OrdinalIgnoreCase)), practice, report, history: true));
            })
            .Produces<KpiStatusResponse>().ProducesProblem(404).ProducesValidationProblem()
            .WithSummary("One KPI with its status and its last 12 periods (value and status each).");

        kpis.MapGet("/value-stream", async (string? asOf, ValueStreamHealthService health, CancellationToken ct) =>
            {
                if (ParseMonth(asOf) is { Problem: { } problem })
                {
                    return problem;
                }

                return Results.Ok(await health.GetAsync(ParseMonth(asOf).Month, cancellationToken: ct));
            })
            .Produces<ValueStreamHealth>().ProducesValidationProblem()
            .WithSummary("Value-stream health: per stage (Demand, Plan, Build, Run) the roll-up of its practices' KPIs, the worst KPIs, and every missed KPI with its accountable owner.");

        kpis.MapGet("/draft/kpis/{key}", async (string key, ScoreQueries queries, CancellationToken ct) =>
                await queries.KpiAsync(key, draft: true, ct) is { } definition
                    ? new VersionedResult(KpiDefinitionResponse.From(definition), definition.Version)
                    : ApiRequests.NotFound($"The draft has no KPI '{key}' (or there is no draft: start one on the score board)."))
            .Produces<KpiDefinitionResponse>().ProducesProblem(404)
            .WithSummary("A KPI definition of the draft, with its version as the ETag (send it as If-Match to change it).");

        kpis.MapPut("/draft/kpis/{key}", (string key, JsonBody<KpiDefinitionRequest> body, HttpRequest request, ScoreQueries queries, ScoreEditor editor, CancellationToken ct) =>
            ApiWrites.UpdateAsync(
                body, request, () => queries.KpiAsync(key, draft: true, ct),
                async () => await queries.KpiAsync(key, draft: false, ct) is null
                    ? ApiRequests.NotFound($"There is no KPI '{key}'.")
                    : ApiRequests.Conflict($"KPI '{key}' belongs to a published score version, which is read-only; start a draft to change its target."),
                async (change, current, version) =>
            {
                var kpi = current.Kpi;
                var form = new KpiForm
                {
                    Key = kpi.Key,
                    Name = change.Name ?? kpi.Name,
                    Metric = change.Metric ?? kpi.Metric,
                    Unit = change.Unit ?? kpi.Unit,
                    Target = (change.Target ?? kpi.TargetValue).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    Direction = change.Direction ?? kpi.Direction,
                    WarningBand = change.WarningBand ?? kpi.WarningBand,
                    Period = change.Period ?? kpi.Period,
                };
                var result = await editor.SaveDraftKpiAsync(kpi.Key, form, version, ct);
                if (result.Conflict)
                {
                    return ApiRequests.Conflict($"Someone else changed this KPI since you read it (it is now version {result.Value!.Version}).", KpiDefinitionResponse.From(result.Value));
                }

                return result.Succeeded
                    ? new VersionedResult(KpiDefinitionResponse.From(result.Value!), result.Value!.Version)
                    : ApiRequests.Invalid(result.Errors.ToDictionary(e => e.Key.Length == 0 ? "kpi" : e.Key, e => e.Value.Select(m => m.Replace("KPI 1: ", "", StringComparison.Ordinal)).ToArray()));
            }))
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<KpiDefinitionRequest>("application/json").Produces<KpiDefinitionResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Changes a KPI of the draft (target, direction, band, unit, metric, period, name); send its version as If-Match. Published versions are read-only (409).");

        kpis.MapPost("/kpis/measurements", RecordAsync)
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<KpiMeasurementBatchRequest>("application/json").Produces<KpiMeasurementBatchResponse>().Produces<KpiMeasurementBatchResponse>(400).ProducesProblem(409)
            .WithSummary("Records KPI measurements, all or nothing. Keyed by KPI and period: sending the same batch again changes nothing; a new value for a stored period corrects it.");

        var import = kpis.MapGroup("/kpis/measurements/import").WithMetadata(new ApiBodyLimit(ApiBodyLimit.ImportBytes)).RequireAuthorization(PortalPolicies.EditScore);
        import.MapPost("/preview", async (HttpContext context, KpiMeasurementCsvImport importer, CancellationToken ct) =>
            {
                var (bytes, problem) = await ReadCsvAsync(context);
                if (problem is not null)
                {
                    return problem;
                }

                var preview = await importer.PreviewAsync(new MemoryStream(bytes!), ct);
                var message = preview.FileError ?? (preview.CanCommit ? "The file can be imported." : $"{preview.ErrorCount} row(s) have errors.");
                return Results.Ok(Import(preview, message, committed: false));
            })
            .Accepts<string>("text/csv").Produces<KpiImportResponse>().ProducesProblem(413).ProducesProblem(415)
            .WithSummary($"What importing this CSV ({KpiMeasurementCsvImport.Header}) would do, row by row: add / update / unchanged with the status, or the errors. Nothing is stored.");
        import.MapPost("/", async (HttpContext context, KpiMeasurementCsvImport importer, CancellationToken ct) =>
            {
                var (bytes, problem) = await ReadCsvAsync(context);
                if (problem is not null)
                {
                    return problem;
                }

                var result = await importer.CommitAsync(new MemoryStream(bytes!), ct);
                var response = Import(result.Preview, result.Message, result.Committed);
                return result.Committed ? Results.Ok(response) : Results.Json(response, statusCode: StatusCodes.Status400BadRequest);
            })
            .Accepts<string>("text/csv").Produces<KpiImportResponse>().Produces<KpiImportResponse>(400).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Imports KPI measurements from CSV all or nothing: any error stores nothing (400 with the rows). Importing the same file again changes nothing.");
    }

    private static async Task<IResult> RecordAsync(JsonBody<KpiMeasurementBatchRequest> body, KpiMeasurementRecorder recorder, CancellationToken ct)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var requests = body.Value!.Measurements;
        if (requests is null || requests.Count == 0)
        {
            return ApiRequests.Invalid("Measurements", "Send at least one measurement: { \"measurements\": [{ \"kpiKey\": \"…\", \"period\": \"yyyy-MM\", \"value\": 12.5 }] }.");
        }

        var early = new List<KpiMeasurementItemResponse>();
        var entries = new List<KpiMeasurementEntry>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(r.KpiKey))
            {
                errors.Add("kpiKey is required.");
            }

            if (!SlaPeriods.TryParseMonth(r.Period, out var period))
            {
                errors.Add($"period '{r.Period}' is not a month written yyyy-MM.");
            }

            if (r.Value is null)
            {
                errors.Add("value is required.");
            }

            if (errors.Count > 0)
            {
                early.Add(new KpiMeasurementItemResponse(i + 1, r.KpiKey, r.Period, MeasurementChange.Error, null, null, errors));
            }
            else
            {
                entries.Add(new KpiMeasurementEntry(r.KpiKey!.Trim(), period, r.Value!.Value, r.Note));
            }
        }

        if (early.Count > 0)
        {
            return Results.Json(
                new KpiMeasurementBatchResponse(false, $"Nothing was saved: {early.Count} of {requests.Count} measurements have errors.", 0, 0, 0, early),
                statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await recorder.RecordAsync(entries, ct);
        var items = result.Items.Select(item => new KpiMeasurementItemResponse(
            item.Row, requests[item.Row - 1].KpiKey, requests[item.Row - 1].Period, item.Change, item.PreviousValue, item.Outcome,
            item.Issues.Select(issue => $"{(issue.Field == MeasurementField.Target ? "kpiKey" : issue.Field.ToString().ToLowerInvariant())}: {issue.Reason}").ToList())).ToList();
        var response = new KpiMeasurementBatchResponse(result.Saved, result.Message, result.Added, result.Updated, result.Unchanged, items);
        return result.Saved
            ? Results.Ok(response)
            : items.Any(i => i.Errors.Count > 0)
                ? Results.Json(response, statusCode: StatusCodes.Status400BadRequest)
                : ApiRequests.Conflict(result.Message);
    }

    private static KpiStatusResponse Status(KpiHealth k, PracticeHealth practice, ValueStreamHealth report, bool history) => new(
        k.Kpi.Key, k.Kpi.Name, practice.Key, practice.Name, report.Stages.FirstOrDefault(s => s.Key == practice.StageKey)?.Name ?? practice.StageKey,
        k.Kpi.Metric, k.Kpi.Unit, k.Kpi.TargetValue, k.Kpi.Direction, k.Kpi.WarningBand, k.Kpi.Period, k.Kpi.Target, k.Current.Period, k.Current.Value, k.Status,
        k.LastMeasured?.Period, k.LastMeasured?.Value, k.Trend, k.MissedRunning, practice.AccountableOwners, history ? k.History : null);

    private static KpiImportResponse Import(KpiImportPreview preview, string message, bool committed) => new(
        message, preview.FileError, preview.CanCommit, committed, preview.AddCount, preview.UpdateCount, preview.UnchangedCount, preview.Rows);

    private static (DateOnly? Month, IResult? Problem) ParseMonth(string? asOf) =>
        string.IsNullOrEmpty(asOf) ? (null, null)
        : SlaPeriods.TryParseMonth(asOf, out var month) ? (month, null)
        : (null, ApiRequests.Invalid("asOf", "asOf is a month written yyyy-MM."));

    private static string Month(DateOnly month) => SlaPeriods.Format(month, MeasurementPeriod.Monthly);

    /// <summary>The CSV body; only text/csv (or application/csv) is accepted, so a cross-site form cannot post it (415).</summary>
    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadCsvAsync(HttpContext context)
    {
        var sent = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (sent is not ("text/csv" or "application/csv"))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the file as the request body with Content-Type: text/csv."));
        }

        return await ApiRequests.ReadBodyAsync(context, ApiBodyLimit.ImportBytes);
    }
}
