using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Interop;

/// <summary>What committing an imported entity would do.</summary>
public enum ImportChange
{
    Add,
    Update,
    Unchanged,
    Error,

    /// <summary>Came from the import's source earlier and is absent now: deleted on commit.</summary>
    Remove,

    /// <summary>
    /// A node that came from the import's source earlier and is absent now, but that the portal keeps things about
    /// (relationships, SLA targets, contracts, roles, contacts; <see cref="ImportItem.Note"/> names them): retired on commit.
    /// </summary>
    Retire,

    /// <summary>A removal the user chose to keep: left as it is.</summary>
    Keep,
}

/// <summary>A problem with the input. <see cref="Where"/> names the row ("row 4") or the entity ("Component payments in catalog-info.yaml").</summary>
public sealed record ImportIssue(string Where, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"{Where}: {Message}" : $"{Where}, {Field}: {Message}";
}

/// <summary>
/// One imported entity and what committing it would do; <see cref="ChangedFields"/> lists the fields an update changes.
/// <see cref="Note"/> says why a removed node is retired rather than deleted.
/// </summary>
public sealed record ImportItem(string Where, string EntityType, string Key, string Name, ImportChange Change, IReadOnlyList<string> ChangedFields, IReadOnlyList<ImportIssue> Errors, string? Note = null)
{
    public bool IsRemoval => Change is ImportChange.Remove or ImportChange.Retire or ImportChange.Keep;
}

/// <summary>
/// What an import would do. <see cref="FileError"/> is set when the input as a whole is refused (not CSV, not YAML, a
/// missing column); <see cref="Warnings"/> name what the input holds but the import does not use (never silently).
/// </summary>
public sealed record ImportPreview(string? FileError, IReadOnlyList<ImportItem> Items, IReadOnlyList<ImportIssue> Warnings)
{
    public int AddCount => Items.Count(i => i.Change == ImportChange.Add);

    public int UpdateCount => Items.Count(i => i.Change == ImportChange.Update);

    public int UnchangedCount => Items.Count(i => i.Change == ImportChange.Unchanged);

    /// <summary>Removals to do: deleted or retired.</summary>
    public int RemoveCount => Items.Count(i => i.Change is ImportChange.Remove or ImportChange.Retire);

    public int RetireCount => Items.Count(i => i.Change == ImportChange.Retire);

    public int KeepCount => Items.Count(i => i.Change == ImportChange.Keep);

    /// <summary>What came from the import's source earlier and is absent now, to remove or (unticked) to keep.</summary>
    public IEnumerable<ImportItem> Removals => Items.Where(i => i.IsRemoval);

    public int ErrorCount => Items.Count(i => i.Change == ImportChange.Error) + (FileError is null ? 0 : 1);

    public IEnumerable<ImportIssue> Errors => Items.SelectMany(i => i.Errors);

    public bool CanCommit => FileError is null && Items.Count > 0 && Items.All(i => i.Change != ImportChange.Error);

    public static ImportPreview Refused(string error) => new(error, [], []);
}

public sealed record ImportResult(bool Committed, string Message, ImportPreview Preview);

/// <summary>
/// The source an import names (a Backstage catalog: "payments-repo", "catalog-info.yaml") and the removals to keep. With
/// a source, what the source imported earlier and is absent now is removed; without one the import only adds and updates.
/// <see cref="Keep"/> holds the keys of removals (as the preview lists them) to leave as they are.
/// </summary>
public sealed record ImportSync(string? Source, IReadOnlyCollection<string>? Keep = null)
{
    public static readonly ImportSync None = new(Source: null);

    /// <summary>What is wrong with a source's name, or null (none given is fine: no removals then).</summary>
    public static string? SourceProblem(string? source)
    {
        if (source is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return "The source's name is empty: name where the catalog comes from, or leave it out to only add and update.";
        }

        if (source.Trim().Length > FieldLengths.Short)
        {
            return $"The source's name is at most {FieldLengths.Short} characters.";
        }

        return TextRules.Problem(source, isName: true) is { } problem ? $"The source's name {problem}." : null;
    }
}

/// <summary>One input file (Backstage catalogs are often several).</summary>
public sealed record ImportFile(string Name, byte[] Content);

