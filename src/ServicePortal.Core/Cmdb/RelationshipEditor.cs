using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>What the relationship editor and the API send to add a relationship.</summary>
public sealed record RelationshipInput(int SourceId, int TargetId, RelationshipType Type, int? RedundancyGroupId = null, string? Description = null);

/// <summary>
/// Adds and removes relationships with the CMDB's rules: no self-links, no duplicates, no "part of" cycles (the
/// message names the cycle). The graph index answers first; the database's unique index still guards a race.
/// </summary>
public sealed class RelationshipEditor(IDbContextFactory<PortalDbContext> factory, CmdbGraphService graph)
{
    public async Task<SaveResult<int>> AddAsync(RelationshipInput input, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(input.Type))
        {
            return SaveResult<int>.Invalid("Type", "Type is not one of DependsOn, RunsOn, ProvidedBy, PartOf, ConnectsTo.");
        }

        if (TextRules.Problem(input.Description, allowLineBreaks: true) is not null || input.Description?.Length > FieldLengths.Description)
        {
            return SaveResult<int>.Invalid("Description", $"Description must be plain text of at most {FieldLengths.Description} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ends = await db.Nodes.AsNoTracking().Where(n => n.Id == input.SourceId || n.Id == input.TargetId).Select(n => n.Id).ToListAsync(cancellationToken);
        if (!ends.Contains(input.SourceId))
        {
            return SaveResult<int>.Invalid("SourceId", "The source no longer exists.");
        }

        if (!ends.Contains(input.TargetId))
        {
            return SaveResult<int>.Invalid("TargetId", "The target no longer exists; pick another.");
        }

        if (input.RedundancyGroupId is { } groupId && !await db.RedundancyGroups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return SaveResult<int>.Invalid("RedundancyGroupId", "The redundancy group no longer exists.");
        }

        var problems = await graph.ValidateRelationshipAsync(input.SourceId, input.TargetId, input.Type, cancellationToken: cancellationToken);
        if (problems.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var problem in problems)
            {
                var field = problem.Kind == RelationshipProblemKind.PartOfCycle ? "Type" : "TargetId";
                if (problem.Kind == RelationshipProblemKind.Duplicate)
                {
                    errors.AddDuplicate(field, problem.Message);
                }
                else
                {
                    errors.Add(field, problem.Message);
                }
            }

            return SaveResult<int>.Invalid(errors);
        }

        var relationship = db.Relationships.Add(new Relationship
        {
            SourceId = input.SourceId,
            TargetId = input.TargetId,
            Type = input.Type,
            RedundancyGroupId = input.RedundancyGroupId,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        }).Entity;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return SaveResult<int>.Duplicate("TargetId", "That relationship was just added by someone else.");
        }

        return SaveResult<int>.Ok(relationship.Id);
    }

    public async Task<DeleteResult> RemoveAsync(int relationshipId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var relationship = await db.Relationships.SingleOrDefaultAsync(r => r.Id == relationshipId, cancellationToken);
        if (relationship is null)
        {
            return DeleteResult.Gone("It was already removed.");
        }

        if (relationship.Version != version)
        {
            return DeleteResult.Stale(relationship.Version);
        }

        db.Relationships.Remove(relationship);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    /// <summary>Redundancy groups for the editor's picker.</summary>
    public async Task<IReadOnlyList<Choice>> RedundancyGroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RedundancyGroups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new Choice(g.Id, g.Name + " (at least " + g.MinimumUp + " up)"))
            .ToListAsync(cancellationToken);
    }
}
