namespace ServicePortal.Core.Governance;

/// <summary>How urgently a gap needs fixing; declared most urgent first so sorting by it puts Critical on top.</summary>
public enum GapSeverity
{
    Critical,
    High,
    Medium,
    Low,
}

/// <summary>The kind of thing a gap is about.</summary>
public enum GapEntityType
{
    Enterprise,
    Domain,
    Service,
    Practice,
    Supplier,
    Contract,
    Person,
    RoleAssignment,

    /// <summary>A practice KPI; the entity id is the practice's, the key the KPI's.</summary>
    Kpi,
}

/// <summary>A rule of the common score, with a stable id (used in URLs, filters and tests) and its wording.</summary>
/// <param name="IsOwnershipRule">Ownership rules decide <see cref="ScoreCoverage"/>.</param>
public sealed record GovernanceRule(string Id, string Description, bool IsOwnershipRule = false);

/// <summary>A rule of the score that the data breaks, about one entity (the Web links it to the page where it is fixed).</summary>
/// <param name="EntityKey">The entity's key (a contract's reference; for a person or an assignment, its id as text).</param>
/// <param name="DomainId">The domain the entity belongs to, when it has one (to group gaps per domain).</param>
public sealed record GovernanceGap(
    string RuleId,
    string Rule,
    GapSeverity Severity,
    GapEntityType EntityType,
    int EntityId,
    string EntityKey,
    string EntityName,
    string Message,
    int? DomainId = null);
