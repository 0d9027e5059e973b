using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Governance;

/// <summary>
/// Builds governance snapshots by hand. <see cref="WellGoverned"/> breaks no rule; each test breaks one thing, so a
/// gap it finds can only come from that change.
/// </summary>
internal sealed class SnapshotBuilder
{
    public static readonly DateOnly Today = new(2026, 7, 10);

    // Ids of the well-governed baseline.
    public const int Payments = 10, Logistics = 11;
    public const int Checkout = 100, Reporting = 101;
    public const int PayCo = 200;
    public const int PayContract = 300;
    public const int Incident = 500, Change = 501;
    public const int Cio = 1, Alice = 2, Bob = 3, Carol = 4;

    private int _nextAssignmentId = 1;

    public DateOnly On { get; set; } = Today;

    public List<RoleFacts> Roles { get; } =
    [
        new(1, GovernanceRoleKeys.Conductor, "Conductor"),
        new(2, GovernanceRoleKeys.ServiceOwner, "Service owner"),
        new(3, GovernanceRoleKeys.PracticeOwner, "Practice owner"),
        new(4, GovernanceRoleKeys.SupplierManager, "Supplier manager"),
        new(5, GovernanceRoleKeys.ServiceLevelManager, "Service level manager"),
        new(6, GovernanceRoleKeys.Architect, "Architect"),
        new(7, "security-champion", "Security champion"),
    ];

    public List<PersonFacts> People { get; } =
    [
        new(Cio, "Cleo Cio", "cio@example.com", null),
        new(Alice, "Alice", "alice@example.com", null),
        new(Bob, "Bob", "bob@example.com", null),
        new(Carol, "Carol", "carol@example.com", null),
    ];

    public List<DomainFacts> Domains { get; } = [new(Payments, "payments", "Payments")];

    public List<ServiceFacts> Services { get; } =
    [
        new(Checkout, "checkout", "Checkout", Lifecycle.Live, 1, Sourcing.External, Payments),
        new(Reporting, "reporting", "Reporting", Lifecycle.Live, 3, Sourcing.Internal, Payments),
    ];

    public List<SupplierFacts> Suppliers { get; } = [new(PayCo, "payco", "PayCo", SupplierCategory.Strategic, false, Lifecycle.Live)];

    public List<ContractFacts> Contracts { get; } =
        [new(PayContract, "C-PAY", "Payment gateway", PayCo, new DateOnly(2024, 1, 1), new DateOnly(2028, 12, 31), ContractStatus.Active, [Checkout])];

    public List<SlaTargetFacts> SlaTargets { get; } = [new(400, "PAY-AVAIL", PayContract, Checkout)];

    public ScoreVersionFacts? ScoreVersion { get; set; } = new(1, 1, "First score", ScoreVersionStatus.Published);

    public List<PracticeFacts> Practices { get; } =
    [
        new(Incident, "incident-management", "Incident management", 1),
        new(Change, "change-enablement", "Change enablement", 1),
    ];

    public List<AssignmentFacts> Assignments { get; } = [];

    public List<KpiFacts> Kpis { get; } = [];

    public List<KpiValue> KpiValues { get; } = [];

    public static SnapshotBuilder WellGoverned() => new SnapshotBuilder()
        .Assign(Cio, GovernanceRoleKeys.Conductor, ScopeType.Enterprise, null)
        .Assign(Alice, GovernanceRoleKeys.Conductor, ScopeType.Domain, Payments)
        .Assign(Alice, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, Checkout)
        .Assign(Bob, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, Reporting)
        .Assign(Carol, GovernanceRoleKeys.PracticeOwner, ScopeType.Practice, Incident)
        .Assign(Carol, GovernanceRoleKeys.PracticeOwner, ScopeType.Practice, Change)
        .Assign(Bob, GovernanceRoleKeys.SupplierManager, ScopeType.Supplier, PayCo)
        .Assign(Carol, GovernanceRoleKeys.ServiceLevelManager, ScopeType.Service, Checkout, Raci.Responsible);

    /// <summary>Adds an assignment; <paramref name="scopeId"/> is the domain, node or practice id the scope type needs.</summary>
    public SnapshotBuilder Assign(int personId, string roleKey, ScopeType scope, int? scopeId, Raci raci = Raci.Accountable)
    {
        var roleId = Roles.Single(r => r.Key == roleKey).Id;
        Assignments.Add(new AssignmentFacts(
            _nextAssignmentId++, personId, roleId, scope,
            scope == ScopeType.Domain ? scopeId : null,
            scope is ScopeType.Service or ScopeType.Supplier ? scopeId : null,
            scope == ScopeType.Practice ? scopeId : null,
            raci));
        return this;
    }

    public SnapshotBuilder Unassign(string roleKey, int? scopeId = null)
    {
        var roleId = Roles.Single(r => r.Key == roleKey).Id;
        Assignments.RemoveAll(a => a.RoleId == roleId && (scopeId is null || (a.DomainId ?? a.NodeId ?? a.PracticeId) == scopeId));
        return this;
    }

    public SnapshotBuilder Replace<T>(List<T> list, Func<T, bool> match, Func<T, T> change)
    {
        var index = list.FindIndex(x => match(x));
        list[index] = change(list[index]);
        return this;
    }

    public SnapshotBuilder Leaves(int personId, DateOnly on) => Replace(People, p => p.Id == personId, p => p with { LeftOn = on });

    public SnapshotBuilder Service(int id, Func<ServiceFacts, ServiceFacts> change) => Replace(Services, s => s.Id == id, change);

    public SnapshotBuilder Contract(int id, Func<ContractFacts, ContractFacts> change) => Replace(Contracts, c => c.Id == id, change);

    public GovernanceSnapshot Build() => new()
    {
        Today = On,
        ScoreVersion = ScoreVersion,
        Services = Services,
        Practices = Practices,
        Domains = Domains,
        Suppliers = Suppliers,
        Contracts = Contracts,
        SlaTargets = SlaTargets,
        People = People,
        Roles = Roles,
        Assignments = Assignments,
        Kpis = Kpis,
        KpiValues = KpiValues,
    };

    public IReadOnlyList<GovernanceGap> Gaps() => GovernanceRuleEngine.Evaluate(Build());

    public IReadOnlyList<GovernanceGap> Gaps(GovernanceRule rule) => Gaps().Where(g => g.RuleId == rule.Id).ToList();
}
