using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

public enum ServiceKind
{
    Business,
    Application,
    Technical,
}

public enum Sourcing
{
    Internal,
    External,
    Hybrid,
}

/// <summary>An entry of the service catalog.</summary>
public class Service : Node
{
    public const int HighestTier = 1;
    public const int LowestTier = 4;

    public ServiceKind Kind { get; set; }

    /// <summary>Criticality tier: 1 is business-critical, 4 is low.</summary>
    public int Tier { get; set; } = 3;

    public Sourcing Sourcing { get; set; }

    public List<Contract> Contracts { get; set; } = [];
}
