using ServicePortal.Core;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Governance;

/// <summary>A governance role; <see cref="Version"/> is also the ETag.</summary>
public sealed record RoleResponse(string Key, string Name, string? Description, int Assignments, int Version);

/// <summary>A role to create or change. On update the key stays and an omitted field keeps its value.</summary>
public sealed record RoleRequest(string? Key = null, string? Name = null, string? Description = null, int Version = 0) : IVersionedRequest;

/// <summary>A person of the directory; <see cref="Supplier"/> is the supplier key of a supplier's contact. <see cref="Version"/> is also the ETag.</summary>
public sealed record PersonResponse(
    int Id, string Name, string Email, string? JobTitle, string? Organisation, string? Supplier, string? SupplierName, DateOnly? LeftOn, int Assignments, int Version);

/// <summary>A person to create or change; on update an omitted field keeps its value. Send <c>"supplier": ""</c> to make a contact internal staff.</summary>
public sealed record PersonRequest(
    string? Name = null, string? Email = null, string? JobTitle = null, string? Organisation = null, string? Supplier = null, DateOnly? LeftOn = null, int Version = 0) : IVersionedRequest;

/// <summary>A role assignment: who holds which role over what (scope type and key; "enterprise" for the enterprise), with which RACI letter.</summary>
public sealed record AssignmentResponse(
    int Id, int PersonId, string PersonName, bool PersonHasLeft, string Role, string RoleName, ScopeType ScopeType, string Scope, string ScopeName, Raci Raci, bool IsReadOnly);

/// <summary>
/// An assignment to add: the person by id or e-mail, the role by key, the scope by type and key (none for the
/// enterprise; a practice of the draft), the RACI letter.
/// </summary>
public sealed record AssignmentRequest(
    int? PersonId = null, string? PersonEmail = null, string? Role = null, ScopeType? ScopeType = null, string? Scope = null, Raci? Raci = null);

/// <summary>
/// The governance directory over the API: the role catalogue, people and role assignments, with the same rules as the
/// governance pages (unique keys, names and e-mails; nobody who has left takes a role; roles fit their scopes; no delete
/// of a role or person still holding assignments; assignments over published practices are read-only). Writes need
/// <see cref="PortalPolicies.EditScore"/>.
/// </summary>
public static class GovernanceApi
{
    private static readonly RoleResponse RoleExample = new("RELEASE-MANAGER", "Release manager", "Decides when a change goes live.", 0, 1);

    private static readonly PersonResponse PersonExample = new(42, "Noor Bakker", "noor.bakker@kestrel-retail.example", "Release manager", "Kestrel Retail — Digital Engineering", null, null, null, 0, 1);

    private static readonly AssignmentResponse AssignmentExample = new(
        17, 42, "Noor Bakker", false, "SERVICE-OWNER", "Service owner", ScopeType.Service, "SVC-ORDER-DELIVERY", "Order delivery", Raci.Accountable, false);

    private static readonly Func<string, string> PersonFields = ApiWrites.Rename((nameof(PersonForm.SupplierId), nameof(PersonRequest.Supplier)));

    private static readonly Func<string, string> AssignmentFields = ApiWrites.Rename(
        (nameof(AssignmentForm.PersonId), nameof(AssignmentRequest.PersonId)), (nameof(AssignmentForm.RoleId), nameof(AssignmentRequest.Role)),
        (nameof(AssignmentForm.ScopeId), nameof(AssignmentRequest.Scope)));

    public static void MapGovernanceApi(this RouteGroupBuilder api)
    {
        MapRoles(api.MapGroup("/governance/roles").WithTags("Governance roles"));
        MapPeople(api.MapGroup("/governance/people").WithTags("People"));
        MapAssignments(api.MapGroup("/governance/assignments").WithTags("Role assignments"));
    }

