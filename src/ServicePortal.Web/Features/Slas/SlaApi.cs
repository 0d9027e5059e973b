using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Slas;

/// <summary>One measurement pushed by monitoring: the SLA target by key, the period as yyyy-MM (its first month), the value.</summary>
public sealed record MeasurementRequest(string? TargetKey, string? Period, double? Value, string? Note = null);

public sealed record MeasurementBatchRequest(IReadOnlyList<MeasurementRequest>? Measurements);

public sealed record MeasurementItemResponse(int Row, string? TargetKey, string? Period, string Change, double? PreviousValue, SlaResult? Result, IReadOnlyList<string> Errors);

public sealed record MeasurementBatchResponse(bool Saved, string Message, int Added, int Updated, int Unchanged, IReadOnlyList<MeasurementItemResponse> Items);

/// <summary>SLA measurements (batch, idempotent by target and period) and governance gaps (read-only); health is in <see cref="HealthApi"/>.</summary>
public static class SlaApi
{
    public static void MapSlaApi(this RouteGroupBuilder api)
    {
        api.MapPost("/slas/measurements", async (JsonBody<MeasurementBatchRequest> body, SlaTargetKeys keys, MeasurementRecorder recorder, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var requests = body.Value!.Measurements;
            if (requests is null || requests.Count == 0)
            {
                return ApiRequests.Invalid("Measurements", "Send at least one measurement: { \"measurements\": [{ \"targetKey\": \"…\", \"period\": \"yyyy-MM\", \"value\": 99.9 }] }.");
            }

            var ids = await keys.ResolveAsync(requests.Select(r => r.TargetKey ?? ""), ct);
            var early = new List<MeasurementItemResponse>();
            var entries = new List<MeasurementEntry>();
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                var errors = new List<string>();
                int id = 0;
                if (string.IsNullOrWhiteSpace(r.TargetKey))
                {
                    errors.Add("targetKey is required.");
                }
                else if (!ids.TryGetValue(r.TargetKey.Trim(), out id))
                {
                    errors.Add($"targetKey '{r.TargetKey}' is not an SLA target.");
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
                    early.Add(new MeasurementItemResponse(i + 1, r.TargetKey, r.Period, "Error", null, null, errors));
                }
                else
                {
                    entries.Add(new MeasurementEntry(id, period, r.Value!.Value, r.Note));
                }
            }

            if (early.Count > 0)
            {
                return Results.Json(
                    new MeasurementBatchResponse(false, $"Nothing was saved: {early.Count} of {requests.Count} measurements have errors.", 0, 0, 0, early),
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await recorder.RecordMeasurementsAsync(entries, ct);
            var items = result.Items.Select(item => new MeasurementItemResponse(
                item.Row, requests[item.Row - 1].TargetKey, requests[item.Row - 1].Period, item.Change.ToString(), item.PreviousValue, item.Result,
                item.Issues.Select(issue => $"{issue.Field}: {issue.Reason}").ToList())).ToList();
            var response = new MeasurementBatchResponse(result.Saved, result.Message, result.Added, result.Updated, result.Unchanged, items);
            return result.Saved
                ? Results.Ok(response)
                : Results.Json(response, statusCode: items.Any(i => i.Errors.Count > 0) ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
        }).RequireAuthorization(PortalPolicies.EditSuppliersAndSlas).WithTags("SLA measurements")
          .Accepts<MeasurementBatchRequest>("application/json").Produces<MeasurementBatchResponse>().Produces<MeasurementBatchResponse>(400)
          .WithSummary("Records a batch of measurements, all or nothing. Keyed by target and period: sending the same batch again changes nothing; a new value for a stored period corrects it.");

        api.MapGet("/governance/gaps", async (GovernanceSnapshotLoader loader, CancellationToken ct) =>
            Results.Ok(GovernanceRuleEngine.Evaluate(await loader.LoadAsync(ct)).Select(Governance.GovernanceGapResponse.From).ToList()))
            .WithTags("Governance").Produces<IReadOnlyList<Governance.GovernanceGapResponse>>()
            .WithSummary("The rules of the common score that the data breaks now, most severe first, each with the portal page that fixes it.");
    }
}
