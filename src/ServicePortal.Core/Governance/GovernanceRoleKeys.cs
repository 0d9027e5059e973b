namespace ServicePortal.Core.Governance;

/// <summary>
/// The <see cref="GovernanceRole.Key"/> values the governance rules look for. The role list is editable, but these
/// roles must exist under these keys for the rules to find their holders (the seed data uses the same constants).
/// Keys are compared ignoring case.
/// </summary>
public static class GovernanceRoleKeys
{
    public const string Conductor = "conductor";
    public const string ServiceOwner = "service-owner";
    public const string PracticeOwner = "practice-owner";
    public const string SupplierManager = "supplier-manager";
    public const string ServiceLevelManager = "service-level-manager";
    public const string Architect = "architect";

    /// <summary>A member of the team that owns a service (a Backstage Group's member); held Accountable, so the impact view's "who to call" lists them.</summary>
    public const string OwningTeam = "owning-team";

    /// <summary>
    /// The scopes each known role may be held over; a role not listed here (added by users) may be held over any
    /// scope. Conductors conduct the enterprise or a domain; owners own exactly the kind of thing they are named after;
    /// a supplier manager manages suppliers (or heads supplier management for the enterprise); a service level manager
    /// looks after services, a domain's services or all of them; an architect works on the enterprise, a domain or a service.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<ScopeType>> AllowedScopes { get; } =
        new Dictionary<string, IReadOnlySet<ScopeType>>(StringComparer.OrdinalIgnoreCase)
        {
            [Conductor] = new HashSet<ScopeType> { ScopeType.Enterprise, ScopeType.Domain },
            [ServiceOwner] = new HashSet<ScopeType> { ScopeType.Service },
            [PracticeOwner] = new HashSet<ScopeType> { ScopeType.Practice },
            [SupplierManager] = new HashSet<ScopeType> { ScopeType.Supplier, ScopeType.Enterprise },
            [ServiceLevelManager] = new HashSet<ScopeType> { ScopeType.Service, ScopeType.Domain, ScopeType.Enterprise },
            [Architect] = new HashSet<ScopeType> { ScopeType.Enterprise, ScopeType.Domain, ScopeType.Service },
        };
}
