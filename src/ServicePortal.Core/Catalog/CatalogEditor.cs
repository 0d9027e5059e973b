using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// Creates, edits, retires and deletes catalog entries with the portal's rules: per-field validation, keys unique
/// across the CMDB (the clash is named), no silent overwrite of a concurrent edit, and no deletion of a node that
/// others depend on. Callers check authorization first (pages and API use the same policies).
/// </summary>
public sealed class CatalogEditor(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<SaveResult<NodeForm>> SaveAsync(NodeForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        Node? node = null;
        if (form.Id is { } id)
        {
            node = await db.Nodes.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
            if (node is null || node.NodeType != form.NodeType)
            {
                return SaveResult<NodeForm>.NotFound($"This {form.NodeType.Describe()} no longer exists; it may have been deleted.");
            }

            if (node.Version != form.Version)
            {
                return SaveResult<NodeForm>.Stale(NodeForm.From(node));
            }
        }
        else if (!errors.Any)
        {
            var key = form.Key.Trim();
            var clash = await db.Nodes.AsNoTracking().Where(n => n.Key == key).Select(n => new { n.Name, n.NodeType }).FirstOrDefaultAsync(cancellationToken);
            if (clash is not null)
            {
                errors.AddDuplicate(nameof(NodeForm.Key), $"Key '{key}' is already used by {clash.NodeType.Describe()} '{clash.Name}'.");
            }
        }

        if (form is SupplierForm && !errors.Any)
        {
            var name = form.Name.Trim();
            if (await UniqueNames.SupplierClashAsync(db, name, form.Id, cancellationToken) is { } clash)
            {
                errors.AddDuplicate(nameof(NodeForm.Name), $"Name '{name}' is already used by supplier {clash}.");
            }
        }

        if (form.DomainId is { } domainId && !await db.Domains.AnyAsync(d => d.Id == domainId, cancellationToken))
        {
            errors.Add(nameof(NodeForm.DomainId), "Domain does not exist; pick one from the list.");
        }

        if (errors.Any)
        {
            return SaveResult<NodeForm>.Invalid(errors);
        }

        node ??= db.Nodes.Add(form.NewNode()).Entity;
        var wasRetired = node.Lifecycle == Lifecycle.Retired;
        form.ApplyTo(node);
        node.RetiredAt = node.Lifecycle == Lifecycle.Retired ? (wasRetired ? node.RetiredAt : clock.GetUtcNow().UtcDateTime) : null;
        db.Entry(node).Property(n => n.Version).OriginalValue = form.Id is null ? node.Version : form.Version;

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == node.Id, cancellationToken);
            return current is null
                ? SaveResult<NodeForm>.NotFound($"This {form.NodeType.Describe()} was deleted by someone else.")
                : SaveResult<NodeForm>.Stale(NodeForm.From(current));
        }
        catch (DbUpdateException) when (form.Id is null)
        {
            // Another user created the same key between our check and our save.
            return SaveResult<NodeForm>.Duplicate(nameof(NodeForm.Key), $"Key '{form.Key.Trim()}' was just taken by someone else.");
        }

        return SaveResult<NodeForm>.Ok(NodeForm.From(node));
    }

    /// <summary>Retires a node: it leaves the live portfolio, keeps its relationships and its history.</summary>
    public async Task<SaveResult<NodeForm>> RetireAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (node is null)
        {
            return SaveResult<NodeForm>.NotFound("It no longer exists.");
        }

        var form = NodeForm.From(node);
        form.Version = version;
        form.Lifecycle = Lifecycle.Retired;
        return await SaveAsync(form, cancellationToken);
    }

    /// <summary>
    /// Deletes a node that nothing depends on. Refused, with the dependants named, when other nodes point at it or
    /// contracts, SLA targets or role assignments refer to it; its own outgoing relationships go with it.
    /// </summary>
    public async Task<DeleteResult> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (node is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (node.Version != version)
        {
            return DeleteResult.Stale(node.Version);
        }

        var dependants = await db.Relationships.AsNoTracking().Where(r => r.TargetId == id)
            .OrderBy(r => r.Source!.Name)
            .Select(r => new { r.Source!.Name, r.Source.Key, r.Type })
            .ToListAsync(cancellationToken);
        var reasons = dependants.Select(d => $"{d.Name} ({d.Key}) {RelationshipText.Verb(d.Type)} it").ToList();
        if ((await NodeReferences.ReasonsAsync(db, [id], cancellationToken)).TryGetValue(id, out var references))
        {
            reasons.AddRange(references);
        }
        if (reasons.Count > 0)
        {
            return DeleteResult.Refused($"{node.Name} cannot be deleted while others depend on it. Retire it instead, or remove these first.", reasons);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Relationships.RemoveRange(await db.Relationships.Where(r => r.SourceId == id).ToListAsync(cancellationToken));
        db.Nodes.Remove(node);
        if (await DeleteSaver.SaveAsync(db, cancellationToken) is { Deleted: false } refused)
        {
            return refused;
        }

        await transaction.CommitAsync(cancellationToken);
        return DeleteResult.Done;
    }

    public async Task<SaveResult<DomainForm>> SaveDomainAsync(DomainForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = form.Key.Trim();
        var name = form.Name.Trim();
        if (await db.Domains.AsNoTracking().Where(d => d.Key == key && d.Id != (form.Id ?? 0)).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken) is { } keyClash)
        {
            errors.AddDuplicate(nameof(DomainForm.Key), $"Key '{key}' is already used by domain '{keyClash}'.");
        }

        if (!errors.Any && await UniqueNames.DomainClashAsync(db, name, form.Id, cancellationToken) is { } nameClash)
        {
            errors.AddDuplicate(nameof(DomainForm.Name), $"Name '{name}' is already used by domain {nameClash}.");
        }

        if (errors.Any)
        {
            return SaveResult<DomainForm>.Invalid(errors);
        }

        Domain domain;
        if (form.Id is { } id)
        {
            var found = await db.Domains.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (found is null)
            {
                return SaveResult<DomainForm>.NotFound("This domain no longer exists; it may have been deleted.");
            }

            domain = found;
            if (domain.Version != form.Version)
            {
                return SaveResult<DomainForm>.Stale(DomainForm.From(domain));
            }
        }
        else
        {
            domain = db.Domains.Add(new Domain { Key = key, Name = name }).Entity;
        }

        domain.Name = name;
        domain.Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            return SaveResult<DomainForm>.Stale(DomainForm.From(await fresh.Domains.AsNoTracking().SingleAsync(d => d.Id == domain.Id, cancellationToken)));
        }

        return SaveResult<DomainForm>.Ok(DomainForm.From(domain));
    }

    /// <summary>Deletes an empty domain at the version the caller read; refused, naming the members, while it has any.</summary>
    public async Task<DeleteResult> DeleteDomainAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (domain is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (domain.Version != version)
        {
            return DeleteResult.Stale(domain.Version);
        }

        var members = await db.Nodes.AsNoTracking().Where(n => n.DomainId == id).OrderBy(n => n.Name).Select(n => n.Name + " (" + n.Key + ")").Take(50).ToListAsync(cancellationToken);
        members.AddRange(await db.RoleAssignments.AsNoTracking().Where(a => a.DomainId == id).Select(a => a.Person!.Name + " holds " + a.Role!.Name + " over it").ToListAsync(cancellationToken));
        if (members.Count > 0)
        {
            return DeleteResult.Refused($"{domain.Name} still has members; move or delete them first.", members);
        }

        db.Domains.Remove(domain);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }
}

