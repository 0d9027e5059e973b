namespace ServicePortal.Core.Slas;

/// <summary>The actual value of an SLA target for one period; unique per target and period.</summary>
public class SlaMeasurement : Entity, IRecordedValue
{
    public int SlaTargetId { get; set; }

    public SlaTarget? SlaTarget { get; set; }

    /// <summary>First day of the measured period (a month, or the first month of a quarter).</summary>
    public DateOnly PeriodStart { get; set; }

    public double Value { get; set; }

    public string? Note { get; set; }

    public string? RecordedBy { get; set; }
}

/// <summary>What every recorded value of a target for one period holds (an SLA measurement, a KPI measurement).</summary>
public interface IRecordedValue
{
    DateOnly PeriodStart { get; set; }

    double Value { get; set; }

    string? Note { get; set; }

    string? RecordedBy { get; set; }
}
