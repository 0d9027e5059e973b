using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Suppliers;
using static ServicePortal.Core.Tests.Governance.SnapshotBuilder;

namespace ServicePortal.Core.Tests.Governance;

public class GovernanceRuleEngineTests
{
    [Fact]
    public void WellGovernedSnapshot_HasNoGaps()
    {
        var gaps = WellGoverned().Gaps();

        Assert.Empty(gaps);
    }

    [Fact]
    public void EmptySnapshot_OnlyLacksAnEnterpriseConductor()
    {
        var gaps = GovernanceRuleEngine.Evaluate(new GovernanceSnapshot { Today = Today });

        Assert.Equal([GovernanceRules.EnterpriseConductor.Id], gaps.Select(g => g.RuleId));
    }

    // Service owner

    [Theory]
    [InlineData(Checkout, GapSeverity.Critical)]
    [InlineData(Reporting, GapSeverity.High)]
    public void LiveServiceWithoutAccountableOwner_IsAGapRatedByItsTier(int serviceId, GapSeverity severity)
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner, serviceId);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ServiceAccountableOwner));

        Assert.Equal((GapEntityType.Service, serviceId, severity), (gap.EntityType, gap.EntityId, gap.Severity));
        Assert.Contains("no accountable owner", gap.Message);
        Assert.Equal(Payments, gap.DomainId);
    }

    [Fact]
    public void LiveServiceWithTwoAccountableOwners_IsAGapNamingBoth()
    {
        var builder = WellGoverned().Assign(Carol, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, Checkout);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ServiceAccountableOwner));

        Assert.Contains("2 accountable owners", gap.Message);
        Assert.Contains("Alice", gap.Message);
        Assert.Contains("Carol", gap.Message);
        Assert.Equal(GapSeverity.High, gap.Severity);
    }

    [Fact]
    public void SamePersonAssignedTwiceAsAccountable_IsOneOwner()
    {
        var builder = WellGoverned().Assign(Alice, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, Checkout);

        Assert.Empty(builder.Gaps(GovernanceRules.ServiceAccountableOwner));
    }

    [Theory]
    [InlineData(Raci.Responsible)]
    [InlineData(Raci.Consulted)]
    public void OwnerWhoIsNotAccountable_DoesNotCount(Raci raci)
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner, Checkout)
            .Assign(Alice, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, Checkout, raci);

        Assert.Single(builder.Gaps(GovernanceRules.ServiceAccountableOwner));
    }

    [Fact]
    public void AccountableHolderOfAnotherRole_IsNotTheOwner()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner, Checkout)
            .Assign(Alice, GovernanceRoleKeys.Architect, ScopeType.Service, Checkout);

        Assert.Single(builder.Gaps(GovernanceRules.ServiceAccountableOwner));
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Retired)]
    public void ServiceThatIsNotLive_NeedsNoOwner(Lifecycle lifecycle)
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner, Reporting).Service(Reporting, s => s with { Lifecycle = lifecycle });

        Assert.Empty(builder.Gaps(GovernanceRules.ServiceAccountableOwner));
    }

    // Practice owner

    [Fact]
    public void PracticeWithoutAccountableOwner_IsAGap()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.PracticeOwner, Change);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.PracticeAccountableOwner));

        Assert.Equal((GapEntityType.Practice, Change, "change-enablement"), (gap.EntityType, gap.EntityId, gap.EntityKey));
    }

    [Fact]
    public void PracticeWithTwoAccountableOwners_IsAGap()
    {
        var builder = WellGoverned().Assign(Bob, GovernanceRoleKeys.PracticeOwner, ScopeType.Practice, Incident);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.PracticeAccountableOwner));

        Assert.Equal(Incident, gap.EntityId);
        Assert.Contains("2 accountable owners", gap.Message);
    }

    [Fact]
    public void OwnerOfTheSamePracticeInAnotherScoreVersion_DoesNotCount()
    {
        const int incidentInOldVersion = 900;
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.PracticeOwner, Incident)
            .Assign(Carol, GovernanceRoleKeys.PracticeOwner, ScopeType.Practice, incidentInOldVersion);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.PracticeAccountableOwner));

        Assert.Equal(Incident, gap.EntityId);
    }

    // Conductors

    [Fact]
    public void DomainWithoutConductor_IsAGapEvenWithAnEnterpriseConductor()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.Conductor, Payments);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.DomainConductor));

        Assert.Equal((GapEntityType.Domain, Payments, GapSeverity.High), (gap.EntityType, gap.EntityId, gap.Severity));
        Assert.Equal("payments", gap.EntityKey);
    }

    [Theory]
    [InlineData(Raci.Responsible, false)]
    [InlineData(Raci.Informed, true)]
    public void DomainConductor_MustBeAccountableOrResponsible(Raci raci, bool isGap)
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.Conductor, Payments)
            .Assign(Alice, GovernanceRoleKeys.Conductor, ScopeType.Domain, Payments, raci);

        Assert.Equal(isGap, builder.Gaps(GovernanceRules.DomainConductor).Any());
    }

    [Fact]
    public void EmptyDomainWithoutConductor_IsOnlyALowGap()
    {
        var builder = WellGoverned();
        builder.Domains.Add(new DomainFacts(Logistics, "logistics", "Logistics"));

        var gap = Assert.Single(builder.Gaps(GovernanceRules.DomainConductor));

        Assert.Equal((Logistics, GapSeverity.Low), (gap.EntityId, gap.Severity));
    }

    [Fact]
    public void EnterpriseWithoutAccountableConductor_IsCritical()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.Conductor)
            .Assign(Alice, GovernanceRoleKeys.Conductor, ScopeType.Domain, Payments);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.EnterpriseConductor));

        Assert.Equal((GapEntityType.Enterprise, GapSeverity.Critical), (gap.EntityType, gap.Severity));
    }

    [Fact]
    public void EnterpriseWithTwoAccountableConductors_IsAGap()
    {
        var builder = WellGoverned().Assign(Bob, GovernanceRoleKeys.Conductor, ScopeType.Enterprise, null);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.EnterpriseConductor));

        Assert.Equal(GapSeverity.High, gap.Severity);
        Assert.Contains("2 accountable conductors", gap.Message);
    }

    // External services and SLAs

    [Theory]
    [InlineData(Sourcing.External, true)]
    [InlineData(Sourcing.Hybrid, true)]
    [InlineData(Sourcing.Internal, false)]
    public void LiveServiceSourcedOutsideWithoutSupplierSla_IsAGap(Sourcing sourcing, bool isGap)
    {
        var builder = WellGoverned().Service(Reporting, s => s with { Sourcing = sourcing });

        var gaps = builder.Gaps(GovernanceRules.ExternalServiceSla);

        Assert.Equal(isGap, gaps.Any(g => g.EntityId == Reporting));
        Assert.All(gaps, g => Assert.Equal(GapSeverity.Medium, g.Severity));
    }

    [Fact]
    public void SlaUnderAnInternalSuppliersContract_DoesNotCoverAnExternalService()
    {
        var builder = WellGoverned();
        builder.Replace(builder.Suppliers, s => s.Id == PayCo, s => s with { IsInternal = true });

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ExternalServiceSla));

        Assert.Equal((Checkout, GapSeverity.High), (gap.EntityId, gap.Severity));
    }

    // Contracts

    [Theory]
    [InlineData(-1, GapSeverity.Critical)]
    [InlineData(0, GapSeverity.High)]
    [InlineData(GovernanceRules.ContractHorizonDays, GapSeverity.High)]
    public void ContractEndedOrEndingWithinTheHorizonWhileItsServiceIsLive_IsAGap(int daysToEnd, GapSeverity severity)
    {
        var builder = WellGoverned().Contract(PayContract, c => c with { EndDate = Today.AddDays(daysToEnd) });

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ContractEnding));

        Assert.Equal((GapEntityType.Contract, "C-PAY", severity), (gap.EntityType, gap.EntityKey, gap.Severity));
        Assert.Contains("Checkout", gap.Message);
    }

    [Fact]
    public void ContractEndingBeyondTheHorizon_IsNoGap()
    {
        var builder = WellGoverned().Contract(PayContract, c => c with { EndDate = Today.AddDays(GovernanceRules.ContractHorizonDays + 1) });

        Assert.Empty(builder.Gaps(GovernanceRules.ContractEnding));
    }

    [Theory]
    [InlineData(ContractStatus.Terminated, true)]
    [InlineData(ContractStatus.Expired, true)]
    [InlineData(ContractStatus.Draft, false)]
    public void ContractStatus_DecidesWhetherAContractHasEnded(ContractStatus status, bool isGap)
    {
        var builder = WellGoverned().Contract(PayContract, c => c with { Status = status });

        Assert.Equal(isGap, builder.Gaps(GovernanceRules.ContractEnding).Any());
    }

    [Fact]
    public void EndingContractCoveringOnlyRetiredServices_IsNoGap()
    {
        var builder = WellGoverned()
            .Contract(PayContract, c => c with { EndDate = Today.AddDays(-10) })
            .Service(Checkout, s => s with { Lifecycle = Lifecycle.Retired });

        Assert.Empty(builder.Gaps(GovernanceRules.ContractEnding));
    }

    [Fact]
    public void RenewalCoveringTheLiveService_ClosesTheGapOfTheEndingContract()
    {
        var builder = WellGoverned().Contract(PayContract, c => c with { EndDate = Today.AddDays(30) });
        builder.Contracts.Add(new ContractFacts(301, "C-PAY-2", "Renewal", PayCo, Today.AddDays(31), Today.AddYears(3), ContractStatus.Active, [Checkout]));

        Assert.Empty(builder.Gaps(GovernanceRules.ContractEnding));
    }

    [Fact]
    public void RenewalThatLeavesACoverageHole_DoesNotCloseTheGap()
    {
        var builder = WellGoverned().Contract(PayContract, c => c with { EndDate = Today.AddDays(30) });
        builder.Contracts.Add(new ContractFacts(301, "C-PAY-2", "Renewal", PayCo, Today.AddDays(60), Today.AddYears(3), ContractStatus.Active, [Checkout]));

        Assert.Equal("C-PAY", Assert.Single(builder.Gaps(GovernanceRules.ContractEnding)).EntityKey);
    }

    // Leavers

    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void PersonWhoLeftStillHoldingAnAssignment_IsAGapFromTheirLeavingDay(int leftInDays, bool isGap)
    {
        var builder = WellGoverned().Leaves(Bob, Today.AddDays(leftInDays));

        var gaps = builder.Gaps(GovernanceRules.LeaverHoldsRole);

        Assert.Equal(isGap, gaps.Any());
        if (isGap)
        {
            var gap = Assert.Single(gaps);
            Assert.Equal((GapEntityType.Person, Bob, GapSeverity.High), (gap.EntityType, gap.EntityId, gap.Severity));
            Assert.Contains("2 role assignment(s)", gap.Message);
        }
    }

    [Fact]
    public void LeaverHoldingOnlyConsultedOrInformedRoles_IsAMediumGap()
    {
        var builder = WellGoverned();
        builder.People.Add(new PersonFacts(5, "Dan", "dan@example.com", Today.AddDays(-1)));
        builder.Assign(5, GovernanceRoleKeys.Architect, ScopeType.Enterprise, null, Raci.Informed)
            .Assign(5, GovernanceRoleKeys.Architect, ScopeType.Domain, Payments, Raci.Consulted);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.LeaverHoldsRole));

        Assert.Equal((5, GapSeverity.Medium), (gap.EntityId, gap.Severity));
    }

    [Fact]
    public void OwnerWhoLeft_NoLongerCountsAsTheAccountableOwner()
    {
        var builder = WellGoverned().Leaves(Bob, Today);

        var gaps = builder.Gaps();

        Assert.Contains(gaps, g => g.RuleId == GovernanceRules.ServiceAccountableOwner.Id && g.EntityId == Reporting);
        Assert.Contains(gaps, g => g.RuleId == GovernanceRules.StrategicSupplierManager.Id && g.EntityId == PayCo);
    }

    // Extra rules

    [Fact]
    public void TierOneServiceWithoutServiceLevelManager_IsAGap()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceLevelManager);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ServiceLevelManager));

        Assert.Equal((Checkout, GapSeverity.Medium), (gap.EntityId, gap.Severity));
    }

    [Fact]
    public void ServiceLevelManagerOfTheDomain_CoversItsTierOneServices()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceLevelManager)
            .Assign(Carol, GovernanceRoleKeys.ServiceLevelManager, ScopeType.Domain, Payments);

        Assert.Empty(builder.Gaps(GovernanceRules.ServiceLevelManager));
    }

    [Fact]
    public void TierThreeService_NeedsNoServiceLevelManager()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceLevelManager).Service(Checkout, s => s with { Tier = 3 });

        Assert.Empty(builder.Gaps(GovernanceRules.ServiceLevelManager));
    }

    [Theory]
    [InlineData(SupplierCategory.Strategic, Lifecycle.Live, true)]
    [InlineData(SupplierCategory.Strategic, Lifecycle.Pipeline, true)]
    [InlineData(SupplierCategory.Strategic, Lifecycle.Retired, false)]
    [InlineData(SupplierCategory.Tactical, Lifecycle.Live, false)]
    public void StrategicSupplierWithoutSupplierManager_IsAGap(SupplierCategory category, Lifecycle lifecycle, bool isGap)
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.SupplierManager);
        builder.Replace(builder.Suppliers, s => s.Id == PayCo, s => s with { Category = category, Lifecycle = lifecycle });

        var gaps = builder.Gaps(GovernanceRules.StrategicSupplierManager);

        Assert.Equal(isGap, gaps.Any());
        Assert.All(gaps, g => Assert.Equal((GapEntityType.Supplier, "payco"), (g.EntityType, g.EntityKey)));
    }

    [Fact]
    public void PracticeOwnerAssignedOverAService_IsAScopeMismatch()
    {
        var builder = WellGoverned().Assign(Carol, GovernanceRoleKeys.PracticeOwner, ScopeType.Service, Reporting, Raci.Responsible);

        var gap = Assert.Single(builder.Gaps(GovernanceRules.AssignmentScope));

        Assert.Equal(GapEntityType.RoleAssignment, gap.EntityType);
        Assert.Contains("over a practice", gap.Message);
    }

    [Fact]
    public void ServiceScopeNamingASupplierOrAConfigurationItem_IsAScopeMismatch()
    {
        const int someServer = 777;
        var builder = WellGoverned()
            .Assign(Alice, GovernanceRoleKeys.Architect, ScopeType.Service, PayCo)
            .Assign(Alice, GovernanceRoleKeys.Architect, ScopeType.Service, someServer);

        var gaps = builder.Gaps(GovernanceRules.AssignmentScope);

        Assert.Equal(2, gaps.Count);
        Assert.Contains(gaps, g => g.Message.Contains("supplier PayCo, not a service", StringComparison.Ordinal));
        Assert.Contains(gaps, g => g.Message.Contains("configuration item", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAddedByUsers_MayBeHeldOverAnyScope()
    {
        var builder = WellGoverned()
            .Assign(Alice, "security-champion", ScopeType.Practice, Incident, Raci.Responsible)
            .Assign(Alice, "security-champion", ScopeType.Supplier, PayCo, Raci.Consulted);

        Assert.Empty(builder.Gaps(GovernanceRules.AssignmentScope));
    }

    [Fact]
    public void LiveServiceWithoutDomain_IsAGap()
    {
        var builder = WellGoverned().Service(Reporting, s => s with { DomainId = null });

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ServiceDomain));

        Assert.Equal((GapEntityType.Service, Reporting, "reporting"), (gap.EntityType, gap.EntityId, gap.EntityKey));
    }

    // Across rules

    [Fact]
    public void Gaps_AreListedMostSevereFirst()
    {
        var builder = WellGoverned()
            .Unassign(GovernanceRoleKeys.ServiceLevelManager)
            .Unassign(GovernanceRoleKeys.ServiceOwner)
            .Service(Reporting, s => s with { DomainId = null });

        var gaps = builder.Gaps();

        Assert.Equal(gaps.OrderBy(g => g.Severity).Select(g => g.Severity), gaps.Select(g => g.Severity));
        Assert.Equal(GapSeverity.Critical, gaps[0].Severity);
        Assert.Equal(4, gaps.Count);
    }

    [Fact]
    public void EveryGap_CarriesTheWordingOfItsRule()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner).Unassign(GovernanceRoleKeys.Conductor);

        var gaps = builder.Gaps();

        var rules = GovernanceRules.All.ToDictionary(r => r.Id, r => r.Description);
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Equal(rules[g.RuleId], g.Rule));
    }

    [Fact]
    public void ServiceGap_CarriesTheKeyAsItIs_TheWebEscapesItInTheLink()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceOwner, Reporting).Service(Reporting, s => s with { Key = "hr/payroll eu" });

        var gap = Assert.Single(builder.Gaps(GovernanceRules.ServiceAccountableOwner));

        Assert.Equal("hr/payroll eu", gap.EntityKey);
    }
}
