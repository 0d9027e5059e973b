using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Suppliers;

public enum SupplierCategory
{
    Strategic,
    Tactical,
    Operational,
    Commodity,
}

public enum RiskRating
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>An internal team or external company that delivers services or configuration items.</summary>
public class Supplier : Node
{
    public bool IsInternal { get; set; }

    public SupplierCategory Category { get; set; }

    public RiskRating RiskRating { get; set; }

    public string? Website { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public List<Contract> Contracts { get; set; } = [];
}
