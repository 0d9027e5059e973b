using System.Text;
using Microsoft.AspNetCore.Mvc;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Interop;

/// <summary>Export (JSON bundle, CSV lists, Backstage YAML) and import (CSV, JSON bundle, Backstage YAML: preview, then commit).</summary>
public static class InteropApi
{
    public static void MapInteropApi(this RouteGroupBuilder api)
    {
        var export = api.MapGroup("/").WithTags("Export");
        export.MapGet("/export", async (PortalExporter exporter, CancellationToken ct) =>
                Results.Text(await exporter.ExportJsonAsync(ct), "application/json", Encoding.UTF8))
            .WithSummary("The whole catalog, CMDB, operating model, governance, contracts, SLA targets and measurements as one JSON bundle (the seed-data shapes).")
            .Produces<object>(200, "application/json");

        export.MapGet("/export/backstage", async (BackstageExporter exporter, CancellationToken ct) =>
                Results.Text(await exporter.ExportYamlAsync(ct), "application/yaml", Encoding.UTF8))
            .WithSummary("The catalog as Backstage catalog-info YAML (one document per entity: Domain, System, Component, API, Resource, Group, User), which the Backstage import reads back unchanged.")
            .Produces<string>(200, "application/yaml");

        foreach (var entity in Enum.GetValues<CsvEntity>())
        {
            var path = "/" + InteropRoutes.CsvFileName(entity);
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
    

        var import = api.MapGroup("/import").WithTags("Import").WithMetadata(new ApiBodyLimit(ApiBodyLimit.ImportBytes));
        foreach (var (path, format, policy, contentType) in Formats.Where(f => f.Format != ImportFormat.Backstage))
        {
            import.MapPost($"/{path}/preview", (HttpContext context, CatalogImport importer, CancellationToken ct) =>
                    PreviewAsync(context, importer, format, path, contentType, ImportSync.None, ct))
                .RequireAuthorization(policy).Accepts<string>(contentType, AlsoAccepted(contentType)).Produces<ImportPreview>().ProducesProblem(413).ProducesProblem(415)
                .WithSummary($"What importing this {path} input would do: per entity add / update / unchanged or its errors. Nothing is stored.");

            import.MapPost($"/{path}", (HttpContext context, CatalogImport importer, CancellationToken ct) =>
                    CommitAsync(context, importer, format, path, contentType, ImportSync.None, ct))
                .RequireAuthorization(policy).Accepts<string>(contentType, AlsoAccepted(contentType)).Produces<ImportResult>().Produces<ImportResult>(400).ProducesProblem(413).ProducesProblem(415)
                .WithSummary($"Imports {path} input all or nothing: any error stores nothing (400 with the preview). Importing the same input again changes nothing.");
        }

        // Backstage names its source: what that source imported earlier and no longer holds is removed, except what `keep` names.
        const string backstage = "backstage", yaml = "application/yaml";
        import.MapPost($"/{backstage}/preview", (HttpContext context, CatalogImport importer, [FromQuery] string? source, [FromQuery] string[]? keep, CancellationToken ct) =>
                PreviewAsync(context, importer, ImportFormat.Backstage, backstage, yaml, new ImportSync(source, keep), ct))
            .RequireAuthorization(PortalPolicies.EditCatalog).Accepts<string>(yaml, AlsoAccepted(yaml)).Produces<ImportPreview>().ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415)
            .WithSummary("What importing this Backstage catalog would do: per entity add / update / unchanged or its errors and, with `source`, what that source imported earlier and no longer holds (change Remove, Retire, or Keep when named in `keep`). Nothing is stored.");
        import.MapPost($"/{backstage}", (HttpContext context, CatalogImport importer, [FromQuery] string? source, [FromQuery] string[]? keep, CancellationToken ct) =>
                CommitAsync(context, importer, ImportFormat.Backstage, backstage, yaml, new ImportSync(source, keep), ct))
            .RequireAuthorization(PortalPolicies.EditCatalog).Accepts<string>(yaml, AlsoAccepted(yaml)).Produces<ImportResult>().Produces<ImportResult>(400).ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Imports a Backstage catalog all or nothing. With `source` (where the catalog comes from), entities and relationships that source imported earlier and no longer holds are removed (an entity the portal keeps something about is retired), except the keys repeated in `keep` (as the preview lists them); without it, the import only adds and updates. Importing the same input again changes nothing.");
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, CatalogImport importer, ImportFormat format, string path, string contentType, ImportSync sync, CancellationToken ct)
    {
        if (ImportSync.SourceProblem(sync.Source) is { } sourceProblem)
        {
            return ApiRequests.Invalid("source", sourceProblem);
        }

        var (bytes, problem) = await ReadAsync(context, contentType);
        return problem ?? Results.Ok(await importer.PreviewAsync(format, [new ImportFile(path, bytes!)], sync, ct));
    }

    private static async Task<IResult> CommitAsync(HttpContext context, CatalogImport importer, ImportFormat format, string path, string contentType, ImportSync sync, CancellationToken ct)
    {
        if (ImportSync.SourceProblem(sync.Source) is { } sourceProblem)
        {
            return ApiRequests.Invalid("source", sourceProblem);
        }

        var (bytes, problem) = await ReadAsync(context, contentType);
        if (problem is not null)
        {
            return problem;
        }

        var result = await importer.CommitAsync(format, [new ImportFile(path, bytes!)], sync, ct);
        return result.Committed ? Results.Ok(result) : Results.Json(result, statusCode: StatusCodes.Status400BadRequest);
    }

    private static readonly (string Path, ImportFormat Format, string Policy, string ContentType)[] Formats =
    [
        ("services", ImportFormat.ServicesCsv, PortalPolicies.EditCatalog, "text/csv"),
        ("configuration-items", ImportFormat.ConfigurationItemsCsv, PortalPolicies.EditCatalog, "text/csv"),
        ("suppliers", ImportFormat.SuppliersCsv, PortalPolicies.EditSupplierRegistry, "text/csv"),
        ("domains", ImportFormat.DomainsCsv, PortalPolicies.EditCatalog, "text/csv"),
        ("bundle", ImportFormat.Bundle, PortalPolicies.EditCatalog, "application/json"),
        ("backstage", ImportFormat.Backstage, PortalPolicies.EditCatalog, "application/yaml"),
    ];

    /// <summary>Backstage catalogs come as YAML or as the JSON that Backstage's catalog API returns.</summary>
    private static string[] AlsoAccepted(string contentType) => contentType == "application/yaml" ? ["application/json"] : [];

    /// <summary>
    /// The raw body. Only the format's own media type is accepted: form posts and text/plain, which another site could
    /// send with a visitor's cookie without a CORS preflight, are refused with 415.
    /// </summary>
    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadAsync(HttpContext context, string contentType)
    {
        var sent = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        // Backstage also as the JSON its catalog API returns.
        var accepted = contentType == "application/yaml" ? ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json"] : new[] { contentType, contentType == "text/csv" ? "application/csv" : contentType };
        if (sent is null || !accepted.Contains(sent))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the file as the request body with Content-Type: {contentType}."));
        }

        return await ApiRequests.ReadBodyAsync(context, ApiBodyLimit.ImportBytes);
    }
}
