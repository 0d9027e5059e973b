using System.Globalization;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.Governance;

/// <summary>
/// Checks a <see cref="GovernanceSnapshot"/> against every rule of <see cref="GovernanceRules"/> and lists the gaps,
/// most severe first, then in rule order, then by entity name. Pure: no database, no clock.
/// </summary>
public static class GovernanceRuleEngine
{
    public static IReadOnlyList<GovernanceGap> Evaluate(GovernanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var facts = new Facts(snapshot);
        var gaps = new List<GovernanceGap>();
        gaps.AddRange(EnterpriseConductor(facts));
        gaps.AddRange(ServiceOwners(facts));
        gaps.AddRange(PracticeOwners(facts));
        gaps.AddRange(DomainConductors(facts));
        gaps.AddRange(ExternalServiceSlas(facts));
        gaps.AddRange(EndingContracts(facts));
        gaps.AddRange(Leavers(facts));
        gaps.AddRange(StrategicSupplierManagers(facts));
        gaps.AddRange(ServiceLevelManagers(facts));
        gaps.AddRange(AssignmentScopes(facts));
        gaps.AddRange(ServiceDomains(facts));
        gaps.AddRange(KpiGaps(facts));
        gaps.AddRange(SlaChainShortfalls(facts));

        var ruleOrder = GovernanceRules.All.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return gaps
            .OrderBy(g => g.Severity)
            .ThenBy(g => ruleOrder[g.RuleId])
            .ThenBy(g => g.EntityName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.EntityId)
            .ToList();
    }

    private static IEnumerable<GovernanceGap> EnterpriseConductor(Facts facts)
    {
        var rule = GovernanceRules.EnterpriseConductor;
        var conductors = facts.ActiveHolders(GovernanceRoleKeys.Conductor)
            .Where(a => a.ScopeType == ScopeType.Enterprise && a.Raci == Raci.Accountable)
            .Select(a => a.PersonId)
            .Distinct()
            .ToList();
        if (conductors.Count == 1)
        {
            yield break;
        }

        var (severity, message) = conductors.Count == 0
            ? (GapSeverity.Critical, "The enterprise has no accountable conductor.")
            : (GapSeverity.High, $"The enterprise has {conductors.Count} accountable conductors ({facts.Names(conductors)}); exactly one must be accountable.");
        yield return new GovernanceGap(rule.Id, rule.Description, severity, GapEntityType.Enterprise, 0, "enterprise", "Enterprise", message);
    }

    private static IEnumerable<GovernanceGap> ServiceOwners(Facts facts)
    {
        var rule = GovernanceRules.ServiceAccountableOwner;
        var owners = facts.ActiveHolders(GovernanceRoleKeys.ServiceOwner)
            .Where(a => a.ScopeType == ScopeType.Service && a.Raci == Raci.Accountable && a.NodeId is not null)
            .ToLookup(a => a.NodeId!.Value, a => a.PersonId);
        foreach (var service in facts.LiveServices)
        {
            var people = owners[service.Id].Distinct().ToList();
            if (people.Count == 1)
            {
                continue;
            }

            var (severity, message) = people.Count == 0
                ? (service.Tier <= 2 ? GapSeverity.Critical : GapSeverity.High, $"{service.Name} has no accountable owner.")
                : (GapSeverity.High, $"{service.Name} has {people.Count} accountable owners ({facts.Names(people)}); exactly one must be accountable.");
            yield return ServiceGap(rule, severity, service, message);
        }
    }

    private static IEnumerable<GovernanceGap> PracticeOwners(Facts facts)
    {
        var rule = GovernanceRules.PracticeAccountableOwner;
        var owners = facts.ActiveHolders(GovernanceRoleKeys.PracticeOwner)
            .Where(a => a.ScopeType == ScopeType.Practice && a.Raci == Raci.Accountable && a.PracticeId is not null)
            .ToLookup(a => a.PracticeId!.Value, a => a.PersonId);
        foreach (var practice in facts.Snapshot.Practices)
        {
            var people = owners[practice.Id].Distinct().ToList();
            if (people.Count == 1)
            {
                continue;
            }

            var message = people.Count == 0
                ? $"{practice.Name} has no accountable owner."
                : $"{practice.Name} has {people.Count} accountable owners ({facts.Names(people)}); exactly one must be accountable.";
            yield return new GovernanceGap(
                rule.Id, rule.Description, GapSeverity.High, GapEntityType.Practice, practice.Id, practice.Key, practice.Name, message);
        }
    }

