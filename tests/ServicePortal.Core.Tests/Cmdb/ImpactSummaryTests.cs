using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class ImpactSummaryTests
{
    private readonly TestGraph _graph = new TestGraph()
        .Supplier("Payment provider")
        .Service("Payments", ServiceKind.Application, tier: 1, domainId: 10)
        .Service("Checkout", ServiceKind.Business, tier: 1, domainId: 20)
        .Service("Loyalty", ServiceKind.Business, tier: 3, domainId: 20)
        .Service("Payroll", ServiceKind.Business, tier: 2, domainId: 30)
        .ProvidedBy("Payments", "Payment provider")
        .DependsOn("Checkout", "Payments")
        .ConnectsTo("Loyalty", "Checkout");

    [Fact]
    public void From_CountsAffectedServicesByKindAndTier()
    {
        var result = new ImpactAnalyzer(_graph.Build()).Analyze([_graph["Payment provider"]]);

        var summary = ImpactSummary.From(result, Lookups());

        Assert.Equal(4, summary.AffectedCount);
        Assert.Equal(3, summary.DownCount);
        Assert.Equal(0, summary.DegradedCount);
        Assert.Equal(1, summary.AtRiskCount);
        Assert.Equal(_graph.Ids("Payments", "Checkout", "Loyalty"), summary.Services.Select(s => s.NodeId));
        Assert.Equal(2, summary.ServicesByKind[ServiceKind.Business]);
        Assert.Equal(1, summary.ServicesByKind[ServiceKind.Application]);
        Assert.Equal(2, summary.ServicesByTier[1]);
        Assert.Equal(1, summary.ServicesByTier[3]);
    }

    [Fact]
    public void From_ListsAffectedDomainsWorstFirst()
    {
        var result = new ImpactAnalyzer(_graph.Build()).Analyze([_graph["Payment provider"]]);

        var summary = ImpactSummary.From(result, Lookups());

        Assert.Equal(
            [new AffectedDomain(20, "Customer channels", ImpactLevel.Down, 1, 0, 2, AtRiskCount: 1), new AffectedDomain(10, "Finance", ImpactLevel.Down, 1, 0, 1)],
            summary.Domains);
    }

    [Fact]
    public void From_ListsContractsAndSlaTargetsOfAffectedServices()
    {
        var result = new ImpactAnalyzer(_graph.Build()).Analyze([_graph["Payment provider"]]);

        var summary = ImpactSummary.From(result, Lookups());

        var contract = Assert.Single(summary.Contracts);
        Assert.Equal("C-PAY", contract.Reference);
        Assert.Equal([_graph["Payments"]], contract.ServiceIds);
        Assert.Equal(["PAY-AVAIL"], summary.SlaTargets.Select(t => t.Key));
    }

    [Fact]
    public void From_NamesThePeopleAccountableForAffectedServicesDomainsAndSuppliers()
    {
        var result = new ImpactAnalyzer(_graph.Build()).Analyze([_graph["Payment provider"]]);

        var summary = ImpactSummary.From(result, Lookups());

        Assert.Equal(
            ["Ann (Service owner of Checkout)", "Bea (Supplier manager of Payment provider)", "Cid (Conductor of Customer channels)"],
            summary.AccountablePeople.Select(p => $"{p.PersonName} ({p.RoleName} of {p.ScopeName})"));
    }

    [Fact]
    public async Task LookupsLoadAsync_ReadsContractsSlaTargetsAndAccountableAssignments()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreatePlainContext())
        {
            var domain = new Domain { Key = "PAY", Name = "Payments" };
            var service = new Service { Key = "PAYMENTS", Name = "Payments", Domain = domain };
            var supplier = new ServicePortal.Core.Suppliers.Supplier { Key = "ACQ", Name = "Acquirer" };
            var contract = new ServicePortal.Core.Suppliers.Contract { Reference = "C-1", Title = "Acquiring", Supplier = supplier, Services = [service] };
            var target = new ServicePortal.Core.Slas.SlaTarget { Key = "PAY-AV", Name = "Availability", Contract = contract, Service = service, Unit = "%", Target = 99.9 };
            var person = new Person { Name = "Ann", Email = "ann@example.com" };
            var role = new GovernanceRole { Key = "OWNER", Name = "Service owner" };
            db.AddRange(domain, service, supplier, contract, target, person, role);
            db.RoleAssignments.AddRange(
                new RoleAssignment { Person = person, Role = role, ScopeType = ScopeType.Service, Node = service, Raci = Raci.Accountable },
                new RoleAssignment { Person = person, Role = role, ScopeType = ScopeType.Domain, Domain = domain, Raci = Raci.Responsible });
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreatePlainContext();

        var lookups = await ImpactLookups.LoadAsync(read, ct);

        var serviceId = read.Services.Single().Id;
        Assert.Equal("Payments", Assert.Single(lookups.Domains).Name);
        Assert.Equal(("C-1", serviceId), lookups.ContractServices.Select(c => (c.Reference, c.ServiceId)).Single());
        Assert.Equal(("PAY-AV", serviceId), lookups.SlaTargets.Select(t => (t.Key, t.ServiceId)).Single());
        var accountable = Assert.Single(lookups.Accountabilities);
        Assert.Equal(("Ann", "Service owner", serviceId), (accountable.PersonName, accountable.RoleName, accountable.NodeId));
    }

    [Fact]
    public void From_LeavesOutAPersonWhoHasLeft_WhoHoldsNoRole()
    {
        var result = new ImpactAnalyzer(_graph.Build()).Analyze([_graph["Payment provider"]]);

        var summary = ImpactSummary.From(result, Lookups(), today: new DateOnly(2026, 1, 1));

        Assert.DoesNotContain(summary.AccountablePeople, p => p.PersonName == "Fay");
        Assert.Contains(summary.AccountablePeople, p => p.PersonName == "Ann");
    }

    private ImpactLookups Lookups() => new(
        [new DomainRef(10, "Finance"), new DomainRef(20, "Customer channels"), new DomainRef(30, "People")],
        [new ContractServiceRef(1, "C-PAY", "Payment processing", _graph["Payment provider"], _graph["Payments"]),
         new ContractServiceRef(2, "C-HR", "Payroll", 99, _graph["Payroll"])],
        [new SlaTargetRef(1, "PAY-AVAIL", "Payments availability", 1, _graph["Payments"]),
         new SlaTargetRef(2, "HR-AVAIL", "Payroll availability", 2, _graph["Payroll"])],
        [new AccountabilityRef(1, "Ann", null, "Service owner", ScopeType.Service, null, _graph["Checkout"], Raci.Accountable),
         new AccountabilityRef(2, "Bea", null, "Supplier manager", ScopeType.Supplier, null, _graph["Payment provider"], Raci.Accountable),
         new AccountabilityRef(3, "Cid", null, "Conductor", ScopeType.Domain, 20, null, Raci.Accountable),
         new AccountabilityRef(4, "Dan", null, "Service owner", ScopeType.Service, null, _graph["Payroll"], Raci.Accountable),
         new AccountabilityRef(5, "Eve", null, "Architect", ScopeType.Service, null, _graph["Checkout"], Raci.Consulted),
         new AccountabilityRef(6, "Fay", null, "Service owner", ScopeType.Service, null, _graph["Checkout"], Raci.Accountable, LeftOn: new DateOnly(2020, 6, 30))]);
}
