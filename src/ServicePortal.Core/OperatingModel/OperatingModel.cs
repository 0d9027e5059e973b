namespace ServicePortal.Core.OperatingModel;

/// <summary>A stage of the value stream: Demand, Plan, Build, Run, in that order.</summary>
public class ValueStreamStage : Entity
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public int Order { get; set; }

    public string? Description { get; set; }
}

public enum ScoreVersionStatus
{
    Draft,
    Published,
    Superseded,
}

/// <summary>
/// A version of the common score. Exactly one draft is edited at a time; publishing makes it read-only
/// and supersedes the previous published version.
/// </summary>
public class ScoreVersion : Entity
{
    public int Number { get; set; }

    public required string Title { get; set; }

    public ScoreVersionStatus Status { get; set; } = ScoreVersionStatus.Draft;

    public string? ChangeNote { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public int? BasedOnId { get; set; }

    public List<Practice> Practices { get; set; } = [];
}

/// <summary>A management practice placed on a value-stream stage within one score version.</summary>
public class Practice : Entity
{
    public int ScoreVersionId { get; set; }

    public ScoreVersion? ScoreVersion { get; set; }

    /// <summary>Stable identity of the practice across versions (used to compare versions).</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public int StageId { get; set; }

    public ValueStreamStage? Stage { get; set; }

    /// <summary>Position of the card within its stage column.</summary>
    public int Order { get; set; }

    public string? Purpose { get; set; }

    public string? Policies { get; set; }

    public List<PracticeKpi> Kpis { get; set; } = [];
}

/// <summary>A key performance indicator of a practice, with its target.</summary>
public class PracticeKpi
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    public required string Name { get; set; }

    public required string Target { get; set; }
}
