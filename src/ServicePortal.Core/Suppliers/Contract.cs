using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Suppliers;

public enum ContractStatus
{
    Draft,
    Active,
    Expired,
    Terminated,
}

/// <summary>An agreement between the organisation and a supplier.</summary>
public class Contract : Entity
{
    public required string Reference { get; set; }

    public required string Title { get; set; }

    public int SupplierId { get; set; }

    public Supplier? Supplier { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public int NoticePeriodDays { get; set; }

    /// <summary>Annual contract value in <see cref="Currency"/>.</summary>
    public decimal AnnualValue { get; set; }

    public string Currency { get; set; } = "EUR";

    public ContractStatus Status { get; set; } = ContractStatus.Active;

    /// <summary>The services the contract covers.</summary>
    public List<Service> Services { get; set; } = [];

    public List<SlaTarget> SlaTargets { get; set; } = [];
}
