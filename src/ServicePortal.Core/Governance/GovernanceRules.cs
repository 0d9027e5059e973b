namespace ServicePortal.Core.Governance;

/// <summary>
/// The rules of the common score that <see cref="GovernanceRuleEngine"/> checks, in the order gaps of equal severity
/// are listed. Decisions that apply to several rules:
/// <list type="bullet">
/// <item>A person who has left (LeftOn ≤ today) holds nothing any more: their assignments never satisfy a rule, and
/// are reported by <see cref="LeaverHoldsRole"/>.</item>
/// <item>Ownership is counted in distinct people: the same person assigned twice as accountable is one owner.</item>
/// <item>"Has a conductor / manager" means an assignment with RACI Accountable or Responsible; Consulted and Informed
/// do not conduct or manage anything.</item>
/// <item>Role keys are those of <see cref="GovernanceRoleKeys"/>, compared ignoring case.</item>
/// </list>
/// </summary>
public static class GovernanceRules
{
    /// <summary>How far ahead <see cref="ContractEnding"/> looks.</summary>
    public const int ContractHorizonDays = 90;

    /// <summary>
    /// A live service needs exactly one person holding <see cref="GovernanceRoleKeys.ServiceOwner"/> with RACI
    /// Accountable over the service. None: Critical for tier 1–2, High for tier 3–4. Two or more: High.
    /// </summary>
    public static readonly GovernanceRule ServiceAccountableOwner = new(
        "service-accountable-owner", "Every live service has exactly one accountable service owner.", IsOwnershipRule: true);

    /// <summary>
    /// Every practice of the current score version needs exactly one person holding
    /// <see cref="GovernanceRoleKeys.PracticeOwner"/> with RACI Accountable over that practice. The current version is
    /// the latest published one, or the latest draft while nothing is published yet. Practices belong to one version,
    /// so the assignments counted are those over the current version's practice rows: publishing a version must carry
    /// its owners over. None or several: High.
    /// </summary>
    public static readonly GovernanceRule PracticeAccountableOwner = new(
        "practice-accountable-owner", "Every practice of the current score version has exactly one accountable practice owner.", IsOwnershipRule: true);

    /// <summary>
    /// Every domain needs a <see cref="GovernanceRoleKeys.Conductor"/> assigned over that domain (Accountable or
    /// Responsible). The enterprise conductor does not count for a domain: the rule asks that each domain has someone
    /// conducting its players; the enterprise conductor is checked by <see cref="EnterpriseConductor"/>.
    /// High when the domain has live services, Low while it is empty.
    /// </summary>
    public static readonly GovernanceRule DomainConductor = new(
        "domain-conductor", "Every domain has a conductor assigned over the domain.");

    /// <summary>Exactly one person is the accountable <see cref="GovernanceRoleKeys.Conductor"/> of the enterprise (the CIO). None: Critical; several: High.</summary>
    public static readonly GovernanceRule EnterpriseConductor = new(
        "enterprise-conductor", "The enterprise has exactly one accountable conductor.");

    /// <summary>
    /// A live External or Hybrid service needs at least one SLA target for it under a contract with an external
    /// (not internal) supplier. High for tier 1–2, Medium otherwise.
    /// </summary>
    public static readonly GovernanceRule ExternalServiceSla = new(
        "external-service-sla", "Every live external or hybrid service has a supplier SLA target.");

    /// <summary>
    /// A contract that is not a draft and has ended (EndDate before today, or status Expired or Terminated) or ends
    /// within <see cref="ContractHorizonDays"/> days, while it covers live services. A live service does not count when
    /// a renewal covers it: another Active contract covering it that starts no later than the day after this one ends
    /// (or today, if later) and runs beyond the horizon. Ended: Critical; ending: High.
    /// </summary>
    public static readonly GovernanceRule ContractEnding = new(
        "contract-ending", $"No contract covering live services ends within {ContractHorizonDays} days or has ended without a renewal.");

    /// <summary>A person who has left (LeftOn ≤ today) still holds role assignments. One gap per person; High if any is Accountable, else Medium.</summary>
    public static readonly GovernanceRule LeaverHoldsRole = new(
        "leaver-holds-role", "People who have left hold no governance role.");

