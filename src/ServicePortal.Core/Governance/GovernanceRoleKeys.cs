namespace ServicePortal.Core.Governance;

/// <summary>Keys of the governance roles that rules and pages refer to; the role catalogue itself is editable.</summary>
public static class GovernanceRoleKeys
{
    public const string Conductor = "conductor";
    public const string ServiceOwner = "service-owner";
    public const string PracticeOwner = "practice-owner";
    public const string SupplierManager = "supplier-manager";
    public const string ServiceLevelManager = "service-level-manager";
    public const string Architect = "architect";
}
