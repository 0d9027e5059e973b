using System.ComponentModel.DataAnnotations;

namespace ServicePortal.Core.Slas;

/// <summary>What the SLA target dialog sends. <see cref="Version"/> is the version the user loaded (0 for a new target).</summary>
public sealed class SlaTargetForm : KeyedForm
{
    [Required(ErrorMessage = "Contract is required.")]
    public int? ContractId { get; set; }

    [Required(ErrorMessage = "Service is required.")]
    public int? ServiceId { get; set; }

    [EnumDataType(typeof(SlaMetric), ErrorMessage = "Metric is not a known metric.")]
    public SlaMetric Metric { get; set; } = SlaMetric.Availability;

    /// <summary>The unit of a custom metric; the standard metrics have fixed units (see <see cref="SlaTargetEditor.UnitOf"/>).</summary>
    [StringLength(FieldLengths.Short, ErrorMessage = "Unit is at most {1} characters.")]
    [PlainText(ErrorMessage = "Unit must not contain control characters.")]
    public string? Unit { get; set; }

    public double Target { get; set; } = 99.9;

    [EnumDataType(typeof(TargetDirection), ErrorMessage = "Direction is not one of at least, at most.")]
    public TargetDirection Direction { get; set; } = TargetDirection.AtLeast;

    [Required(ErrorMessage = "Measurement period is required.")]
    [EnumDataType(typeof(MeasurementPeriod), ErrorMessage = "Measurement period is not one of Monthly, Quarterly.")]
    public MeasurementPeriod? Period { get; set; } = MeasurementPeriod.Monthly;

    public double WarningBand { get; set; }

    [Range(0, 100, ErrorMessage = "Service credit is between 0 and 100 %.")]
    public double ServiceCreditPercent { get; set; }

    public SlaTargetForm Copy() => (SlaTargetForm)MemberwiseClone();

    public static SlaTargetForm From(SlaTarget target) => new()
    {
        Id = target.Id,
        Version = target.Version,
        Key = target.Key,
        Name = target.Name,
        ContractId = target.ContractId,
        ServiceId = target.ServiceId,
        Metric = target.Metric,
        Unit = target.Unit,
        Target = target.Target,
        Direction = target.Direction,
        Period = target.Period,
        WarningBand = target.WarningBand,
        ServiceCreditPercent = target.ServiceCreditPercent,
    };
}
