using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Slas;

public enum SlaMetric
{
    Availability,
    ResponseTime,
    ResolutionTime,
    Custom,
}

public enum TargetDirection
{
    /// <summary>The actual value must be at least the target (availability).</summary>
    AtLeast,

    /// <summary>The actual value must be at most the target (response and resolution times).</summary>
    AtMost,
}

public enum MeasurementPeriod
{
    Monthly,
    Quarterly,
}

/// <summary>A measurable promise under a contract for a service.</summary>
public class SlaTarget : Entity
{
    /// <summary>Stable reference used by imports and the API (e.g. "PAYGW-AVAIL").</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public int ContractId { get; set; }

    public Contract? Contract { get; set; }

    public int ServiceId { get; set; }

    public Service? Service { get; set; }

    public SlaMetric Metric { get; set; }

    /// <summary>Unit shown beside values: "%", "min", "h", or a custom metric's unit.</summary>
    public required string Unit { get; set; }

    public double Target { get; set; }

    public TargetDirection Direction { get; set; }

    public MeasurementPeriod Period { get; set; } = MeasurementPeriod.Monthly;

    /// <summary>How far inside the target a value counts as "at risk" (same unit as the target).</summary>
    public double WarningBand { get; set; }

    /// <summary>Share of the period's contract value credited back for a breached period, in percent.</summary>
    public double ServiceCreditPercent { get; set; }

    public List<SlaMeasurement> Measurements { get; set; } = [];
}