    /// <summary>
    /// A live tier-1 or tier-2 service needs a <see cref="GovernanceRoleKeys.ServiceLevelManager"/> (Accountable or
    /// Responsible) over the service or over its domain. Medium.
    /// </summary>
    public static readonly GovernanceRule ServiceLevelManager = new(
        "service-level-manager", "Every live tier-1 or tier-2 service has a service level manager.");

    /// <summary>A strategic supplier that is not retired needs a <see cref="GovernanceRoleKeys.SupplierManager"/> (Accountable or Responsible) over it. High.</summary>
    public static readonly GovernanceRule StrategicSupplierManager = new(
        "strategic-supplier-manager", "Every strategic supplier has a supplier manager.");

    /// <summary>
    /// An assignment must be over a scope its role fits (<see cref="GovernanceRoleKeys.AllowedScopes"/>) and must name
    /// a thing of its scope type: a Service scope names a service (not a supplier or configuration item), a Supplier
    /// scope a supplier, a Domain scope a domain, a Practice scope a practice. Medium.
    /// </summary>
    public static readonly GovernanceRule AssignmentScope = new(
        "assignment-scope", "Every role is assigned over a scope that fits it.");

    /// <summary>A live service belongs to a domain (health and coverage are shown per domain). Medium.</summary>
    public static readonly GovernanceRule ServiceDomain = new(
        "service-domain", "Every live service belongs to a domain.");

    /// <summary>
    /// A practice of the current score version that has KPIs needs an accountable owner for them: a person (who has not
    /// left) holding <see cref="GovernanceRoleKeys.PracticeOwner"/> with RACI Accountable over the practice. Otherwise
    /// nobody answers for a missed target. High. (<see cref="PracticeAccountableOwner"/> asks the same of every practice;
    /// this rule names the KPIs left without an owner.)
    /// </summary>
    public static readonly GovernanceRule KpiAccountableOwner = new(
        "kpi-accountable-owner", "Every practice with KPIs has an accountable owner for them.");

    /// <summary>
    /// A KPI of the current score version was missed (by the shared target rule) in each of the last
    /// <see cref="KpiMissedPeriods"/> completed periods (months, or quarters for a quarterly KPI; the period containing
    /// today is still open and does not count). High.
    /// </summary>
    public static readonly GovernanceRule KpiMissedRunning = new(
        "kpi-missed-running", $"No KPI is missed {KpiMissedPeriods} periods running.");

    /// <summary>
    /// A KPI of the current score version has no measurement for either of the last <see cref="KpiUnmeasuredPeriods"/>
    /// completed periods: an unmeasured target tells nobody anything. Medium.
    /// </summary>
    public static readonly GovernanceRule KpiUnmeasured = new(
        "kpi-unmeasured", $"Every KPI is measured at least once in its last {KpiUnmeasuredPeriods} periods.");

    /// <summary>
    /// A live business service that promises an availability (an availability SLA target held on it) must be able to
    /// keep it: the availability its dependency chain can deliver from the SLA targets beneath it (series multiply,
    /// redundancy groups combine in parallel; see <see cref="SlaChainShortfallFacts"/>, worked out by the resilience
    /// feature) is at least the promise. The gap names the weakest links. High for tier 1–2, Medium otherwise.
    /// </summary>
    public static readonly GovernanceRule SlaChainUnderpinned = new(
        "sla-chain-underpinned", "Every availability promised to the business is underpinned by the SLA targets beneath it.");

    /// <summary>How many completed periods in a row a KPI must miss for <see cref="KpiMissedRunning"/>.</summary>
    public const int KpiMissedPeriods = 3;

    /// <summary>How many completed periods in a row without a value make <see cref="KpiUnmeasured"/>.</summary>
    public const int KpiUnmeasuredPeriods = 2;

    public static IReadOnlyList<GovernanceRule> All { get; } =
    [
        EnterpriseConductor, ServiceAccountableOwner, PracticeAccountableOwner, DomainConductor, ExternalServiceSla, ContractEnding,
        LeaverHoldsRole, StrategicSupplierManager, ServiceLevelManager, AssignmentScope, ServiceDomain,
        KpiAccountableOwner, KpiMissedRunning, KpiUnmeasured, SlaChainUnderpinned,
    ];
}