/// <summary>The input formats.</summary>
public enum ImportFormat
{
    ServicesCsv,
    ConfigurationItemsCsv,
    SuppliersCsv,
    DomainsCsv,
    Bundle,
    Backstage,
}

// The normalised input every format is parsed into. A null field means "not given": an update keeps the stored value,
// an add takes the same default as the create dialog.

internal sealed record DomainDraft(string Where, string Key, string? Name, string? Description);

internal sealed record NodeDraft(string Where, NodeType Type, string Key, string? Name)
{
    public string? Description { get; init; }

    public Lifecycle? Lifecycle { get; init; }

    public OperationalStatus? Status { get; init; }

    /// <summary>Domain key; "" clears the domain.</summary>
    public string? Domain { get; init; }

    public ServiceKind? Kind { get; init; }

    public int? Tier { get; init; }

    public Sourcing? Sourcing { get; init; }

    public CiType? CiType { get; init; }

    public string? Location { get; init; }

    public bool? IsInternal { get; init; }

    public SupplierCategory? Category { get; init; }

    public RiskRating? RiskRating { get; init; }

    public string? Website { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    /// <summary>Tags, links, annotations, type and lifecycle words; null keeps the stored ones.</summary>
    public NodeDescriptor? Descriptor { get; init; }

    public bool? Deprecated { get; init; }

    /// <summary>
    /// The source a bundle row names (where it was exported from): given to the node only when this import adds it;
    /// a stored node keeps its own. Only an import that names a source itself (<see cref="ImportSet.Source"/>) takes over.
    /// </summary>
    public string? ExportedSource { get; init; }
}

internal sealed record GroupDraft(string Where, string Key, string? Name, int? MinimumUp);

/// <param name="SkipWhenMissing">
/// When set, an end that is neither in the portal nor in the input does not make the relationship an error: it is
/// skipped with this warning (a Backstage reference to an entity that is catalogued elsewhere).
/// </param>
/// <param name="ExportedSource">The source a bundle row names: given to the relationship only when this import adds it (as <see cref="NodeDraft.ExportedSource"/>).</param>
internal sealed record RelationshipDraft(string Where, string From, RelationshipType Type, string To, string? Group = null, string? Description = null, ImportIssue? SkipWhenMissing = null, string? ExportedSource = null);

/// <summary>A person (a Backstage User), matched by e-mail. <paramref name="Supplier"/>: the key of their team; "" for none; null keeps the stored one.</summary>
internal sealed record PersonDraft(string Where, string Email, string? Name, string? Supplier);

/// <summary>An Accountable role over a service: its owner (<see cref="Governance.GovernanceRoleKeys.ServiceOwner"/>) or a member of its owning team.</summary>
internal sealed record AssignmentDraft(string Where, string Email, string Role, string Node);

internal sealed class ImportSet
{
    public List<PersonDraft> People { get; } = [];

    public List<AssignmentDraft> Assignments { get; } = [];

    public List<DomainDraft> Domains { get; } = [];

    public List<NodeDraft> Nodes { get; } = [];

    public List<GroupDraft> Groups { get; } = [];

    public List<RelationshipDraft> Relationships { get; } = [];

    /// <summary>Problems found while parsing, by entity; an entity with one is not imported and the import cannot commit.</summary>
    public List<ImportItem> Invalid { get; } = [];

    public List<ImportIssue> Warnings { get; } = [];

    public string? FileError { get; set; }

    /// <summary>The source this import names (trimmed), or null: then nothing is removed and no node's source changes.</summary>
    public string? Source { get; set; }

    /// <summary>The keys of removals to keep (as the preview lists them).</summary>
    public IReadOnlySet<string> Keep { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The bundle the set was read from (a bundle import only): a whole one is loaded from it by the seed loader.</summary>
    public Seeding.PortalBundle? Bundle { get; set; }

    /// <summary>
    /// Run by the planner against the database before each plan (a reader without database access matching its
    /// references to stored entries, e.g. Backstage's case-insensitive entity references); returns that plan's warnings.
    /// It may run more than once on the same set, so it must give the same result each time.
    /// </summary>
    public Func<Data.PortalDbContext, CancellationToken, Task<IReadOnlyList<ImportIssue>>>? MatchStored { get; set; }
}
