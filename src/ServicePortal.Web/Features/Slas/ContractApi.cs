using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Slas;

/// <summary>A service a contract covers or a target measures.</summary>
public sealed record ServiceReference(string Key, string Name);

/// <summary>A supplier contract as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record ContractResponse(
    string Reference, string Title, string Supplier, string SupplierName, DateOnly StartDate, DateOnly EndDate, int NoticePeriodDays, decimal AnnualValue,
    string Currency, ContractStatus Status, IReadOnlyList<ServiceReference> Services, int SlaTargets, int Version)
{
    public static ContractResponse From(ContractRow c) => new(
        c.Reference, c.Title, c.SupplierKey, c.SupplierName, c.StartDate, c.EndDate, c.NoticePeriodDays, c.AnnualValue, c.Currency, c.Status,
        c.Services.Select(s => new ServiceReference(s.Key, s.Name)).ToList(), c.SlaTargets, c.Version);
}

/// <summary>
/// A contract to create or change: the supplier and the covered services by key. On create the form's defaults apply
/// (90 days' notice, EUR, Active); on update an omitted field keeps its value. <see cref="Version"/> may replace If-Match.
/// </summary>
public sealed record ContractRequest(
    string? Reference = null, string? Title = null, string? Supplier = null, DateOnly? StartDate = null, DateOnly? EndDate = null, int? NoticePeriodDays = null,
    decimal? AnnualValue = null, string? Currency = null, ContractStatus? Status = null, IReadOnlyList<string>? Services = null, int Version = 0) : IVersionedRequest;

/// <summary>An SLA target as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record SlaTargetResponse(
    string Key, string Name, string Contract, string Supplier, ServiceReference Service, SlaMetric Metric, string Unit, double Target, TargetDirection Direction,
    MeasurementPeriod Period, double WarningBand, double ServiceCreditPercent, string Promise, int Measurements, int Version);

/// <summary>An SLA target to create or change: the contract by reference, the service by key. On update an omitted field keeps its value.</summary>
public sealed record SlaTargetRequest(
    string? Key = null, string? Name = null, string? Contract = null, string? Service = null, SlaMetric? Metric = null, string? Unit = null, double? Target = null,
    TargetDirection? Direction = null, MeasurementPeriod? Period = null, double? WarningBand = null, double? ServiceCreditPercent = null, int Version = 0) : IVersionedRequest;

/// <summary>
/// Supplier contracts (with the services they cover) and their SLA targets: list, read (version as ETag), create,
/// update (If-Match; a stale version is 409 with the current values) and delete (If-Match; refused with the blockers
/// while targets measure under a contract or a target has measurements). Writes need
/// <see cref="PortalPolicies.EditSuppliersAndSlas"/>; the Core editors validate, check concurrency and audit.
/// </summary>
public static class ContractApi
{
    private static readonly Func<string, string> ContractFields = ApiWrites.Rename(
        (nameof(ContractForm.SupplierId), nameof(ContractRequest.Supplier)), (nameof(ContractForm.ServiceIds), nameof(ContractRequest.Services)));

    private static readonly Func<string, string> TargetFields = ApiWrites.Rename(
        (nameof(SlaTargetForm.ContractId), nameof(SlaTargetRequest.Contract)), (nameof(SlaTargetForm.ServiceId), nameof(SlaTargetRequest.Service)));

