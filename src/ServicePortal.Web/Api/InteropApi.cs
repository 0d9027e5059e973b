using System.Text;
using ServicePortal.Core.Interop;

namespace ServicePortal.Web.Api;

/// <summary>Export (JSON bundle, CSV lists) and import (CSV, JSON bundle, Backstage YAML: preview, then commit).</summary>
public static class InteropApi
{
    public static void MapInteropApi(this RouteGroupBuilder api)
    {
        var export = api.MapGroup("/").WithTags("Export");
        export.MapGet("/export", async (PortalExporter exporter, CancellationToken ct) =>
                Results.Text(await exporter.ExportJsonAsync(ct), "application/json", Encoding.UTF8))
            .WithSummary("The whole catalog, CMDB, operating model, governance, contracts, SLA targets and measurements as one JSON bundle (the seed-data shapes).")
            .Produces<object>(200, "application/json");

        foreach (var (path, entity) in new[]
                 {
                     ("/services.csv", CsvEntity.Services), ("/configuration-items.csv", CsvEntity.ConfigurationItems),
                     ("/suppliers.csv", CsvEntity.Suppliers), ("/domains.csv", CsvEntity.Domains),
                 })
        {
            export.MapGet(path, async (HttpContext context, CatalogCsv csv, string? search, CancellationToken ct) =>
            {
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{path.TrimStart('/')}\"";
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
                await csv.WriteAsync(entity, writer, search, ct);
                await writer.FlushAsync(ct);
            }).WithSummary($"The {entity} list as CSV (the columns that the CSV import reads back); optional search on key or name.")
              .Produces<string>(200, "text/csv");
        }
    }
}