    private static IEnumerable<GovernanceGap> DomainConductors(Facts facts)
    {
        var rule = GovernanceRules.DomainConductor;
        var conducted = facts.ActiveHolders(GovernanceRoleKeys.Conductor)
            .Where(a => a.ScopeType == ScopeType.Domain && a.Raci is Raci.Accountable or Raci.Responsible && a.DomainId is not null)
            .Select(a => a.DomainId!.Value)
            .ToHashSet();
        var withLiveServices = facts.LiveServices.Select(s => s.DomainId).OfType<int>().ToHashSet();
        foreach (var domain in facts.Snapshot.Domains.Where(d => !conducted.Contains(d.Id)))
        {
            var hasLive = withLiveServices.Contains(domain.Id);
            yield return new GovernanceGap(
                rule.Id, rule.Description, hasLive ? GapSeverity.High : GapSeverity.Low, GapEntityType.Domain, domain.Id, domain.Key, domain.Name,
                $"Domain {domain.Name} has no conductor{(hasLive ? "" : " (it has no live services yet)")}.", domain.Id);
        }
    }

    private static IEnumerable<GovernanceGap> ExternalServiceSlas(Facts facts)
    {
        var rule = GovernanceRules.ExternalServiceSla;
        var contracts = facts.Snapshot.Contracts.ToDictionary(c => c.Id);
        var withSupplierSla = facts.Snapshot.SlaTargets
            .Where(t => contracts.TryGetValue(t.ContractId, out var c) && facts.Suppliers.TryGetValue(c.SupplierId, out var s) && !s.IsInternal)
            .Select(t => t.ServiceId)
            .ToHashSet();
        foreach (var service in facts.LiveServices.Where(s => s.Sourcing is Sourcing.External or Sourcing.Hybrid && !withSupplierSla.Contains(s.Id)))
        {
            yield return ServiceGap(
                rule, service.Tier <= 2 ? GapSeverity.High : GapSeverity.Medium, service,
                $"{service.Name} is {(service.Sourcing == Sourcing.External ? "sourced externally" : "partly sourced externally (hybrid)")} but has no SLA target with an external supplier.");
        }
    }

    private static IEnumerable<GovernanceGap> EndingContracts(Facts facts)
    {
        var rule = GovernanceRules.ContractEnding;
        var today = facts.Snapshot.Today;
        var horizon = today.AddDays(GovernanceRules.ContractHorizonDays);
        var activeByService = facts.Snapshot.Contracts
            .Where(c => c.Status == ContractStatus.Active)
            .SelectMany(c => c.ServiceIds.Select(serviceId => (ServiceId: serviceId, Contract: c)))
            .ToLookup(x => x.ServiceId, x => x.Contract);
        foreach (var contract in facts.Snapshot.Contracts.Where(c => c.Status != ContractStatus.Draft))
        {
            var ended = today > contract.EndDate || contract.Status is ContractStatus.Expired or ContractStatus.Terminated;
            if (!ended && contract.EndDate > horizon)
            {
                continue;
            }

            var renewalStartsBy = Max(contract.EndDate.AddDays(1), today);
            var exposed = contract.ServiceIds
                .Select(id => facts.Services.GetValueOrDefault(id))
                .OfType<ServiceFacts>()
                .Where(s => s.Lifecycle == Lifecycle.Live)
                .Where(s => !activeByService[s.Id].Any(o => o.Id != contract.Id && o.StartDate <= renewalStartsBy && o.EndDate > horizon))
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (exposed.Count == 0)
            {
                continue;
            }

            var names = string.Join(", ", exposed.Select(s => s.Name));
            var message = ended
                ? $"Contract {contract.Reference} ended on {Date(contract.EndDate)} but live services still rely on it: {names}."
                : $"Contract {contract.Reference} ends on {Date(contract.EndDate)} (in {contract.EndDate.DayNumber - today.DayNumber} days) and covers live services with no renewal: {names}.";
            yield return new GovernanceGap(
                rule.Id, rule.Description, ended ? GapSeverity.Critical : GapSeverity.High, GapEntityType.Contract, contract.Id, contract.Reference,
                contract.Title, message);
        }
    }