    private static readonly ContractRequest ContractExample = new(
        "CT-2026-ACME-01", "Managed hosting", "SUP-NORTHBRIDGE", new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), 90, 120000m, "EUR", ContractStatus.Active,
        ["SVC-PAYMENT-GATEWAY-NB"]);

    private static readonly ContractResponse ContractResponseExample = new(
        "CT-2026-ACME-01", "Managed hosting", "SUP-NORTHBRIDGE", "Northbridge Payments", new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), 90, 120000m, "EUR",
        ContractStatus.Active, [new ServiceReference("SVC-PAYMENT-GATEWAY-NB", "Payment gateway (Northbridge)")], 0, 1);

    private static readonly SlaTargetRequest TargetExample = new(
        "NBP-AVAIL-2", "Gateway availability (weekends)", "CT-2024-NBP-01", "SVC-PAYMENT-GATEWAY-NB", SlaMetric.Availability, null, 99.9, TargetDirection.AtLeast,
        MeasurementPeriod.Monthly, 0.05, 5);

    private static readonly SlaTargetResponse TargetResponseExample = new(
        "NBP-AVAIL-2", "Gateway availability (weekends)", "CT-2024-NBP-01", "SUP-NORTHBRIDGE", new ServiceReference("SVC-PAYMENT-GATEWAY-NB", "Payment gateway (Northbridge)"),
        SlaMetric.Availability, "%", 99.9, TargetDirection.AtLeast, MeasurementPeriod.Monthly, 0.05, 5, "≥ 99.9 %", 0, 1);

    public static void MapContractApi(this RouteGroupBuilder api)
    {
        MapContracts(api.MapGroup("/contracts").WithTags("Contracts"));
        MapTargets(api.MapGroup("/slas/targets").WithTags("SLA targets"));
    }

    private static void MapContracts(RouteGroupBuilder contracts)
    {
        contracts.MapGet("/", async (string? supplier, SupplierSlaQueries queries, CancellationToken ct) =>
            {
                int? supplierId = null;
                if (!string.IsNullOrWhiteSpace(supplier))
                {
                    if (await queries.SupplierAsync(supplier.Trim(), ct) is not { } found)
                    {
                        return ApiRequests.Invalid("supplier", $"There is no supplier with key '{supplier}'.");
                    }

                    supplierId = found.Id;
                }

                return Results.Ok((await queries.ContractsAsync(supplierId, ct)).Select(ContractResponse.From).ToList());
            })
            .Produces<List<ContractResponse>>().ProducesValidationProblem()
            .WithExample(null, new[] { ContractResponseExample })
            .WithSummary("Contracts, of one supplier (supplier key) or of all, ending soonest first, with the services they cover.");

        contracts.MapGet("/{reference}", async (string reference, SupplierSlaQueries queries, CancellationToken ct) =>
                await FindContractAsync(queries, reference, ct) is { } row
                    ? new VersionedResult(ContractResponse.From(row), row.Version)
                    : ApiRequests.NotFound($"There is no contract with reference '{reference}'."))
            .Produces<ContractResponse>().ProducesProblem(404)
            .WithExample(null, ContractResponseExample)
            .WithSummary("One contract by reference; the ETag header is its version.");

        contracts.MapPost("/", async (JsonBody<ContractRequest> body, SupplierSlaQueries queries, ContractEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var request = body.Value!;
                var form = new ContractForm();
                if (await ApplyAsync(request, form, queries, ct) is { } invalid)
                {
                    return invalid;
                }

                var result = await editor.SaveAsync(form, ct);
                return await ApiWrites.SavedAsync(result, f => ContractResponseAsync(queries, f.Id, ct), r => r.Version, "contract", ContractFields,
                    StatusCodes.Status201Created, r => $"{ApiExtensions.Prefix}/contracts/{Uri.EscapeDataString(r.Reference)}");
            })
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Accepts<ContractRequest>("application/json").Produces<ContractResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(ContractExample, ContractResponseExample)
            .WithSummary("Creates a contract of a supplier covering services (by key). A reference already used is 409; an end date before the start is 400 naming endDate.");

        contracts.MapPut("/{reference}", (string reference, JsonBody<ContractRequest> body, HttpRequest http, SupplierSlaQueries queries, ContractEditor editor, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http,
                    async () => await FindContractAsync(queries, reference, ct) is { } row ? await queries.ContractFormAsync(row.Id, ct) : null,
                    $"There is no contract with reference '{reference}'.",
                    async (request, form, version) =>
                    {
                        form.Version = version;
                        if (await ApplyAsync(request, form, queries, ct) is { } invalid)
                        {
                            return invalid;
                        }

                        var result = await editor.SaveAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => ContractResponseAsync(queries, f.Id, ct), r => r.Version, "contract", ContractFields);
                    }))
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Accepts<ContractRequest>("application/json").Produces<ContractResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(ContractExample with { Title = "Managed hosting and backup", Version = 1 }, ContractResponseExample with { Title = "Managed hosting and backup", Version = 2 })
            .WithSummary("Changes a contract (omitted fields keep their value; 'services' replaces the covered services); send its version as If-Match. A stale version is 409 with the current values.");

        contracts.MapDelete("/{reference}", async (string reference, HttpRequest http, SupplierSlaQueries queries, ContractEditor editor, CancellationToken ct) =>
            {
                if (await FindContractAsync(queries, reference, ct) is not { } row)
                {
                    return ApiRequests.NotFound($"There is no contract with reference '{reference}'.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DeleteAsync(row.Id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Deletes a contract without SLA targets (send its version as If-Match); while targets measure under it, 409 names them (set its status to Terminated instead).");
    }

    private static void MapTargets(RouteGroupBuilder targets)
    {
        targets.MapGet("/", async (string? supplier, string? contract, SupplierSlaQueries queries, CancellationToken ct) =>
            {
                int? supplierId = null, contractId = null;
                if (!string.IsNullOrWhiteSpace(supplier))
                {
                    if (await queries.SupplierAsync(supplier.Trim(), ct) is not { } found)
                    {
                        return ApiRequests.Invalid("supplier", $"There is no supplier with key '{supplier}'.");
                    }

                    supplierId = found.Id;
                }

                if (!string.IsNullOrWhiteSpace(contract))
                {
                    if (await FindContractAsync(queries, contract, ct) is not { } found)
                    {
                        return ApiRequests.Invalid("contract", $"There is no contract with reference '{contract}'.");
                    }

                    contractId = found.Id;
                }

                var rows = await queries.TargetsAsync(supplierId, contractId, ct);
                var lookup = await LookupAsync(queries, ct);
                return Results.Ok(rows.Select(r => Target(r, lookup)).ToList());
            })
            .Produces<List<SlaTargetResponse>>().ProducesValidationProblem()
            .WithExample(null, new[] { TargetResponseExample })
            .WithSummary("SLA targets, of one supplier (supplier key) or contract (reference) or all, by key.");

        targets.MapGet("/{key}", async (string key, SupplierSlaQueries queries, CancellationToken ct) =>
                await TargetResponseAsync(queries, key, ct) is { } target
                    ? new VersionedResult(target, target.Version)
                    : ApiRequests.NotFound($"There is no SLA target with key '{key}'."))
            .Produces<SlaTargetResponse>().ProducesProblem(404)
            .WithExample(null, TargetResponseExample)
            .WithSummary("One SLA target by key; the ETag header is its version.");

        targets.MapPost("/", async (JsonBody<SlaTargetRequest> body, SupplierSlaQueries queries, CatalogQueries catalog, SlaTargetEditor editor, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var form = new SlaTargetForm();
                if (await ApplyAsync(body.Value!, form, queries, catalog, creating: true, ct) is { } invalid)
                {
                    return invalid;
                }

                var result = await editor.SaveAsync(form, ct);
                return await ApiWrites.SavedAsync(result, f => TargetResponseAsync(queries, f.Key, ct), r => r.Version, "SLA target", TargetFields,
                    StatusCodes.Status201Created, r => $"{ApiExtensions.Prefix}/slas/targets/{Uri.EscapeDataString(r.Key)}");
            })
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Accepts<SlaTargetRequest>("application/json").Produces<SlaTargetResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(TargetExample, TargetResponseExample)
            .WithSummary("Creates an SLA target under a contract for a service the contract covers. A used key is 409; a service the contract does not cover is 400 naming service.");

        targets.MapPut("/{key}", (string key, JsonBody<SlaTargetRequest> body, HttpRequest http, SupplierSlaQueries queries, CatalogQueries catalog, SlaTargetEditor editor, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http,
                    async () => await queries.TargetAsync(key, ct) is { } row ? await queries.TargetFormAsync(row.Id, ct) : null,
                    $"There is no SLA target with key '{key}'.",
                    async (request, form, version) =>
                    {
                        form.Version = version;
                        if (await ApplyAsync(request with { Key = null }, form, queries, catalog, creating: false, ct) is { } invalid)
                        {
                            return invalid;
                        }

                        var result = await editor.SaveAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => TargetResponseAsync(queries, f.Key, ct), r => r.Version, "SLA target", TargetFields);
                    }))
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Accepts<SlaTargetRequest>("application/json").Produces<SlaTargetResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new SlaTargetRequest(Target: 99.95, Version: 1), TargetResponseExample with { Target = 99.95, Promise = "≥ 99.95 %", Version = 2 })
            .WithSummary("Changes an SLA target (omitted fields keep their value; the key stays); send its version as If-Match. The period cannot change once measurements exist.");

        targets.MapDelete("/{key}", async (string key, HttpRequest http, SupplierSlaQueries queries, SlaTargetEditor editor, CancellationToken ct) =>
            {
                if (await queries.TargetAsync(key, ct) is not { } row)
                {
                    return ApiRequests.NotFound($"There is no SLA target with key '{key}'.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => editor.DeleteAsync(row.Id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditSuppliersAndSlas)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Deletes an SLA target without measurements (send its version as If-Match); one with recorded measurements is 409, so no history is lost.");
    }

    /// <summary>Copies the given fields onto the form; unknown keys are 400 naming the field, before the editor runs.</summary>
    private static async Task<IResult?> ApplyAsync(ContractRequest request, ContractForm form, SupplierSlaQueries queries, CancellationToken ct)
    {
        var errors = new ServicePortal.Core.ValidationErrors();
        if (request.Reference is not null && form.Id is null)
        {
            form.Reference = request.Reference;
        }

        form.Title = request.Title ?? form.Title;
        if (request.Supplier is not null)
        {
            var supplier = await queries.SupplierAsync(request.Supplier.Trim(), ct);
            if (supplier is null)
            {
                errors.Add("supplier", $"There is no supplier with key '{request.Supplier}'.");
            }

            form.SupplierId = supplier?.Id;
        }

        form.StartDate = request.StartDate ?? form.StartDate;
        form.EndDate = request.EndDate ?? form.EndDate;
        form.NoticePeriodDays = request.NoticePeriodDays ?? form.NoticePeriodDays;
        form.AnnualValue = request.AnnualValue ?? form.AnnualValue;
        form.Currency = request.Currency ?? form.Currency;
        form.Status = request.Status ?? form.Status;
        if (request.Services is { } services)
        {
            var known = (await queries.ServicesAsync(ct)).ToDictionary(s => s.Key, s => s.Id, StringComparer.Ordinal);
            var missing = services.Where(k => k is null || !known.ContainsKey(k.Trim())).ToList();
            if (missing.Count > 0)
            {
                errors.Add("services", $"There is no service with key {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
            }

            form.ServiceIds = services.Where(k => k is not null && known.ContainsKey(k.Trim())).Select(k => known[k.Trim()]).Distinct().ToList();
        }

        return errors.Any ? ApiRequests.Invalid(errors.ToDictionary()) : null;
    }

    private static async Task<IResult?> ApplyAsync(SlaTargetRequest request, SlaTargetForm form, SupplierSlaQueries queries, CatalogQueries catalog, bool creating, CancellationToken ct)
    {
        var errors = new ServicePortal.Core.ValidationErrors();
        if (creating)
        {
            form.Key = request.Key ?? "";
        }

        form.Name = request.Name ?? form.Name;
        if (request.Contract is not null)
        {
            var contract = await FindContractAsync(queries, request.Contract, ct);
            if (contract is null)
            {
                errors.Add("contract", $"There is no contract with reference '{request.Contract}'.");
            }

            form.ContractId = contract?.Id;
        }
        else if (creating)
        {
            form.ContractId = null;
        }

        if (request.Service is not null)
        {
            var node = await catalog.FindNodeAsync(request.Service.Trim(), ct);
            if (node is null || node.NodeType != NodeType.Service)
            {
                errors.Add("service", $"There is no service with key '{request.Service}'.");
            }

            form.ServiceId = node?.NodeType == NodeType.Service ? node.Id : null;
        }
        else if (creating)
        {
            form.ServiceId = null;
        }

        form.Metric = request.Metric ?? form.Metric;
        form.Unit = request.Unit ?? form.Unit;
        form.Target = request.Target ?? form.Target;
        form.Direction = request.Direction ?? (request.Metric is { } metric && SlaTargetEditor.DirectionOf(metric) is { } direction ? direction : form.Direction);
        form.Period = request.Period ?? form.Period;
        form.WarningBand = request.WarningBand ?? form.WarningBand;
        form.ServiceCreditPercent = request.ServiceCreditPercent ?? form.ServiceCreditPercent;
        return errors.Any ? ApiRequests.Invalid(errors.ToDictionary()) : null;
    }

    /// <summary>The contract with this reference: spelled exactly, else in another case when only one matches so.</summary>
    private static async Task<ContractRow?> FindContractAsync(SupplierSlaQueries queries, string reference, CancellationToken ct)
    {
        var rows = await queries.ContractsAsync(cancellationToken: ct);
        var wanted = reference.Trim();
        return rows.FirstOrDefault(c => c.Reference == wanted)
            ?? (rows.Where(c => string.Equals(c.Reference, wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }

    private static async Task<ContractResponse?> ContractResponseAsync(SupplierSlaQueries queries, int? id, CancellationToken ct) =>
        (await queries.ContractsAsync(cancellationToken: ct)).FirstOrDefault(c => c.Id == id) is { } row ? ContractResponse.From(row) : null;

    private static async Task<SlaTargetResponse?> TargetResponseAsync(SupplierSlaQueries queries, string key, CancellationToken ct) =>
        await queries.TargetAsync(key, ct) is { } row ? Target(row, await LookupAsync(queries, ct)) : null;

    private sealed record Lookup(IReadOnlyDictionary<int, string> SupplierKeys, IReadOnlyDictionary<int, string> ServiceKeys);

    private static async Task<Lookup> LookupAsync(SupplierSlaQueries queries, CancellationToken ct) => new(
        (await queries.SuppliersAsync(ct)).ToDictionary(s => s.Id, s => s.Key),
        (await queries.ServicesAsync(ct)).ToDictionary(s => s.Id, s => s.Key));

    private static SlaTargetResponse Target(SlaTargetRow t, Lookup lookup) => new(
        t.Key, t.Name, t.ContractReference, lookup.SupplierKeys.GetValueOrDefault(t.SupplierId, ""), new ServiceReference(lookup.ServiceKeys.GetValueOrDefault(t.ServiceId, ""), t.ServiceName),
        t.Metric, t.Unit, t.Target, t.Direction, t.Period, t.WarningBand, t.ServiceCreditPercent, t.Promise, t.Measurements, t.Version);
}
