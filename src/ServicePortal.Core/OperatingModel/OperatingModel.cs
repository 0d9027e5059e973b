using ServicePortal.Core.Slas;

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

/// <summary>What kind of thing a practice KPI measures (the five the value stream is judged on first).</summary>
public enum KpiMetric
{
    /// <summary>How long work takes through the process (lead time, time to restore, time to triage).</summary>
    CycleTime,

    /// <summary>Share of work that fails or has to be redone (change failure rate, defects, repeat incidents), in %.</summary>
    ErrorRate,

    /// <summary>Share of capacity in use (people, platforms), in %.</summary>
    Utilisation,

    /// <summary>Work completed per period (deployments, changes, tickets).</summary>
    Throughput,

    /// <summary>Return on investment, in %; may be negative.</summary>
    ReturnOnInvestment,

    /// <summary>Share of items that follow a policy (reviewed, tested, assessed), in %.</summary>
    Compliance,

    /// <summary>A satisfaction score.</summary>
    Satisfaction,

    /// <summary>Any other number.</summary>
    Custom,
}

/// <summary>
/// A measurable indicator of a practice within one score version: metric, unit, target, direction, warning band and
/// period. Its <see cref="Key"/> is stable across versions (measurements are recorded against the key, so a new
/// version keeps the history) and unique within a version. A draft's KPIs are edited with the practice; publishing
/// fixes them (<see cref="ScoreEditor"/> refuses every change to a KPI of a published or superseded version).
/// </summary>
public class PracticeKpi : Entity
{
    public int PracticeId { get; set; }

    public Practice? Practice { get; set; }

    /// <summary>Stable reference used by measurements, imports and the API (e.g. "KPI-CHANGE-FAILURE-RATE").</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public KpiMetric Metric { get; set; }

    /// <summary>Unit shown beside values: "%", "days", "h", "min", "per month", "/10".</summary>
    public required string Unit { get; set; }

    public double Target { get; set; }

    public TargetDirection Direction { get; set; }

    /// <summary>How far inside the target a value counts as "at risk" (same unit as the target).</summary>
    public double WarningBand { get; set; }

    public MeasurementPeriod Period { get; set; } = MeasurementPeriod.Monthly;

    /// <summary>Position of the KPI within its practice.</summary>
    public int Order { get; set; }

    /// <summary>
    /// Free-text definition of the KPI (how it is counted). KPIs recorded before they became measurable keep their
    /// old text target here, so an upgraded installation loses nothing.
    /// </summary>
    public string? Definition { get; set; }
}

/// <summary>The actual value of a practice KPI for one period; unique per KPI key and period (so it survives new score versions).</summary>
public class KpiMeasurement : Entity, Slas.IRecordedValue
{
    /// <summary>The <see cref="PracticeKpi.Key"/> measured.</summary>
    public required string KpiKey { get; set; }

    /// <summary>First day of the measured period (a month, or the first month of a quarter).</summary>
    public DateOnly PeriodStart { get; set; }

    public double Value { get; set; }

    public string? Note { get; set; }

    public string? RecordedBy { get; set; }
}
