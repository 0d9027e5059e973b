using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Core.Governance;

/// <summary>
/// The role catalogue, the people directory and role assignments (who holds which role over what, with a RACI letter),
/// with the portal's rules: per-field validation, unique keys, names and e-mails, no silent overwrite of a concurrent
/// edit, no deletion of a role or person still holding assignments (they are named), and assignments that fit their
/// role's scopes. Assignments over a practice of a published score version are read-only: change them in the draft.
/// Callers check authorization first (EditScore).
/// </summary>
public sealed class GovernanceDirectory(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<RoleRow>> RolesAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.GovernanceRoles.AsNoTracking()
            .Select(r => new RoleRow(r.Id, r.Version, r.Key, r.Name, r.Description, db.RoleAssignments.Count(a => a.RoleId == r.Id)))
            .ToListAsync(cancellationToken);
        return rows.Where(r => Matches(search, r.Key, r.Name, r.Description)).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// People who may be given a role today (matching <paramref name="search"/>, when given), plus
    /// <paramref name="alsoInclude"/> (the one an existing assignment names).
    /// </summary>
    public async Task<IReadOnlyList<PersonRow>> AssignablePeopleAsync(int? alsoInclude = null, string? search = null, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return (await PeopleAsync(search, cancellationToken)).Where(p => !Person.HasLeft(p.LeftOn, today) || p.Id == alsoInclude).ToList();
    }

    /// <summary>One page of the role catalogue, searched, then filtered and sorted by <see cref="ListRequest{T}.Shape"/>.</summary>
    public async Task<Page<RoleRow>> RolesAsync(ListRequest<RoleRow> request, CancellationToken cancellationToken = default) =>
        PageOf(await RolesAsync(request.Search, cancellationToken), request);

    /// <summary>One page of the people directory, searched, then filtered and sorted by <see cref="ListRequest{T}.Shape"/>.</summary>
    public async Task<Page<PersonRow>> PeopleAsync(ListRequest<PersonRow> request, CancellationToken cancellationToken = default) =>
        PageOf(await PeopleAsync(request.Search, cancellationToken), request);

    /// <summary>One page of the assignments matching <paramref name="filter"/> and the request's search, filtered and sorted by its shape.</summary>
    public async Task<Page<AssignmentRow>> AssignmentsAsync(AssignmentFilter filter, ListRequest<AssignmentRow> request, CancellationToken cancellationToken = default) =>
        PageOf(await AssignmentsAsync(filter with { Search = request.Search ?? filter.Search }, cancellationToken), request);

    public async Task<IReadOnlyList<PersonRow>> PeopleAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.People.AsNoTracking()
            .Select(p => new PersonRow(p.Id, p.Version, p.Name, p.Email, p.JobTitle, p.Organisation, p.SupplierId,
                p.Supplier != null ? p.Supplier.Name : null, p.LeftOn, db.RoleAssignments.Count(a => a.PersonId == p.Id)))
            .ToListAsync(cancellationToken);
        return rows.Where(r => Matches(search, r.Name, r.Email, r.Organisation, r.JobTitle, r.SupplierName)).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<SaveResult<RoleForm>> SaveRoleAsync(RoleForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = form.Key.Trim();
        var name = form.Name.Trim();
        if (form.Id is null && await db.GovernanceRoles.AsNoTracking().Where(r => r.Key.ToLower() == key.ToLower()).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken) is { } keyClash)
        {
            errors.AddDuplicate(nameof(RoleForm.Key), $"Key '{key}' is already used by role '{keyClash}'.");
        }

        if (await db.GovernanceRoles.AsNoTracking().AnyAsync(r => r.Name.ToLower() == name.ToLower() && r.Id != (form.Id ?? 0), cancellationToken))
        {
            errors.AddDuplicate(nameof(RoleForm.Name), $"A role named '{name}' already exists.");
        }

        GovernanceRole? role = null;
        if (form.Id is { } id)
        {
            role = await db.GovernanceRoles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (role is null)
            {
                return SaveResult<RoleForm>.NotFound("This role no longer exists; it may have been deleted.");
            }

            if (role.Version != form.Version)
            {
                return SaveResult<RoleForm>.Stale(RoleForm.From(role));
            }
        }

        if (errors.Any)
        {
            return SaveResult<RoleForm>.Invalid(errors);
        }

        role ??= db.GovernanceRoles.Add(new GovernanceRole { Key = key, Name = name }).Entity;
        role.Name = name;
        role.Description = Blank(form.Description);
        if (form.Id is not null)
        {
            db.Entry(role).Property(r => r.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            return SaveResult<RoleForm>.Stale(RoleForm.From(await fresh.GovernanceRoles.AsNoTracking().SingleAsync(r => r.Id == role.Id, cancellationToken)));
        }
        catch (DbUpdateException)
        {
            return SaveResult<RoleForm>.Invalid(nameof(RoleForm.Key), "Someone else just created a role with this key or name.");
        }

        return SaveResult<RoleForm>.Ok(RoleForm.From(role));
    }

    /// <summary>Deletes a role nobody holds, at the version the caller read; refused, naming the assignments, while it is in use.</summary>
    public async Task<DeleteResult> DeleteRoleAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var role = await db.GovernanceRoles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (role.Version != version)
        {
            return DeleteResult.Stale(role.Version);
        }

        var inUse = await AssignmentsAsync(new AssignmentFilter(RoleKey: role.Key, IncludeSuperseded: true), cancellationToken);
        if (inUse.Count > 0)
        {
            return DeleteResult.Refused($"The role {role.Name} is held in {inUse.Count} assignment(s); remove them first.", inUse.Select(Describe).ToList());
        }

        db.GovernanceRoles.Remove(role);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    public async Task<SaveResult<PersonForm>> SavePersonAsync(PersonForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var email = form.Email.Trim();
        if (await db.People.AsNoTracking().Where(p => p.Email.ToLower() == email.ToLower() && p.Id != (form.Id ?? 0)).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) is { } clash)
        {
            errors.AddDuplicate(nameof(PersonForm.Email), $"E-mail '{email}' is already used by {clash}.");
        }

        string? supplierName = null;
        if (form.SupplierId is { } supplierId)
        {
            supplierName = await db.Suppliers.AsNoTracking().Where(s => s.Id == supplierId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
            if (supplierName is null)
            {
                errors.Add(nameof(PersonForm.SupplierId), "Supplier does not exist; pick one from the list.");
            }
        }

        if (form.LeftOn is { } leftOn && leftOn > DateOnly.FromDateTime(clock.GetLocalNow().DateTime).AddYears(1))
        {
            errors.Add(nameof(PersonForm.LeftOn), "Left on is more than a year ahead; enter the day the person actually leaves.");
        }

        Person? person = null;
        if (form.Id is { } id)
        {
            person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (person is null)
            {
                return SaveResult<PersonForm>.NotFound("This person no longer exists; they may have been deleted.");
            }

            if (person.Version != form.Version)
            {
                return SaveResult<PersonForm>.Stale(PersonForm.From(person));
            }
        }

        if (errors.Any)
        {
            return SaveResult<PersonForm>.Invalid(errors);
        }

        person ??= db.People.Add(new Person { Name = "", Email = "" }).Entity;
        person.Name = form.Name.Trim();
        person.Email = email;
        person.JobTitle = Blank(form.JobTitle);
        person.Organisation = Blank(form.Organisation) ?? supplierName;
        person.SupplierId = form.SupplierId;
        person.LeftOn = form.LeftOn;
        if (form.Id is not null)
        {
            db.Entry(person).Property(p => p.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            return SaveResult<PersonForm>.Stale(PersonForm.From(await fresh.People.AsNoTracking().SingleAsync(p => p.Id == person.Id, cancellationToken)));
        }
        catch (DbUpdateException)
        {
            return SaveResult<PersonForm>.Duplicate(nameof(PersonForm.Email), $"E-mail '{email}' was just taken by someone else.");
        }

        return SaveResult<PersonForm>.Ok(PersonForm.From(person));
    }

    /// <summary>
    /// Deletes a person who holds nothing, at the version the caller read; refused, naming the assignments, otherwise
    /// (set "left on" to keep the history).
    /// </summary>
    public async Task<DeleteResult> DeletePersonAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (person.Version != version)
        {
            return DeleteResult.Stale(person.Version);
        }

        var held = await AssignmentsAsync(new AssignmentFilter(PersonId: id, IncludeSuperseded: true), cancellationToken);
        if (held.Count > 0)
        {
            return DeleteResult.Refused($"{person.Name} holds {held.Count} role assignment(s); remove them first, or set the day they left instead.", held.Select(Describe).ToList());
        }

        db.People.Remove(person);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    public async Task<RoleForm?> RoleAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var role = await db.GovernanceRoles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return role is null ? null : RoleForm.From(role);
    }

    public async Task<PersonForm?> PersonAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return person is null ? null : PersonForm.From(person);
    }

    /// <summary>Assignments matching <paramref name="filter"/>, ordered by scope, role and person.</summary>
    public async Task<IReadOnlyList<AssignmentRow>> AssignmentsAsync(AssignmentFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.RoleAssignments.AsNoTracking();
        if (filter.AssignmentId is { } assignmentId)
        {
            query = query.Where(a => a.Id == assignmentId);
        }

        if (filter.PersonId is { } personId)
        {
            query = query.Where(a => a.PersonId == personId);
        }

        if (filter.RoleKey is { } roleKey)
        {
            query = query.Where(a => a.Role!.Key.ToLower() == roleKey.ToLower());
        }

        if (filter.ScopeType is { } scopeType)
        {
            query = query.Where(a => a.ScopeType == scopeType);
            if (filter.ScopeId is { } scopeId)
            {
                query = scopeType switch
                {
                    ScopeType.Domain => query.Where(a => a.DomainId == scopeId),
                    ScopeType.Practice => query.Where(a => a.PracticeId == scopeId),
                    ScopeType.Enterprise => query,
                    _ => query.Where(a => a.NodeId == scopeId),
                };
            }
        }

        if (!filter.IncludeSuperseded && filter.AssignmentId is null)
        {
            query = query.Where(a => a.Practice == null || a.Practice.ScoreVersion!.Status != ScoreVersionStatus.Superseded);
        }

        if (filter.DomainKey is { } domainKey)
        {
            query = query.Where(a => a.Domain!.Key == domainKey);
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var rows = await query.Select(a => new
        {
            a.Id, a.PersonId, PersonName = a.Person!.Name, a.Person.LeftOn, a.RoleId, RoleKey = a.Role!.Key, RoleName = a.Role.Name, a.ScopeType, a.Raci,
            a.DomainId, DomainKey = a.Domain != null ? a.Domain.Key : null, DomainName = a.Domain != null ? a.Domain.Name : null,
            a.NodeId, NodeKey = a.Node != null ? a.Node.Key : null, NodeName = a.Node != null ? a.Node.Name : null,
            a.PracticeId, PracticeKey = a.Practice != null ? a.Practice.Key : null, PracticeName = a.Practice != null ? a.Practice.Name : null,
            VersionNumber = a.Practice != null ? a.Practice.ScoreVersion!.Number : 0,
            VersionStatus = a.Practice != null ? a.Practice.ScoreVersion!.Status : ScoreVersionStatus.Draft,
        }).ToListAsync(cancellationToken);

        var result = rows.Select(a =>
        {
            var (id, key, name) = a.ScopeType switch
            {
                ScopeType.Enterprise => ((int?)null, "enterprise", "Enterprise"),
                ScopeType.Domain => (a.DomainId, a.DomainKey ?? "?", a.DomainName ?? "(missing domain)"),
                ScopeType.Practice => (a.PracticeId, a.PracticeKey ?? "?", a.PracticeName is null ? "(missing practice)" : $"{a.PracticeName} (v{a.VersionNumber})"),
                ScopeType.Supplier => (a.NodeId, a.NodeKey ?? "?", a.NodeName ?? "(missing supplier)"),
                _ => (a.NodeId, a.NodeKey ?? "?", a.NodeName ?? "(missing service)"),
            };
            return new AssignmentRow(a.Id, a.PersonId, a.PersonName, Person.HasLeft(a.LeftOn, today), a.RoleId, a.RoleKey, a.RoleName, a.ScopeType, id, key, name, a.Raci,
                a.ScopeType == ScopeType.Practice && a.VersionStatus != ScoreVersionStatus.Draft);
        });
        return result
            .Where(r => Matches(filter.Search, r.PersonName, r.RoleName, r.ScopeName, r.ScopeKey))
            .OrderBy(r => r.ScopeType).ThenBy(r => r.ScopeName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.RoleName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Raci)
            .ThenBy(r => r.PersonName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Gives a person a role over a scope. Refused with a message per field when the person has left, the role does not
    /// fit the scope (<see cref="GovernanceRoleKeys.AllowedScopes"/>), the scope does not exist or is of another kind, the
    /// practice belongs to a published version, or the same person already holds the same role and letter over it.
    /// </summary>
    public async Task<SaveResult<AssignmentRow>> AddAssignmentAsync(AssignmentForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == form.PersonId, cancellationToken);
        if (form.PersonId != 0 && person is null)
        {
            errors.Add(nameof(AssignmentForm.PersonId), "Person does not exist; pick one from the list.");
        }
        else if (person is not null && Person.HasLeft(person.LeftOn, today))
        {
            errors.Add(nameof(AssignmentForm.PersonId), $"{person.Name} left on {person.LeftOn:yyyy-MM-dd} and cannot take on a role.");
        }

        var role = await db.GovernanceRoles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == form.RoleId, cancellationToken);
        if (form.RoleId != 0 && role is null)
        {
            errors.Add(nameof(AssignmentForm.RoleId), "Role does not exist; pick one from the list.");
        }
        else if (role is not null && GovernanceRoleKeys.AllowedScopes.TryGetValue(role.Key, out var allowed) && !allowed.Contains(form.ScopeType))
        {
            errors.Add(nameof(AssignmentForm.ScopeType), $"{role.Name} is held over {string.Join(" or ", allowed.Order().Select(s => s.ToString().ToLowerInvariant()))}, not over a {form.ScopeType.ToString().ToLowerInvariant()}.");
        }

        var assignment = new RoleAssignment { PersonId = form.PersonId, RoleId = form.RoleId, ScopeType = form.ScopeType, Raci = form.Raci };
        if (form.ScopeType == ScopeType.Enterprise)
        {
            form.ScopeId = null;
        }
        else if (form.ScopeId is not { } scopeId)
        {
            errors.Add(nameof(AssignmentForm.ScopeId), $"Pick the {form.ScopeType.ToString().ToLowerInvariant()} the role is held over.");
        }
        else
        {
            switch (form.ScopeType)
            {
                case ScopeType.Domain when !await db.Domains.AnyAsync(d => d.Id == scopeId, cancellationToken):
                case ScopeType.Service when !await db.Services.AnyAsync(s => s.Id == scopeId, cancellationToken):
                case ScopeType.Supplier when !await db.Suppliers.AnyAsync(s => s.Id == scopeId, cancellationToken):
                case ScopeType.Practice when !await db.Practices.AnyAsync(p => p.Id == scopeId, cancellationToken):
                    errors.Add(nameof(AssignmentForm.ScopeId), $"That {form.ScopeType.ToString().ToLowerInvariant()} does not exist; pick one from the list.");
                    break;
                case ScopeType.Practice:
                    var versionId = await db.Practices.Where(p => p.Id == scopeId).Select(p => p.ScoreVersionId).SingleAsync(cancellationToken);
                    if (await ScoreEditor.ReadOnlyMessageAsync(db, versionId, cancellationToken) is { } readOnly)
                    {
                        errors.Add(nameof(AssignmentForm.ScopeId), readOnly);
                    }

                    break;
            }

            assignment.DomainId = form.ScopeType == ScopeType.Domain ? scopeId : null;
            assignment.NodeId = form.ScopeType is ScopeType.Service or ScopeType.Supplier ? scopeId : null;
            assignment.PracticeId = form.ScopeType == ScopeType.Practice ? scopeId : null;
        }

        if (!errors.Any && await db.RoleAssignments.AnyAsync(a => a.PersonId == form.PersonId && a.RoleId == form.RoleId && a.ScopeType == form.ScopeType
                && a.DomainId == assignment.DomainId && a.NodeId == assignment.NodeId && a.PracticeId == assignment.PracticeId && a.Raci == form.Raci, cancellationToken))
        {
            errors.AddDuplicate("", $"{person!.Name} already holds {role!.Name} ({RaciLetters.Of(form.Raci)}) over it.");
        }

        if (errors.Any)
        {
            return SaveResult<AssignmentRow>.Invalid(errors);
        }

        db.RoleAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<AssignmentRow>.Ok((await AssignmentsAsync(new AssignmentFilter(AssignmentId: assignment.Id), cancellationToken)).Single());
    }

    /// <summary>Removes an assignment; refused over a practice of a published score version.</summary>
    public async Task<DeleteResult> RemoveAssignmentAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var assignment = await db.RoleAssignments.Include(a => a.Practice).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            return DeleteResult.Gone("It no longer exists; someone else may have removed it.");
        }

        if (assignment.Practice is not null && await ScoreEditor.ReadOnlyMessageAsync(db, assignment.Practice.ScoreVersionId, cancellationToken) is { } readOnly)
        {
            return DeleteResult.Refused(readOnly);
        }

        db.RoleAssignments.Remove(assignment);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    /// <summary>What an assignment of <paramref name="scopeType"/> can be over: for practices, those of the draft (the only editable version).</summary>
    public async Task<IReadOnlyList<ScopeOption>> ScopeOptionsAsync(ScopeType scopeType, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var options = scopeType switch
        {
            ScopeType.Domain => await db.Domains.AsNoTracking().Select(d => new ScopeOption(d.Id, d.Key, d.Name)).ToListAsync(cancellationToken),
            ScopeType.Service => await db.Services.AsNoTracking().Where(s => s.Lifecycle != Lifecycle.Retired).Select(s => new ScopeOption(s.Id, s.Key, s.Name)).ToListAsync(cancellationToken),
            ScopeType.Supplier => await db.Suppliers.AsNoTracking().Select(s => new ScopeOption(s.Id, s.Key, s.Name)).ToListAsync(cancellationToken),
            ScopeType.Practice => await db.Practices.AsNoTracking().Where(p => p.ScoreVersion!.Status == ScoreVersionStatus.Draft)
                .Select(p => new ScopeOption(p.Id, p.Key, p.Name)).ToListAsync(cancellationToken),
            _ => [],
        };
        return options.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Suppliers for the person dialog's picker.</summary>
    public Task<IReadOnlyList<ScopeOption>> SuppliersAsync(CancellationToken cancellationToken = default) => ScopeOptionsAsync(ScopeType.Supplier, cancellationToken);

    internal static string Describe(AssignmentRow a) => $"{a.PersonName} holds {a.RoleName} ({a.Letter}) over {a.ScopeType.ToString().ToLowerInvariant()} {a.ScopeName}";

    /// <summary>
    /// Pages rows the directory has already read and searched. The role catalogue, the people directory and the
    /// assignments are read whole (their search also matches joined names, and they number in the hundreds), so the
    /// grid's sort and filters run over those rows here, and only one page goes to the caller.
    /// </summary>
    private static Page<T> PageOf<T>(IReadOnlyList<T> rows, ListRequest<T> request)
    {
        var shaped = (request.Shape?.Invoke(rows.AsQueryable()) ?? rows.AsQueryable()).ToList();
        return new Page<T>(shaped.Skip(Math.Max(0, request.Skip)).Take(Math.Clamp(request.Take, 1, ListRequest<T>.MaxTake)).ToList(), shaped.Count);
    }

    private static bool Matches(string? search, params string?[] fields) =>
        string.IsNullOrWhiteSpace(search) || fields.Any(f => f?.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase) == true);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