    private static IEnumerable<GovernanceGap> Leavers(Facts facts)
    {
        var rule = GovernanceRules.LeaverHoldsRole;
        foreach (var group in facts.Snapshot.Assignments.Where(a => !facts.IsActive(a.PersonId)).GroupBy(a => a.PersonId))
        {
            var person = facts.People[group.Key];
            var held = string.Join("; ", group.Select(a => $"{facts.RoleName(a)} over {facts.DescribeScope(a)}"));
            yield return new GovernanceGap(
                rule.Id, rule.Description, group.Any(a => a.Raci == Raci.Accountable) ? GapSeverity.High : GapSeverity.Medium,
                GapEntityType.Person, person.Id, person.Id.ToString(CultureInfo.InvariantCulture), person.Name,
                $"{person.Name} left on {Date(person.LeftOn!.Value)} but still holds {group.Count()} role assignment(s): {held}.");
        }
    }

    private static IEnumerable<GovernanceGap> StrategicSupplierManagers(Facts facts)
    {
        var rule = GovernanceRules.StrategicSupplierManager;
        var managed = facts.ActiveHolders(GovernanceRoleKeys.SupplierManager)
            .Where(a => a.ScopeType == ScopeType.Supplier && a.Raci is Raci.Accountable or Raci.Responsible && a.NodeId is not null)
            .Select(a => a.NodeId!.Value)
            .ToHashSet();
        foreach (var supplier in facts.Snapshot.Suppliers.Where(s => s.Category == SupplierCategory.Strategic && s.Lifecycle != Lifecycle.Retired && !managed.Contains(s.Id)))
        {
            yield return new GovernanceGap(
                rule.Id, rule.Description, GapSeverity.High, GapEntityType.Supplier, supplier.Id, supplier.Key, supplier.Name,
                $"Strategic supplier {supplier.Name} has no supplier manager.");
        }
    }

    private static IEnumerable<GovernanceGap> ServiceLevelManagers(Facts facts)
    {
        var rule = GovernanceRules.ServiceLevelManager;
        var managers = facts.ActiveHolders(GovernanceRoleKeys.ServiceLevelManager).Where(a => a.Raci is Raci.Accountable or Raci.Responsible).ToList();
        var services = managers.Where(a => a.ScopeType == ScopeType.Service).Select(a => a.NodeId).OfType<int>().ToHashSet();
        var domains = managers.Where(a => a.ScopeType == ScopeType.Domain).Select(a => a.DomainId).OfType<int>().ToHashSet();
        foreach (var service in facts.LiveServices.Where(s => s.Tier <= 2 && !services.Contains(s.Id) && !(s.DomainId is { } d && domains.Contains(d))))
        {
            yield return ServiceGap(rule, GapSeverity.Medium, service, $"{service.Name} is tier {service.Tier} but has no service level manager, neither for the service nor for its domain.");
        }
    }

    private static IEnumerable<GovernanceGap> AssignmentScopes(Facts facts)
    {
        var rule = GovernanceRules.AssignmentScope;
        foreach (var assignment in facts.Snapshot.Assignments)
        {
            if (facts.ScopeProblem(assignment) is not { } problem)
            {
                continue;
            }

            var person = facts.People.GetValueOrDefault(assignment.PersonId)?.Name ?? $"Person {assignment.PersonId}";
            yield return new GovernanceGap(
                rule.Id, rule.Description, GapSeverity.Medium, GapEntityType.RoleAssignment, assignment.Id,
                assignment.Id.ToString(CultureInfo.InvariantCulture), $"{person}: {facts.RoleName(assignment)}",
                $"{person} holds {facts.RoleName(assignment)} over {facts.DescribeScope(assignment)}, but {problem}.", assignment.DomainId);
        }
    }

    private static IEnumerable<GovernanceGap> ServiceDomains(Facts facts)
    {
        var rule = GovernanceRules.ServiceDomain;
        foreach (var service in facts.LiveServices.Where(s => s.DomainId is not { } d || !facts.Domains.ContainsKey(d)))
        {
            yield return ServiceGap(rule, GapSeverity.Medium, service, $"{service.Name} belongs to no domain.");
        }
    }