/// <summary>
/// The outcome of a delete: done, or refused with the reasons (e.g. the dependants). <see cref="Kind"/> tells callers
/// why without reading the message: Saved (done), NotFound (already gone), Conflict (stale version, or others depend on it),
/// NotAllowed (the caller's role may not delete it).
/// </summary>
public sealed record DeleteResult(bool Deleted, string? Message, IReadOnlyList<string> Blockers, SaveKind Kind = SaveKind.Saved)
{
    public static readonly DeleteResult Done = new(true, null, []);

    public static DeleteResult Refused(string message, IReadOnlyList<string>? blockers = null) => new(false, message, blockers ?? [], SaveKind.Conflict);

    /// <summary>It no longer exists (someone else removed it).</summary>
    public static DeleteResult Gone(string message) => new(false, message, [], SaveKind.NotFound);

    /// <summary>The caller's role may not delete it; nothing was read or changed.</summary>
    public static DeleteResult NotAllowed(string message) => new(false, message, [], SaveKind.NotAllowed);

    /// <summary>Someone else changed it since the caller read the version it asks to delete (or changed it meanwhile).</summary>
    public static DeleteResult Stale(int? current = null) => Refused(current is { } now
        ? $"Someone else changed it since you opened it (it is now version {now}); reload and try again."
        : "Someone else changed or deleted it meanwhile; reload and try again.");
}
