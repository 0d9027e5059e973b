using System.ComponentModel.DataAnnotations;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.OperatingModel;

/// <summary>A score version as the history list and the board header show it.</summary>
public sealed record ScoreVersionRow(
    int Id,
    int Version,
    int Number,
    string Title,
    ScoreVersionStatus Status,
    string? ChangeNote,
    string? CreatedBy,
    DateTime CreatedAt,
    DateTime? PublishedAt,
    string? PublishedBy,
    int? BasedOnNumber,
    int Practices)
{
    /// <summary>Only the draft is edited; published and superseded versions are read-only.</summary>
    public bool IsEditable => Status == ScoreVersionStatus.Draft;

    public string Label => $"v{Number} · {Title} ({Status})";
}

/// <summary>A KPI of a practice with its measurable target, as the board, the comparison and the API show it.</summary>
/// <param name="TargetValue">The number; <see cref="Target"/> is how people read it ("≤ 10%").</param>
public sealed record KpiLine(
    string Key, string Name, KpiMetric Metric, string Unit, double TargetValue, TargetDirection Direction, double WarningBand, MeasurementPeriod Period)
{
    public string Target => TargetRule.Describe(Direction, TargetValue, Unit);

    public static KpiLine From(PracticeKpi k) => new(k.Key, k.Name, k.Metric, k.Unit, k.Target, k.Direction, k.WarningBand, k.Period);
}

/// <summary>A KPI definition with the version of its row (the API's ETag) and its practice.</summary>
public sealed record KpiDefinition(int Version, string PracticeKey, string PracticeName, int ScoreVersionNumber, ScoreVersionStatus ScoreVersionStatus, KpiLine Kpi)
{
    public static KpiDefinition From(PracticeKpi k) =>
        new(k.Version, k.Practice?.Key ?? "", k.Practice?.Name ?? "", k.Practice?.ScoreVersion?.Number ?? 0, k.Practice?.ScoreVersion?.Status ?? ScoreVersionStatus.Draft, KpiLine.From(k));
}

/// <summary>A practice card on the board.</summary>
/// <param name="Owners">Names of the people holding the practice-owner role with RACI Accountable over this practice row.</param>
public sealed record PracticeCard(
    int Id,
    int Version,
    string Key,
    string Name,
    int StageId,
    int Order,
    string? Purpose,
    string? Policies,
    IReadOnlyList<KpiLine> Kpis,
    IReadOnlyList<string> Owners);

/// <summary>A value-stream stage column with its practice cards in order.</summary>
public sealed record StageColumn(int Id, string Key, string Name, int Order, string? Description, IReadOnlyList<PracticeCard> Practices);

/// <summary>One version of the common score laid out as the four value-stream stage columns.</summary>
public sealed record ScoreBoard(ScoreVersionRow Version, IReadOnlyList<StageColumn> Stages)
{
    public bool IsEditable => Version.IsEditable;

    public PracticeCard? Find(int practiceId) => Stages.SelectMany(s => s.Practices).FirstOrDefault(p => p.Id == practiceId);
}

/// <summary>The ways a card moves on the board: to the neighbouring stage, or up and down within its stage.</summary>
public enum MoveDirection
{
    Left,
    Right,
    Up,
    Down,
}

/// <summary>Create/edit form of a practice of the draft. <see cref="Version"/> is the version the user loaded.</summary>
public sealed class PracticeForm : KeyedForm
{
    public int ScoreVersionId { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Stage is required; pick one of Demand, Plan, Build, Run.")]
    public int StageId { get; set; }

    [StringLength(FieldLengths.Description, ErrorMessage = "Purpose is at most {1} characters.")]
    [PlainText(allowLineBreaks: true, ErrorMessage = "Purpose must not contain control characters.")]
    public string? Purpose { get; set; }

    [StringLength(FieldLengths.Description, ErrorMessage = "Policies are at most {1} characters.")]
    [PlainText(allowLineBreaks: true, ErrorMessage = "Policies must not contain control characters.")]
    public string? Policies { get; set; }

    /// <summary>Each KPI is its own row with a measurable target; see <see cref="KpiForm"/>.</summary>
    public List<KpiForm> Kpis { get; set; } = [];

    public PracticeForm Copy()
    {
        var copy = (PracticeForm)MemberwiseClone();
        copy.Kpis = Kpis.Select(k => k.Copy()).ToList();
        return copy;
    }

    public static PracticeForm From(Practice p) => new()
    {
        Id = p.Id,
        Version = p.Version,
        ScoreVersionId = p.ScoreVersionId,
        Key = p.Key,
        Name = p.Name,
        StageId = p.StageId,
        Purpose = p.Purpose,
        Policies = p.Policies,
        Kpis = p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(KpiForm.From).ToList(),
    };
}

/// <summary>
/// One KPI row of a practice form. <see cref="Key"/> identifies the KPI across score versions (measurements are kept
/// by it); left blank on a new KPI, it is made from the practice key and the name. <see cref="Target"/> is the number
/// as typed (a dot as decimal separator, e.g. "95" or "2.5"): the direction and unit are fields of their own, so
/// "≥ 95%" is refused with a message instead of being read as something else.
/// </summary>
public sealed class KpiForm
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public KpiMetric Metric { get; set; } = KpiMetric.Custom;

    public string Unit { get; set; } = "";

    public string Target { get; set; } = "";

    public TargetDirection Direction { get; set; } = TargetDirection.AtLeast;

    public double WarningBand { get; set; }

    public MeasurementPeriod Period { get; set; } = MeasurementPeriod.Monthly;

    public KpiForm Copy() => (KpiForm)MemberwiseClone();

    public static KpiForm From(PracticeKpi k) => new()
    {
        Key = k.Key,
        Name = k.Name,
        Metric = k.Metric,
        Unit = k.Unit,
        Target = k.Target.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        Direction = k.Direction,
        WarningBand = k.WarningBand,
        Period = k.Period,
    };
}

/// <summary>What the CIO sends to publish the draft.</summary>
public sealed class PublishForm
{
    public int VersionId { get; set; }

    public int Version { get; set; }

    [Required(ErrorMessage = "Change note is required: say what changed and why.")]
    [StringLength(FieldLengths.Description, ErrorMessage = "Change note is at most {1} characters.")]
    [PlainText(allowLineBreaks: true, ErrorMessage = "Change note must not contain control characters.")]
    public string ChangeNote { get; set; } = "";
}
