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

/// <summary>A rule of the score that the data breaks, about one entity, with where to go to fix it.</summary>
/// <param name="EntityKey">The entity's key (a contract's reference; for a person or an assignment, its id as text).</param>
/// <param name="FixLink">A relative URL of the page where the gap is fixed (see <see cref="FixLinks"/>).</param>
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
    string FixLink,
    int? DomainId = null);

/// <summary>Relative URLs of the pages where gaps are fixed; one place so pages and rules agree.</summary>
public static class FixLinks
{
    public static string Service(string key) => "/catalog/services/" + Uri.EscapeDataString(key);

    public static string Domain(string key) => "/governance/domains/" + Uri.EscapeDataString(key);

    public static string Practice(string key) => "/score/practices/" + Uri.EscapeDataString(key);

    public static string Supplier(string key) => "/suppliers/" + Uri.EscapeDataString(key);

    public static string Contract(string reference) => "/suppliers/contracts/" + Uri.EscapeDataString(reference);

    public static string Person(int id) => $"/governance/people/{id}";

    public static string Assignment(int id) => $"/governance/assignments/{id}";

    public static string Role(string key) => "/governance/roles/" + Uri.EscapeDataString(key);
}
