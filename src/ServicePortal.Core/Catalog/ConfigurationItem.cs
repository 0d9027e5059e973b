namespace ServicePortal.Core.Catalog;

public enum CiType
{
    Application,
    Database,
    Server,
    NetworkLink,
    CloudResource,
    SaasTenant,
}

/// <summary>A component a service runs on.</summary>
public class ConfigurationItem : Node
{
    public CiType CiType { get; set; }

    /// <summary>Where it runs: a data centre, a cloud region, a vendor's tenant.</summary>
    public string? Location { get; set; }
}
