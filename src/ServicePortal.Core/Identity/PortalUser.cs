using Microsoft.AspNetCore.Identity;

namespace ServicePortal.Core.Identity;

/// <summary>A sign-in account. Portal roles are Identity roles (see <see cref="PortalRoles"/>).</summary>
public class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

/// <summary>The sign-in roles of the portal (not to be confused with governance roles of the score).</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Cio = "CIO";
    public const string GovernanceStaff = "GovernanceStaff";
    public const string SupplierManager = "SupplierManager";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Cio, GovernanceStaff, SupplierManager, Viewer];
}

/// <summary>Named authorization policies; the same names guard pages, dialogs and API endpoints.</summary>
public static class PortalPolicies
{
    public const string EditCatalog = "edit catalog";
    public const string EditSupplierRegistry = "edit supplier registry";
    public const string EditScore = "edit score";
    public const string PublishScore = "publish score";
    public const string EditSuppliersAndSlas = "edit suppliers and SLAs";
    public const string Administer = "administer";
    public const string ReadAudit = "read audit";
    public const string EditScenarios = "edit scenarios";

    /// <summary>Which sign-in roles satisfy each policy.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [EditCatalog] = [PortalRoles.Admin, PortalRoles.GovernanceStaff],
        [EditSupplierRegistry] = [PortalRoles.Admin, PortalRoles.GovernanceStaff, PortalRoles.SupplierManager],
        [EditScore] = [PortalRoles.Admin, PortalRoles.GovernanceStaff],
        [PublishScore] = [PortalRoles.Cio],
        [EditSuppliersAndSlas] = [PortalRoles.Admin, PortalRoles.SupplierManager],
        [Administer] = [PortalRoles.Admin],
        [ReadAudit] = [PortalRoles.Admin, PortalRoles.Cio],
        [EditScenarios] = [PortalRoles.Admin, PortalRoles.Cio, PortalRoles.GovernanceStaff],
    };
}
