using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>A redundancy group with its members (relationships written "source TYPE target").</summary>
public sealed record RedundancyGroupRow(int Id, int Version, string Key, string Name, int MinimumUp, IReadOnlyList<RedundancyMember> Members);

/// <summary>A relationship in a redundancy group: one of the interchangeable dependencies.</summary>
public sealed record RedundancyMember(int RelationshipId, string Source, RelationshipType Type, string Target, string TargetName);

/// <summary>Create/edit form of a redundancy group. <see cref="KeyedForm.Version"/> is the version the caller read.</summary>
public sealed class RedundancyGroupForm : KeyedForm
{
    [Range(1, 100, ErrorMessage = "Minimum up is between 1 and 100.")]
    public int MinimumUp { get; set; } = 1;

    public static RedundancyGroupForm From(RedundancyGroup g) => new() { Id = g.Id, Version = g.Version, Key = g.Key, Name = g.Name, MinimumUp = g.MinimumUp };
}

/// <summary>
/// Creates, edits and deletes redundancy groups (sets of interchangeable dependencies of which at least
/// <see cref="RedundancyGroup.MinimumUp"/> must be up). Keys and names are unique (case-insensitive); minimum up may
/// not exceed the members the group has; a group with members is not deleted (the members would silently stop being
/// redundant). A concurrent edit is never overwritten. The graph index follows through the change feed. Callers check
/// authorization first (EditCatalog).
/// </summary>
public sealed class RedundancyGroupEditor(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IReadOnlyList<RedundancyGroupRow>> GroupsAsync(string? key = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.RedundancyGroups.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(g => g.Key == key);
        }

        return await query.OrderBy(g => g.Name)
            .Select(g => new RedundancyGroupRow(g.Id, g.Version, g.Key, g.Name, g.MinimumUp,
                g.Members.OrderBy(m => m.Target!.Name)
                    .Select(m => new RedundancyMember(m.Id, m.Source!.Key, m.Type, m.Target!.Key, m.Target.Name)).ToList()))
            .ToListAsync(cancellationToken);
    }

    public async Task<SaveResult<RedundancyGroupForm>> SaveAsync(RedundancyGroupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        RedundancyGroup? group = null;
        if (form.Id is { } id)
        {
            group = await db.RedundancyGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
            if (group is null)
            {
                return SaveResult<RedundancyGroupForm>.NotFound("This redundancy group no longer exists; it may have been deleted.");
            }

            if (group.Version != form.Version)
            {
                return SaveResult<RedundancyGroupForm>.Stale(RedundancyGroupForm.From(group));
            }
        }

        var key = group?.Key ?? form.Key.Trim();
        var name = form.Name.Trim();
        if (group is null && key.Length > 0
            && await db.RedundancyGroups.AsNoTracking().Where(g => g.Key.ToLower() == key.ToLower()).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken) is { } keyClash)
        {
            errors.AddDuplicate(nameof(RedundancyGroupForm.Key), $"Key '{key}' is already used by redundancy group '{keyClash}'.");
        }

        if (name.Length > 0 && await db.RedundancyGroups.AsNoTracking().AnyAsync(g => g.Name.ToLower() == name.ToLower() && g.Id != (form.Id ?? 0), cancellationToken))
        {
            errors.AddDuplicate(nameof(RedundancyGroupForm.Name), $"A redundancy group named '{name}' already exists.");
        }

        if (group is not null)
        {
            var members = await db.Relationships.CountAsync(r => r.RedundancyGroupId == group.Id, cancellationToken);
            if (members > 0 && form.MinimumUp > members)
            {
                errors.Add(nameof(RedundancyGroupForm.MinimumUp), $"Minimum up ({form.MinimumUp}) is more than the {members} member(s) of the group.");
            }
        }

        if (errors.Any)
        {
            return SaveResult<RedundancyGroupForm>.Invalid(errors);
        }

        group ??= db.RedundancyGroups.Add(new RedundancyGroup { Key = key, Name = name }).Entity;
        group.Name = name;
        group.MinimumUp = form.MinimumUp;
        if (form.Id is not null)
        {
            db.Entry(group).Property(g => g.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.RedundancyGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == group.Id, cancellationToken);
            return current is null
                ? SaveResult<RedundancyGroupForm>.NotFound("This redundancy group was deleted by someone else.")
                : SaveResult<RedundancyGroupForm>.Stale(RedundancyGroupForm.From(current));
        }
        catch (DbUpdateException) when (form.Id is null)
        {
            return SaveResult<RedundancyGroupForm>.Duplicate(nameof(RedundancyGroupForm.Key), $"Key '{key}' was just taken by someone else.");
        }

        return SaveResult<RedundancyGroupForm>.Ok(RedundancyGroupForm.From(group));
    }

    /// <summary>Deletes a group without members; refused, naming them, while relationships belong to it.</summary>
    public async Task<DeleteResult> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var group = await db.RedundancyGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (group.Version != version)
        {
            return DeleteResult.Stale(group.Version);
        }

        var members = await db.Relationships.AsNoTracking().Where(r => r.RedundancyGroupId == id)
            .Select(r => r.Source!.Key + " " + r.Type + " " + r.Target!.Key).ToListAsync(cancellationToken);
        if (members.Count > 0)
        {
            return DeleteResult.Refused($"Redundancy group {group.Name} has {members.Count} member(s); remove them from the group first.", members);
        }

        db.RedundancyGroups.Remove(group);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }
}
