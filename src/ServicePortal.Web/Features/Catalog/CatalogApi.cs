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
        MapNode<ServiceForm, ServiceRequest, ServiceResponse>(services, NodeType.Service, PortalPolicies.EditCatalog, ApiExtensions.Prefix + "/services", ServiceResponse.From);

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
        MapNode<ConfigurationItemForm, ConfigurationItemRequest, ConfigurationItemResponse>(items, NodeType.ConfigurationItem, PortalPolicies.EditCatalog, ApiExtensions.Prefix + "/configuration-items", ConfigurationItemResponse.From);

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
        MapNode<SupplierForm, SupplierRequest, SupplierResponse>(suppliers, NodeType.Supplier, PortalPolicies.EditSupplierRegistry, ApiExtensions.Prefix + "/suppliers", SupplierResponse.From);

        MapDomains(api.MapGroup("/domains").WithTags("Domains"));
    }

    /// <summary>Core field names onto the bodies': the domain is sent by key.</summary>
    private static readonly Func<string, string> NodeFields = ApiWrites.Rename((nameof(NodeForm.DomainId), nameof(ServiceRequest.Domain)));

    private static void MapNode<TForm, TRequest, TResponse>(RouteGroupBuilder group, NodeType type, string writePolicy, string basePath, Func<TForm, DomainRow?, TResponse> response)
        where TForm : NodeForm
        where TRequest : class, INodeRequest<TForm>
        where TResponse : class, INodeResponse
    {
        var name = type.Describe();
        async Task<TResponse?> RespondAsync(CatalogQueries queries, NodeForm form, CancellationToken ct) =>
            form is TForm typed ? response(typed, await DomainAsync(queries, form.DomainId, ct)) : null;

        group.MapGet("/{key}", async (string key, NodeDetailsQuery details, CatalogQueries queries, CancellationToken ct) =>
        {
            return await details.GetFormAsync(key, ct) is TForm form
                ? new VersionedResult((await RespondAsync(queries, form, ct))!, form.Version)
                : ApiRequests.NotFound($"There is no {name} with key '{key}'.");
        }).WithSummary($"One {name} by key; the ETag header is its version.").Produces<TResponse>().ProducesProblem(404);

        group.MapPost("/", async (JsonBody<TRequest> body, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var request = body.Value!;
            var form = (TForm)NodeForm.Blank(type);
            form.Key = request.Key ?? "";
            if (await ApplyAsync(request, form, queries, ct) is { } invalid)
            {
                return invalid;
            }

            var result = await editor.SaveAsync(form, ct);
            return await ApiWrites.SavedAsync(result, f => RespondAsync(queries, f, ct), r => r.Version, name, NodeFields,
                StatusCodes.Status201Created, r => $"{basePath}/{Uri.EscapeDataString(r.Key)}");
        }).RequireAuthorization(writePolicy)
          .Accepts<TRequest>("application/json").Produces<TResponse>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary($"Creates a {name} (the domain by key; an omitted field takes the dialog's default). A key used by any node is 409.");

        group.MapPut("/{key}", (string key, JsonBody<TRequest> body, HttpRequest http, NodeDetailsQuery details, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
            ApiWrites.UpdateAsync(
                body, http, async () => await details.GetFormAsync(key, ct) as TForm, $"There is no {name} with key '{key}'.",
                async (request, form, version) =>
                {
                    form.Version = version;
                    if (await ApplyAsync(request, form, queries, ct) is { } invalid)
                    {
                        return invalid;
                    }

                    var result = await editor.SaveAsync(form, ct);
                    return await ApiWrites.SavedAsync(result, f => RespondAsync(queries, f, ct), r => r.Version, name, NodeFields);
                })).RequireAuthorization(writePolicy)
          .Accepts<TRequest>("application/json").Produces<TResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary($"Updates a {name} (the key stays; an omitted field keeps its value; \"domain\": \"\" clears the domain); send its version as If-Match (or 'version' in the body). A stale version is 409 with the current values.");

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

            var result = await editor.RetireAsync(node.Id, version, ct);
            return await ApiWrites.SavedAsync(result, f => RespondAsync(queries, f, ct), r => r.Version, name, NodeFields);
        }).RequireAuthorization(writePolicy)
          .Produces<TResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary($"Retires a {name} (it keeps its relationships and history); send its version as If-Match.");
    }

    /// <summary>The request's fields onto the form; an unknown domain key is 400 naming "domain".</summary>
    private static async Task<IResult?> ApplyAsync<TForm>(INodeRequest<TForm> request, TForm form, CatalogQueries queries, CancellationToken ct)
        where TForm : NodeForm
    {
        request.ApplyTo(form);
        if (request.Domain is not { } domainKey)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(domainKey))
        {
            form.DomainId = null;
            return null;
        }

        if (await FindDomainRowAsync(queries, domainKey.Trim(), ct) is not { } domain)
        {
            return ApiRequests.Invalid("domain", $"There is no domain with key '{domainKey}'.");
        }

        form.DomainId = domain.Id;
        return null;
    }

    private static async Task<DomainRow?> DomainAsync(CatalogQueries queries, int? id, CancellationToken ct) =>
        id is { } domainId ? (await queries.DomainsAsync(new ListRequest<DomainRow>(0, 1, null, q => q.Where(d => d.Id == domainId)), ct)).Items.FirstOrDefault() : null;

    private static async Task<DomainRow?> FindDomainRowAsync(CatalogQueries queries, string key, CancellationToken ct) =>
        (await queries.DomainsAsync(new ListRequest<DomainRow>(0, 1, null, q => q.Where(d => d.Key == key)), ct)).Items.FirstOrDefault();

    private static void MapDomains(RouteGroupBuilder domains)
    {
        domains.MapGet("/", async (CatalogQueries queries, int? skip, int? take, string? search, CancellationToken ct) =>
            Results.Ok(await queries.DomainsAsync(new ListRequest<DomainRow>(skip ?? 0, take ?? 50, search), ct)))
            .WithSummary("Domains, paged, searched by key or name.").Produces<Page<DomainRow>>();

        domains.MapGet("/{key}", async (string key, CatalogQueries queries, CancellationToken ct) =>
            await FindDomainAsync(queries, key, ct) is { } form
                ? new VersionedResult(DomainResponse.From(form), form.Version)
                : ApiRequests.NotFound($"There is no domain with key '{key}'."))
            .WithSummary("One domain by key; the ETag header is its version.").Produces<DomainResponse>().ProducesProblem(404);

        domains.MapPost("/", async (JsonBody<DomainRequest> body, CatalogEditor editor, CancellationToken ct) =>
        {
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var request = body.Value!;
            var form = new DomainForm { Key = request.Key ?? "" };
            request.ApplyTo(form);
            var result = await editor.SaveDomainAsync(form, ct);
            return await ApiWrites.SavedAsync(result, f => Task.FromResult<DomainResponse?>(DomainResponse.From(f)), r => r.Version, "domain",
                status: StatusCodes.Status201Created, location: r => $"{ApiExtensions.Prefix}/domains/{Uri.EscapeDataString(r.Key)}");
        }).RequireAuthorization(PortalPolicies.EditCatalog)
          .Accepts<DomainRequest>("application/json").Produces<DomainResponse>(201).ProducesValidationProblem().ProducesProblem(409)
          .WithSummary("Creates a domain. A used key or name is 409.");

        domains.MapPut("/{key}", (string key, JsonBody<DomainRequest> body, HttpRequest http, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
            ApiWrites.UpdateAsync(
                body, http, () => FindDomainAsync(queries, key, ct), $"There is no domain with key '{key}'.",
                async (request, form, version) =>
                {
                    form.Version = version;
                    request.ApplyTo(form);
                    var result = await editor.SaveDomainAsync(form, ct);
                    return await ApiWrites.SavedAsync(result, f => Task.FromResult<DomainResponse?>(DomainResponse.From(f)), r => r.Version, "domain");
                })).RequireAuthorization(PortalPolicies.EditCatalog)
          .Accepts<DomainRequest>("application/json").Produces<DomainResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Updates a domain (the key stays; an omitted field keeps its value); send its version as If-Match (or 'version' in the body).");

        domains.MapDelete("/{key}", async (string key, HttpRequest http, CatalogQueries queries, CatalogEditor editor, CancellationToken ct) =>
        {
            if (await FindDomainAsync(queries, key, ct) is not { } existing)
            {
                return ApiRequests.NotFound($"There is no domain with key '{key}'.");
            }

            return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DeleteDomainAsync(existing.Id!.Value, version, ct));
        }).RequireAuthorization(PortalPolicies.EditCatalog).Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .WithSummary("Deletes an empty domain (domains have no lifecycle, so this is how one is retired); send its version as If-Match. One with members is 409 naming them.");
    }

    private static async Task<DomainForm?> FindDomainAsync(CatalogQueries queries, string key, CancellationToken ct)
    {
        var page = await queries.DomainsAsync(new ListRequest<DomainRow>(0, 1, null, q => q.Where(d => d.Key == key)), ct);
        return page.Items.Count == 0 ? null : await queries.DomainAsync(page.Items[0].Id, ct);
    }
}