    private static void MapRoles(RouteGroupBuilder roles)
    {
        roles.MapGet("/", async (string? search, GovernanceDirectory directory, CancellationToken ct) =>
                Results.Ok((await directory.RolesAsync(search, ct)).Select(Role).ToList()))
            .Produces<List<RoleResponse>>().WithExample(null, new[] { RoleExample })
            .WithSummary("The role catalogue by name, searched by key, name or description, with how many assignments each has.");

        roles.MapGet("/{key}", async (string key, GovernanceDirectory directory, CancellationToken ct) =>
                await FindRoleAsync(directory, key, ct) is { } role
                    ? new VersionedResult(Role(role), role.Version)
                    : ApiRequests.NotFound($"There is no governance role with key '{key}'."))
            .Produces<RoleResponse>().ProducesProblem(404).WithExample(null, RoleExample)
            .WithSummary("One governance role by key; the ETag header is its version.");

        roles.MapPost("/", async (JsonBody<RoleRequest> body, GovernanceDirectory directory, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var request = body.Value!;
                var form = new RoleForm { Key = request.Key ?? "", Name = request.Name ?? "", Description = request.Description };
                var result = await directory.SaveRoleAsync(form, ct);
                return await ApiWrites.SavedAsync(result, f => RoleResponseAsync(directory, f.Key, ct), r => r.Version, "role",
                    status: StatusCodes.Status201Created, location: r => $"{ApiExtensions.Prefix}/governance/roles/{Uri.EscapeDataString(r.Key)}");
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<RoleRequest>("application/json").Produces<RoleResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(new RoleRequest("RELEASE-MANAGER", "Release manager", "Decides when a change goes live."), RoleExample)
            .WithSummary("Adds a governance role. A key or name already used is 409.");

        roles.MapPut("/{key}", (string key, JsonBody<RoleRequest> body, HttpRequest http, GovernanceDirectory directory, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http,
                    async () => await FindRoleAsync(directory, key, ct) is { } row ? await directory.RoleAsync(row.Id, ct) : null,
                    $"There is no governance role with key '{key}'.",
                    async (request, form, version) =>
                    {
                        form.Version = version;
                        form.Name = request.Name ?? form.Name;
                        form.Description = request.Description ?? form.Description;
                        var result = await directory.SaveRoleAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => RoleResponseAsync(directory, f.Key, ct), r => r.Version, "role");
                    }))
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<RoleRequest>("application/json").Produces<RoleResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new RoleRequest(Description: "Decides when a change goes live and when it is rolled back.", Version: 1), RoleExample with { Version = 2 })
            .WithSummary("Changes a role's name or description (the key stays); send its version as If-Match. A stale version is 409 with the current values.");

        roles.MapDelete("/{key}", async (string key, HttpRequest http, GovernanceDirectory directory, CancellationToken ct) =>
            {
                if (await FindRoleAsync(directory, key, ct) is not { } row)
                {
                    return ApiRequests.NotFound($"There is no governance role with key '{key}'.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => directory.DeleteRoleAsync(row.Id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Deletes a role nobody holds (send its version as If-Match); while it is held, 409 names the assignments.");
    }

    private static void MapPeople(RouteGroupBuilder people)
    {
        people.MapGet("/", async (string? search, GovernanceDirectory directory, SupplierSlaQueries suppliers, CancellationToken ct) =>
            {
                var keys = await SupplierKeysAsync(suppliers, ct);
                return Results.Ok((await directory.PeopleAsync(search, ct)).Select(p => Person(p, keys)).ToList());
            })
            .Produces<List<PersonResponse>>().WithExample(null, new[] { PersonExample })
            .WithSummary("People by name, searched by name, e-mail, organisation, job title or supplier; those who have left have 'leftOn' set.");

        people.MapGet("/{id:int}", async (int id, GovernanceDirectory directory, SupplierSlaQueries suppliers, CancellationToken ct) =>
                await PersonResponseAsync(directory, suppliers, id, ct) is { } person
                    ? new VersionedResult(person, person.Version)
                    : ApiRequests.NotFound($"There is no person with id {id}."))
            .Produces<PersonResponse>().ProducesProblem(404).WithExample(null, PersonExample)
            .WithSummary("One person by id; the ETag header is its version.");

        people.MapPost("/", async (JsonBody<PersonRequest> body, GovernanceDirectory directory, SupplierSlaQueries suppliers, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var form = new PersonForm();
                if (await ApplyAsync(body.Value!, form, suppliers, ct) is { } invalid)
                {
                    return invalid;
                }

                var result = await directory.SavePersonAsync(form, ct);
                return await ApiWrites.SavedAsync(result, f => PersonResponseAsync(directory, suppliers, f.Id, ct), r => r.Version, "person", PersonFields,
                    StatusCodes.Status201Created, r => $"{ApiExtensions.Prefix}/governance/people/{r.Id}");
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<PersonRequest>("application/json").Produces<PersonResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(new PersonRequest("Noor Bakker", "noor.bakker@kestrel-retail.example", "Release manager", "Kestrel Retail — Digital Engineering"), PersonExample)
            .WithSummary("Adds a person (a supplier's contact when 'supplier' names a supplier key). An e-mail already used is 409.");

        people.MapPut("/{id:int}", (int id, JsonBody<PersonRequest> body, HttpRequest http, GovernanceDirectory directory, SupplierSlaQueries suppliers, CancellationToken ct) =>
                ApiWrites.UpdateAsync(
                    body, http, () => directory.PersonAsync(id, ct), $"There is no person with id {id}.",
                    async (request, form, version) =>
                    {
                        form.Version = version;
                        if (await ApplyAsync(request, form, suppliers, ct) is { } invalid)
                        {
                            return invalid;
                        }

                        var result = await directory.SavePersonAsync(form, ct);
                        return await ApiWrites.SavedAsync(result, f => PersonResponseAsync(directory, suppliers, f.Id, ct), r => r.Version, "person", PersonFields);
                    }))
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<PersonRequest>("application/json").Produces<PersonResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithExample(new PersonRequest(LeftOn: new DateOnly(2026, 12, 31), Version: 1), PersonExample with { LeftOn = new DateOnly(2026, 12, 31), Version = 2 })
            .WithSummary("Changes a person (omitted fields keep their value); set 'leftOn' when someone leaves: from that day they hold no role. Send the version as If-Match.");

        people.MapDelete("/{id:int}", async (int id, HttpRequest http, GovernanceDirectory directory, CancellationToken ct) =>
            {
                if (await directory.PersonAsync(id, ct) is null)
                {
                    return ApiRequests.NotFound($"There is no person with id {id}.");
                }

                return await ApiWrites.DeleteAtIfMatchAsync(http, version => directory.DeletePersonAsync(id, version, ct));
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .WithSummary("Deletes a person who holds no role (send the version as If-Match); otherwise 409 names the assignments (set 'leftOn' to keep the history).");
    }

    private static void MapAssignments(RouteGroupBuilder assignments)
    {
        assignments.MapGet("/", async (int? personId, string? role, string? scopeType, string? scope, string? search, GovernanceDirectory directory, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var type = ApiRequests.Enum<ScopeType>(scopeType, "scopeType", errors);
                int? scopeId = null;
                if (!string.IsNullOrWhiteSpace(scope))
                {
                    if (type is null or ScopeType.Enterprise)
                    {
                        errors.Add("scope", "Give 'scopeType' (Domain, Service, Practice, Supplier) with 'scope'.");
                    }
                    else if (ScopeByKey(await directory.ScopeOptionsAsync(type.Value, ct), scope) is { } option)
                    {
                        scopeId = option.Id;
                    }
                    else
                    {
                        errors.Add("scope", $"There is no {type.Value.ToString().ToLowerInvariant()} with key '{scope}'.");
                    }
                }

                if (errors.Any)
                {
                    return ApiRequests.Invalid(errors.ToDictionary());
                }

                var rows = await directory.AssignmentsAsync(new AssignmentFilter(PersonId: personId, RoleKey: role, ScopeType: type, ScopeId: scopeId, Search: search), ct);
                return Results.Ok(rows.Select(Assignment).ToList());
            })
            .Produces<List<AssignmentResponse>>().ProducesValidationProblem().WithExample(null, new[] { AssignmentExample })
            .WithSummary("Role assignments, filtered by personId, role key, scopeType and scope key, or searched; by scope, role and person.");

        assignments.MapGet("/{id:int}", async (int id, GovernanceDirectory directory, CancellationToken ct) =>
                (await directory.AssignmentsAsync(new AssignmentFilter(AssignmentId: id), ct)).FirstOrDefault() is { } row
                    ? Results.Ok(Assignment(row))
                    : ApiRequests.NotFound($"There is no role assignment with id {id}."))
            .Produces<AssignmentResponse>().ProducesProblem(404).WithExample(null, AssignmentExample)
            .WithSummary("One role assignment by id.");

        assignments.MapPost("/", async (JsonBody<AssignmentRequest> body, GovernanceDirectory directory, CancellationToken ct) =>
            {
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                var request = body.Value!;
                var errors = new ValidationErrors();
                var form = new AssignmentForm { ScopeType = request.ScopeType ?? ScopeType.Enterprise, Raci = request.Raci ?? Raci.Responsible };
                if (request.Raci is null)
                {
                    errors.Add("raci", "RACI is required: one of Responsible, Accountable, Consulted, Informed.");
                }

                if (request.PersonId is { } personId)
                {
                    form.PersonId = personId;
                }
                else if (!string.IsNullOrWhiteSpace(request.PersonEmail))
                {
                    var person = (await directory.PeopleAsync(request.PersonEmail.Trim(), ct))
                        .FirstOrDefault(p => string.Equals(p.Email, request.PersonEmail.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (person is null)
                    {
                        errors.Add("personEmail", $"There is no person with e-mail '{request.PersonEmail}'.");
                    }
                    else
                    {
                        form.PersonId = person.Id;
                    }
                }
                else
                {
                    errors.Add("personId", "Give the person as 'personId' or 'personEmail'.");
                }

                if (string.IsNullOrWhiteSpace(request.Role))
                {
                    errors.Add("role", "Role is required: a role key such as SERVICE-OWNER.");
                }
                else if (await FindRoleAsync(directory, request.Role, ct) is { } role)
                {
                    form.RoleId = role.Id;
                }
                else
                {
                    errors.Add("role", $"There is no governance role with key '{request.Role}'.");
                }

                if (form.ScopeType != ScopeType.Enterprise)
                {
                    if (string.IsNullOrWhiteSpace(request.Scope))
                    {
                        errors.Add("scope", $"Scope is required: the key of the {form.ScopeType.ToString().ToLowerInvariant()}.");
                    }
                    else if (ScopeByKey(await directory.ScopeOptionsAsync(form.ScopeType, ct), request.Scope) is { } option)
                    {
                        form.ScopeId = option.Id;
                    }
                    else
                    {
                        errors.Add("scope", form.ScopeType == ScopeType.Practice
                            ? $"The draft has no practice with key '{request.Scope}' (assignments over published practices are read-only)."
                            : $"There is no {form.ScopeType.ToString().ToLowerInvariant()} with key '{request.Scope}'.");
                    }
                }

                if (errors.Any)
                {
                    return ApiRequests.Invalid(errors.ToDictionary());
                }

                var result = await directory.AddAssignmentAsync(form, ct);
                return result.Succeeded
                    ? Results.Created($"{ApiExtensions.Prefix}/governance/assignments/{result.Value!.Id}", Assignment(result.Value))
                    : ApiRequests.Failure(result, rename: AssignmentFields);
            })
            .RequireAuthorization(PortalPolicies.EditScore)
            .Accepts<AssignmentRequest>("application/json").Produces<AssignmentResponse>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithExample(new AssignmentRequest(PersonEmail: "noor.bakker@kestrel-retail.example", Role: "SERVICE-OWNER", ScopeType: ScopeType.Service, Scope: "SVC-ORDER-DELIVERY", Raci: Raci.Accountable), AssignmentExample)
            .WithSummary("Gives a person a role over a scope with a RACI letter. Refused (400 naming the field) when the person has left or the role does not fit the scope; the same assignment twice is 409.");

        assignments.MapDelete("/{id:int}", async (int id, GovernanceDirectory directory, CancellationToken ct) =>
                ApiWrites.Deleted(await directory.RemoveAssignmentAsync(id, ct)))
            .RequireAuthorization(PortalPolicies.EditScore)
            .Produces(204).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Removes a role assignment (assignments are added and removed, never changed); one over a published practice is 409 (change the draft).");
    }

    private static async Task<IResult?> ApplyAsync(PersonRequest request, PersonForm form, SupplierSlaQueries suppliers, CancellationToken ct)
    {
        form.Name = request.Name ?? form.Name;
        form.Email = request.Email ?? form.Email;
        form.JobTitle = request.JobTitle ?? form.JobTitle;
        form.Organisation = request.Organisation ?? form.Organisation;
        form.LeftOn = request.LeftOn ?? form.LeftOn;
        if (request.Supplier is { } supplierKey)
        {
            if (supplierKey.Trim().Length == 0)
            {
                form.SupplierId = null;
            }
            else if (await suppliers.SupplierAsync(supplierKey.Trim(), ct) is { } supplier)
            {
                form.SupplierId = supplier.Id;
            }
            else
            {
                return ApiRequests.Invalid("supplier", $"There is no supplier with key '{supplierKey}'.");
            }
        }

        return null;
    }

    /// <summary>The scope with this key: spelled exactly, else in another case when only one matches so.</summary>
    private static ScopeOption? ScopeByKey(IReadOnlyList<ScopeOption> options, string key)
    {
        var wanted = key.Trim();
        return options.FirstOrDefault(o => o.Key == wanted)
            ?? (options.Where(o => string.Equals(o.Key, wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }

    private static async Task<RoleRow?> FindRoleAsync(GovernanceDirectory directory, string key, CancellationToken ct) =>
        (await directory.RolesAsync(key.Trim(), ct)).FirstOrDefault(r => string.Equals(r.Key, key.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<RoleResponse?> RoleResponseAsync(GovernanceDirectory directory, string key, CancellationToken ct) =>
        await FindRoleAsync(directory, key, ct) is { } row ? Role(row) : null;

    private static async Task<PersonResponse?> PersonResponseAsync(GovernanceDirectory directory, SupplierSlaQueries suppliers, int? id, CancellationToken ct)
    {
        if (id is null || await directory.PersonAsync(id.Value, ct) is not { } form)
        {
            return null;
        }

        var row = (await directory.PeopleAsync(form.Email, ct)).FirstOrDefault(p => p.Id == id);
        return row is null ? null : Person(row, await SupplierKeysAsync(suppliers, ct));
    }

    private static async Task<IReadOnlyDictionary<int, string>> SupplierKeysAsync(SupplierSlaQueries suppliers, CancellationToken ct) =>
        (await suppliers.SuppliersAsync(ct)).ToDictionary(s => s.Id, s => s.Key);

    private static RoleResponse Role(RoleRow r) => new(r.Key, r.Name, r.Description, r.Assignments, r.Version);

    private static PersonResponse Person(PersonRow p, IReadOnlyDictionary<int, string> supplierKeys) => new(
        p.Id, p.Name, p.Email, p.JobTitle, p.Organisation, p.SupplierId is { } s ? supplierKeys.GetValueOrDefault(s) : null, p.SupplierName, p.LeftOn, p.Assignments, p.Version);

    private static AssignmentResponse Assignment(AssignmentRow a) => new(
        a.Id, a.PersonId, a.PersonName, a.PersonHasLeft, a.RoleKey, a.RoleName, a.ScopeType, a.ScopeKey, a.ScopeName, a.Raci, a.IsReadOnly);
}
