using System.Text;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Slas;

/// <summary>
/// HTTP endpoints of the SLA feature: the CSV template (any signed-in user) and the measurement import for
/// monitoring tools and scripts (edit suppliers and SLAs only). The import takes the file as the raw request body
/// with <c>Content-Type: text/csv</c>; a cookie-authenticated call must also come from the portal's origin
/// (<see cref="ServicePortal.Web.Api.CrossSiteWriteFilter"/>).
/// </summary>
public static class SlaEndpoints
{
    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/slas").ExcludeFromDescription().AddEndpointFilter<ServicePortal.Web.Api.CrossSiteWriteFilter>();

        group.MapGet("/measurements/template.csv", async (string? supplier, string? period, SupplierSlaQueries queries, SlaResultsService results, CancellationToken cancellationToken) =>
        {
            var current = SlaPeriods.StartOf(results.Today, MeasurementPeriod.Monthly);
            var month = SlaPeriods.TryParseMonth(period, out var parsed) ? parsed : current.AddMonths(-1);
            var supplierId = supplier is null ? null : (await queries.SupplierAsync(supplier, cancellationToken))?.Id;
            if (supplier is not null && supplierId is null)
            {
                return Results.NotFound($"No supplier has the key '{supplier}'.");
            }

            var targets = await queries.TargetsAsync(supplierId, cancellationToken: cancellationToken);
            var csv = MeasurementCsvTemplate.Build(targets.Select(t => (t.Key, SlaPeriods.StartOf(month, t.Period))));
            var name = $"measurements-{supplier ?? "all"}-{SlaPeriods.Format(month, MeasurementPeriod.Monthly)}.csv";
            return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
        }).RequireAuthorization();

        group.MapPost("/measurements/import", async (HttpRequest request, bool? commit, MeasurementCsvImport import, CancellationToken cancellationToken) =>
        {
            if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem("Send the file as the request body with Content-Type: text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            if (request.ContentLength > MeasurementCsvImport.MaxFileBytes)
            {
                return Results.Problem(
                    $"The file is larger than {MeasurementCsvImport.MaxFileBytes / (1024 * 1024)} MB; split it into smaller files.",
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            if (commit == true)
            {
                var result = await import.CommitAsync(request.Body, cancellationToken);
                return result.Committed ? Results.Ok(Summary(result.Preview, result.Message)) : Results.UnprocessableEntity(Summary(result.Preview, result.Message));
            }

            var preview = await import.PreviewAsync(request.Body, cancellationToken);
            return Results.Ok(Summary(preview, preview.FileError ?? (preview.CanCommit ? "The file can be imported." : $"{preview.ErrorCount} row(s) have errors.")));
        }).RequireAuthorization(PortalPolicies.EditSuppliersAndSlas);

        return endpoints;
    }

    private static object Summary(MeasurementImportPreview preview, string message) => new
    {
        message,
        preview.FileError,
        preview.CanCommit,
        added = preview.AddCount,
        updated = preview.UpdateCount,
        unchanged = preview.UnchangedCount,
        errors = preview.Errors.Select(e => new { e.Row, e.Column, e.Reason }),
    };
}
