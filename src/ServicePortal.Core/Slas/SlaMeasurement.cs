namespace ServicePortal.Core.Slas;

/// <summary>The actual value of an SLA target for one period; unique per target and period.</summary>
public class SlaMeasurement : Entity
{
    public int SlaTargetId { get; set; }

    public SlaTarget? SlaTarget { get; set; }

    /// <summary>First day of the measured period (a month, or the first month of a quarter).</summary>
    public DateOnly PeriodStart { get; set; }

    public double Value { get; set; }

    public string? Note { get; set; }

    public string? RecordedBy { get; set; }
}
