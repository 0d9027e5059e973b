using Microsoft.AspNetCore.Mvc;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Catalog;

/// <summary>
/// Services, configuration items, suppliers and domains: paged lists with search and field filters, get by key (with
/// the version as ETag), create, update (If-Match or a body version; a stale one is 409) and retire. Catalog writes
/// need <see cref="PortalPolicies.EditCatalog"/>, supplier writes <see cref="PortalPolicies.EditSupplierRegistry"/>.
/// </summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", async (CatalogQueries queries, int? skip, int? take, string? search, string? lifecycle, string? kind, string? sourcing, int? tier, string? domain, string? sort, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var lifecycleValue = ApiRequests.Enum<Lifecycle>(lifecycle, "lifecycle", errors);
            var kindValue = ApiRequests.Enum<ServiceKind>(kind, "kind", errors);
            var sourcingValue = ApiRequests.Enum<Sourcing>(sourcing, "sourcing", errors);
            var order = CatalogSorts.Services.Parse(sort, out var sortError);
            if (sortError is not null)
            {
                errors.Add("sort", sortError);
            }

            if (errors.Any)
            {
                return ApiRequests.Invalid(errors.ToDictionary());
            }

            var page = await queries.ServicesAsync(new ListRequest<ServiceRow>(skip ?? 0, take ?? 50, search, q =>
            {
                if (lifecycleValue is { } l) q = q.Where(r => r.Lifecycle == l);
                if (kindValue is { } k) q = q.Where(r => r.Kind == k);
                if (sourcingValue is { } s) q = q.Where(r => r.Sourcing == s);
                if (tier is { } t) q = q.Where(r => r.Tier == t);
                if (!string.IsNullOrWhiteSpace(domain)) q = q.Where(r => r.Domain == domain);
                return order!(q);
            }), ct);
            return Results.Ok(page);
        }).WithSummary("Services, paged (skip/take, at most 500), searched by key or name, filtered by lifecycle, kind, sourcing, tier, domain name, "
                       + $"sorted by sort={string.Join("|", CatalogSorts.Services.Names)} (a leading '-' for descending, commas between fields; default name).")
          .Produces<Page<ServiceRow>>();
        MapNode<ServiceForm>(services, NodeType.Service, PortalPolicies.EditCatalog, ApiExtensions.Prefix + "/services");

        var items = api.MapGroup("/configuration-items").WithTags("Configuration items");
        items.MapGet("/", async (CatalogQueries queries, int? skip, int? take, string? search, string? lifecycle, string? ciType, string? status, string? domain, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var lifecycleValue = ApiRequests.Enum<Lifecycle>(lifecycle, "lifecycle", errors);
            var typeValue = ApiRequests.Enum<CiType>(ciType, "ciType", errors);
            var statusValue = ApiRequests.Enum<OperationalStatus>(status, "status", errors);
            if (errors.Any)
            {
                return ApiRequests.Invalid(errors.ToDictionary());
            }

            var page = await queries.ConfigurationItemsAsync(new ListRequest<ConfigurationItemRow>(skip ?? 0, take ?? 50, search, q =>
            {
                if (lifecycleValue is { } l) q = q.Where(r => r.Lifecycle == l);
                if (typeValue is { } c) q = q.Where(r => r.CiType == c);
                if (statusValue is { } s) q = q.Where(r => r.Status == s);
                if (!string.IsNullOrWhiteSpace(domain)) q = q.Where(r => r.Domain == domain);
                return q;
            }), ct);
            return Results.Ok(page);
        }).WithSummary("Configuration items, paged, searched by key or name, filtered by lifecycle, ciType, status, domain name.")
          .Produces<Page<ConfigurationItemRow>>();
        MapNode<ConfigurationItemForm>(items, NodeType.ConfigurationItem, PortalPolicies.EditCatalog, ApiExtensions.Prefix + "/configuration-items");

        var suppliers = api.MapGroup("/suppliers").WithTags("Suppliers");
        suppliers.MapGet("/", async (CatalogQueries queries, int? skip, int? take, string? search, string? lifecycle, string? category, string? riskRating, bool? @internal, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var lifecycleValue = ApiRequests.Enum<Lifecycle>(lifecycle, "lifecycle", errors);
            var categoryValue = ApiRequests.Enum<SupplierCategory>(category, "category", errors);
            var riskValue = ApiRequests.Enum<RiskRating>(riskRating, "riskRating", errors);
            if (errors.Any)
            {
                return ApiRequests.Invalid(errors.ToDictionary());
            }

            var page = await queries.SuppliersAsync(new ListRequest<SupplierRow>(skip ?? 0, take ?? 50, search, q =>
            {
                if (lifecycleValue is { } l) q = q.Where(r => r.Lifecycle == l);
                if (categoryValue is { } c) q = q.Where(r => r.Category == c);
                if (riskValue is { } r0) q = q.Where(r => r.RiskRating == r0);
                if (@internal is { } i) q = q.Where(r => r.IsInternal == i);
                return q;
            }), ct);
            return Results.Ok(page);
        }).WithSummary("Suppliers, paged, searched by key or name, filtered by lifecycle, category, riskRating, internal.")
          .Produces<Page<SupplierRow>>();
        MapNode<SupplierForm>(suppliers, NodeType.Supplier, PortalPolicies.EditSupplierRegistry, ApiExtensions.Prefix + "/suppliers");

        MapDomains(api.MapGroup("/domains").WithTags("Domains"));
    }

    private static void MapNode<TForm>(RouteGroupBuilder group, NodeType type, string writePolicy, string basePath)
        where TForm : NodeForm
    {
        var name = type.Describe();

        group.MapGet("/{key}", async (string key, NodeDetailsQuery details, CancellationToken ct) =>
        {
            return await details.GetFormAsync(key, ct) is TForm form
                ? new VersionedResult(form, form.Version)
                : ApiRequests.NotFound($"There is no {name} with key '{key}'.");
        }).WithSummary($"One {name} by key; the ETag header is its version.").Produces<TForm>().ProducesProblem(404);

        group.MapPost("/", async (JsonBody<TForm> body, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var form = body.Value!;
            form.Id = null;
            form.Version = 0;
            var result = await editor.SaveAsync(form, ct);
            if (!result.Succeeded)
            {
                return ApiRequests.Failure(result);
            }

            return new VersionedResult(result.Value!, result.Value!.Version, StatusCodes.Status201Created, $"{basePath}/{Uri.EscapeDataString(result.Value!.Key)}");
        }).RequireAuthorization(writePolicy)
          .Accepts<TForm>("application/json").Produces<TForm>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary($"Creates a {name}. A key used by any node is 409.");

        group.MapPut("/{key}", async (string key, JsonBody<TForm> body, HttpRequest request, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var node = await queries.FindNodeAsync(key, ct);
            if (node is null || node.NodeType != type)
            {
                return ApiRequests.NotFound($"There is no {name} with key '{key}'.");
            }

            var form = body.Value!;
            if (ApiRequests.ExpectedVersion(request, form.Version) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            form.Id = node.Id;
            form.Key = node.Key;
            form.Version = version;
            var result = await editor.SaveAsync(form, ct);
            return Outcome(result, name);
        }).RequireAuthorization(writePolicy)
          .Accepts<TForm>("application/json").Produces<TForm>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary($"Updates a {name}; send its version as If-Match (or 'version' in the body). A stale version is 409 with the current values.");

        group.MapPost("/{key}/retire", async (string key, HttpRequest request, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            var node = await queries.FindNodeAsync(key, ct);
            if (node is null || node.NodeType != type)
            {
                return ApiRequests.NotFound($"There is no {name} with key '{key}'.");
            }

            if (ApiRequests.ExpectedVersion(request, 0) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            return Outcome(await editor.RetireAsync(node.Id, version, ct), name);
        }).RequireAuthorization(writePolicy)
          .Produces<TForm>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary($"Retires a {name} (it keeps its relationships and history); send its version as If-Match.");
    }

    private static IResult Outcome(SaveResult<NodeForm> result, string name) =>
        result.Succeeded
            ? new VersionedResult(result.Value!, result.Value!.Version)
            : ApiRequests.Failure(result, result.Conflict ? $"Someone else changed this {name} since you read it (it is now version {result.Value!.Version}); merge and send again with that version." : null);

    private static void MapDomains(RouteGroupBuilder domains)
    {
        domains.MapGet("/", async (CatalogQueries queries, int? skip, int? take, string? search, CancellationToken ct) =>
            Results.Ok(await queries.DomainsAsync(new ListRequest<DomainRow>(skip ?? 0, take ?? 50, search), ct)))
            .WithSummary("Domains, paged, searched by key or name.").Produces<Page<DomainRow>>();

        domains.MapGet("/{key}", async (string key, CatalogQueries queries, CancellationToken ct) =>
            await FindDomainAsync(queries, key, ct) is { } form
                ? new VersionedResult(form, form.Version)
                : ApiRequests.NotFound($"There is no domain with key '{key}'."))
            .WithSummary("One domain by key; the ETag header is its version.").Produces<DomainForm>().ProducesProblem(404);

        domains.MapPost("/", async (JsonBody<DomainForm> body, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var form = body.Value!;
            form.Id = null;
            form.Version = 0;
            var result = await editor.SaveDomainAsync(form, ct);
            if (!result.Succeeded)
            {
                return ApiRequests.Failure(result);
            }

            return new VersionedResult(result.Value!, result.Value!.Version, StatusCodes.Status201Created);
        }).RequireAuthorization(PortalPolicies.EditCatalog)
          .Accepts<DomainForm>("application/json").Produces<DomainForm>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary("Creates a domain. A used key is 409.");

        domains.MapPut("/{key}", async (string key, JsonBody<DomainForm> body, HttpRequest request, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            if (await FindDomainAsync(queries, key, ct) is not { } existing)
            {
                return ApiRequests.NotFound($"There is no domain with key '{key}'.");
            }

            var form = body.Value!;
            if (ApiRequests.ExpectedVersion(request, form.Version) is not { } version)
            {
                return ApiRequests.PreconditionRequired();
            }

            form.Id = existing.Id;
            form.Key = existing.Key;
            form.Version = version;
            var result = await editor.SaveDomainAsync(form, ct);
            return result.Succeeded
                ? new VersionedResult(result.Value!, result.Value!.Version)
                : ApiRequests.Failure(result, result.Conflict ? $"Someone else changed this domain since you read it (it is now version {result.Value!.Version})." : null);
        }).RequireAuthorization(PortalPolicies.EditCatalog)
          .Accepts<DomainForm>("application/json").Produces<DomainForm>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Updates a domain; send its version as If-Match (or 'version' in the body).");

        domains.MapDelete("/{key}", async (string key, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            if (await FindDomainAsync(queries, key, ct) is not { } existing)
            {
                return ApiRequests.NotFound($"There is no domain with key '{key}'.");
            }

            var result = await editor.DeleteDomainAsync(existing.Id!.Value, ct);
            return result.Deleted
                ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Message,
                    extensions: new Dictionary<string, object?> { ["blockers"] = result.Blockers });
        }).RequireAuthorization(PortalPolicies.EditCatalog).Produces(204).ProducesProblem(404).ProducesProblem(409)
          .WithSummary("Deletes an empty domain (domains have no lifecycle, so this is how one is retired); one with members is 409 naming them.");
    }

    private static async Task<DomainForm?> FindDomainAsync(CatalogQueries queries, string key, CancellationToken ct)
    {
        var page = await queries.DomainsAsync(new ListRequest<DomainRow>(0, 1, null, q => q.Where(d => d.Key == key)), ct);
        return page.Items.Count == 0 ? null : await queries.DomainAsync(page.Items[0].Id, ct);
    }
}