    private static IEnumerable<GovernanceGap> KpiGaps(Facts facts)
    {
        var practices = facts.Snapshot.Practices.ToDictionary(p => p.Id);
        var owned = facts.ActiveHolders(GovernanceRoleKeys.PracticeOwner)
            .Where(a => a.ScopeType == ScopeType.Practice && a.Raci == Raci.Accountable && a.PracticeId is not null)
            .Select(a => a.PracticeId!.Value)
            .ToHashSet();
        foreach (var group in facts.Snapshot.Kpis.Where(k => practices.ContainsKey(k.PracticeId) && !owned.Contains(k.PracticeId)).GroupBy(k => k.PracticeId))
        {
            var practice = practices[group.Key];
            var rule = GovernanceRules.KpiAccountableOwner;
            yield return new GovernanceGap(
                rule.Id, rule.Description, GapSeverity.High, GapEntityType.Practice, practice.Id, practice.Key, practice.Name,
                $"The {group.Count()} KPI(s) of {practice.Name} ({string.Join(", ", group.Select(k => k.Kpi.Name))}) have no accountable owner: nobody answers for a missed target.");
        }

        var values = facts.Snapshot.KpiValues.GroupBy(v => v.KpiKey, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.GroupBy(v => v.PeriodStart).ToDictionary(p => p.Key, p => p.Last().Value), StringComparer.OrdinalIgnoreCase);
        foreach (var (practiceId, kpi) in facts.Snapshot.Kpis.Where(k => practices.ContainsKey(k.PracticeId)).OrderBy(k => k.Kpi.Key, StringComparer.Ordinal))
        {
            var practice = practices[practiceId];
            var measured = values.GetValueOrDefault(kpi.Key);
            var needed = Math.Max(GovernanceRules.KpiMissedPeriods, GovernanceRules.KpiUnmeasuredPeriods);

            // The period containing today is still open: the rules look at the completed ones before it, oldest first.
            var completed = SlaPeriods.LastPeriods(facts.Snapshot.Today, kpi.Period, needed + 1).SkipLast(1).ToList();
            double? ValueOf(DateOnly period) => measured is not null && measured.TryGetValue(period, out var v) ? v : null;
            var label = $"{kpi.Name} ({practice.Name})";

            var unmeasured = completed.TakeLast(GovernanceRules.KpiUnmeasuredPeriods).ToList();
            if (unmeasured.All(p => ValueOf(p) is null))
            {
                var rule = GovernanceRules.KpiUnmeasured;
                yield return KpiGap(rule, GapSeverity.Medium, practice, kpi,
                    $"{label} has no measurement for {string.Join(" or ", unmeasured.Select(p => SlaPeriods.Format(p, kpi.Period)))}.");
                continue;
            }

            var run = completed.TakeLast(GovernanceRules.KpiMissedPeriods).ToList();
            if (run.All(p => KpiRules.Evaluate(kpi, ValueOf(p)) == TargetOutcome.Missed))
            {
                var rule = GovernanceRules.KpiMissedRunning;
                var shown = string.Join(", ", run.Select(p => $"{SlaPeriods.Format(p, kpi.Period)}: {ValueOf(p)!.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));
                yield return KpiGap(rule, GapSeverity.High, practice, kpi,
                    $"{label} missed its target {kpi.Target} {run.Count} periods running ({shown}).");
            }
        }
    }

    private static GovernanceGap KpiGap(GovernanceRule rule, GapSeverity severity, PracticeFacts practice, KpiLine kpi, string message) =>
        new(rule.Id, rule.Description, severity, GapEntityType.Kpi, practice.Id, kpi.Key, kpi.Name, message);

    private static IEnumerable<GovernanceGap> SlaChainShortfalls(Facts facts)
    {
        var rule = GovernanceRules.SlaChainUnderpinned;
        foreach (var shortfall in facts.Snapshot.SlaChainShortfalls)
        {
            if (!facts.Services.TryGetValue(shortfall.ServiceId, out var service) || service.Lifecycle != Lifecycle.Live)
            {
                continue;
            }

            var weakest = shortfall.WeakestLinks.Count == 0 ? "" : $"; weakest links: {string.Join("; ", shortfall.WeakestLinks)}";
            yield return ServiceGap(
                rule, service.Tier <= 2 ? GapSeverity.High : GapSeverity.Medium, service,
                $"{service.Name} promises {Percent(shortfall.PromisedPercent)} availability, but the SLA targets beneath it underpin at most {Percent(shortfall.DeliverablePercent)}{weakest}.");
        }
    }

    private static string Percent(double percent) => percent.ToString("0.#####", CultureInfo.InvariantCulture) + " %";

    private static GovernanceGap ServiceGap(GovernanceRule rule, GapSeverity severity, ServiceFacts service, string message) =>
        new(rule.Id, rule.Description, severity, GapEntityType.Service, service.Id, service.Key, service.Name, message, service.DomainId);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Lookups over the snapshot, built once per evaluation so every rule stays linear in the data.</summary>
    private sealed class Facts
    {
        private readonly Dictionary<int, RoleFacts> _roles;
        private readonly Dictionary<int, PracticeFacts> _practices;

        public Facts(GovernanceSnapshot snapshot)
        {
            Snapshot = snapshot;
            Services = snapshot.Services.ToDictionary(s => s.Id);
            Suppliers = snapshot.Suppliers.ToDictionary(s => s.Id);
            Domains = snapshot.Domains.ToDictionary(d => d.Id);
            People = snapshot.People.ToDictionary(p => p.Id);
            _roles = snapshot.Roles.ToDictionary(r => r.Id);
            _practices = snapshot.Practices.ToDictionary(p => p.Id);
            LiveServices = snapshot.Services.Where(s => s.Lifecycle == Lifecycle.Live).ToList();
        }

        public GovernanceSnapshot Snapshot { get; }

        public Dictionary<int, ServiceFacts> Services { get; }

        public Dictionary<int, SupplierFacts> Suppliers { get; }

        public Dictionary<int, DomainFacts> Domains { get; }

        public Dictionary<int, PersonFacts> People { get; }

        public List<ServiceFacts> LiveServices { get; }

        public bool IsActive(int personId) => !People.TryGetValue(personId, out var person) || !person.HasLeft(Snapshot.Today);

        /// <summary>Assignments of <paramref name="roleKey"/> held by people who have not left.</summary>
        public IEnumerable<AssignmentFacts> ActiveHolders(string roleKey) =>
            Snapshot.Assignments.Where(a =>
                _roles.TryGetValue(a.RoleId, out var role) && string.Equals(role.Key, roleKey, StringComparison.OrdinalIgnoreCase) && IsActive(a.PersonId));

        public string Names(IEnumerable<int> personIds) =>
            string.Join(", ", personIds.Select(id => People.GetValueOrDefault(id)?.Name ?? $"person {id}").Order(StringComparer.OrdinalIgnoreCase));

        public string RoleName(AssignmentFacts assignment) => _roles.GetValueOrDefault(assignment.RoleId)?.Name ?? $"role {assignment.RoleId}";

        public string DescribeScope(AssignmentFacts a) => a.ScopeType switch
        {
            ScopeType.Enterprise => "the enterprise",
            ScopeType.Domain => a.DomainId is { } d && Domains.TryGetValue(d, out var domain) ? $"domain {domain.Name}" : "an unknown domain",
            ScopeType.Practice => a.PracticeId is { } p && _practices.TryGetValue(p, out var practice) ? $"practice {practice.Name}" : "a practice",
            _ => NodeName(a.NodeId) is { } name ? $"{a.ScopeType.ToString().ToLowerInvariant()} {name}" : $"an unknown {a.ScopeType.ToString().ToLowerInvariant()}",
        };

        /// <summary>Why the assignment does not fit its scope, or null when it does.</summary>
        public string? ScopeProblem(AssignmentFacts a)
        {
            var referenceProblem = a.ScopeType switch
            {
                ScopeType.Domain when a.DomainId is not { } d || !Domains.ContainsKey(d) => "names no domain",
                ScopeType.Practice when a.PracticeId is null => "names no practice",
                ScopeType.Service when a.NodeId is not { } n || !Services.ContainsKey(n) => $"the scope is {NodeKind(a.NodeId)}, not a service",
                ScopeType.Supplier when a.NodeId is not { } n || !Suppliers.ContainsKey(n) => $"the scope is {NodeKind(a.NodeId)}, not a supplier",
                _ => null,
            };
            if (referenceProblem is not null)
            {
                return referenceProblem;
            }

            var key = _roles.GetValueOrDefault(a.RoleId)?.Key;
            return key is not null && GovernanceRoleKeys.AllowedScopes.TryGetValue(key, out var allowed) && !allowed.Contains(a.ScopeType)
                ? $"a {RoleName(a)} is held over {string.Join(" or ", allowed.Order().Select(s => s == ScopeType.Enterprise ? "the enterprise" : "a " + s.ToString().ToLowerInvariant()))}"
                : null;
        }

        private string? NodeName(int? nodeId) =>
            nodeId is not { } id ? null : Services.GetValueOrDefault(id)?.Name ?? Suppliers.GetValueOrDefault(id)?.Name;

        private string NodeKind(int? nodeId) => nodeId switch
        {
            null => "missing",
            { } id when Services.TryGetValue(id, out var s) => $"service {s.Name}",
            { } id when Suppliers.TryGetValue(id, out var s) => $"supplier {s.Name}",
            _ => "a configuration item",
        };
    }
}
