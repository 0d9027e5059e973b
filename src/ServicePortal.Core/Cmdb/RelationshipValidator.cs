namespace ServicePortal.Core.Cmdb;

public enum RelationshipProblemKind
{
    /// <summary>Source and Target are the same node.</summary>
    SelfLink,

    /// <summary>The same Source, Target and type already exist.</summary>
    Duplicate,

    /// <summary>A PartOf edge that would make a node, through a chain, part of itself.</summary>
    PartOfCycle,
}

/// <summary>Why a relationship cannot be saved, with a message for the editor. <see cref="Cycle"/> is set for a PartOf cycle.</summary>
public sealed record RelationshipProblem(RelationshipProblemKind Kind, string Message, IReadOnlyList<int>? Cycle = null);

/// <summary>
/// Checks a relationship before the editor saves it: no self-link, no duplicate, no PartOf cycle. It reads the
/// <see cref="GraphIndex"/>, which may lag the database by an edit made elsewhere a moment ago; the database's
/// unique index still guards duplicates, so treat these checks as the friendly first line.
/// </summary>
public sealed class RelationshipValidator(GraphIndex index)
{
    private readonly GraphIndex _index = index ?? throw new ArgumentNullException(nameof(index));

    public static bool IsSelfLink(int sourceId, int targetId) => sourceId == targetId;

    /// <summary>
    /// True when Source → Target of this type exists already, other than the relationship being edited
    /// (<paramref name="editingRelationshipId"/>).
    /// </summary>
    public bool IsDuplicate(int sourceId, int targetId, RelationshipType type, int? editingRelationshipId = null) =>
        _index.FindEdge(sourceId, targetId, type) is { } existing && existing.RelationshipId != editingRelationshipId;

    /// <summary>Every problem with saving "Source {type} Target"; empty when it can be saved.</summary>
    public IReadOnlyList<RelationshipProblem> Validate(int sourceId, int targetId, RelationshipType type, int? editingRelationshipId = null)
    {
        if (IsSelfLink(sourceId, targetId))
        {
            return [new RelationshipProblem(RelationshipProblemKind.SelfLink, $"{NameOf(sourceId)} cannot {RelationshipText.Infinitive(type)} itself.")];
        }

        var problems = new List<RelationshipProblem>();
        if (IsDuplicate(sourceId, targetId, type, editingRelationshipId))
        {
            problems.Add(new RelationshipProblem(
                RelationshipProblemKind.Duplicate, $"{NameOf(sourceId)} already {RelationshipText.Verb(type)} {NameOf(targetId)}."));
        }

        if (type == RelationshipType.PartOf && new CycleDetector(_index).WouldCreatePartOfCycle(sourceId, targetId) is { } cycle)
        {
            problems.Add(new RelationshipProblem(
                RelationshipProblemKind.PartOfCycle,
                $"{NameOf(sourceId)} cannot be part of {NameOf(targetId)}: that would close the cycle {new CycleDetector(_index).Describe(cycle)}.",
                cycle));
        }

        return problems;
    }


    private string NameOf(int nodeId) => _index.TryGetNode(nodeId, out var node) ? node.Name : $"Node #{nodeId}";
}
