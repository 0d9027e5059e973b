using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Targets;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

/// <summary>The sample enterprise, once loaded, tells the story DESIGN.md asks for, with its deliberate gaps.</summary>
public sealed class SampleEnterpriseTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSample_MeetsTheStorysMinimums()
    {
        await using var db = sample.CreateContext();

        var services = await db.Services.ToListAsync(Ct);
        var suppliers = await db.Suppliers.ToListAsync(Ct);

        Assert.True(services.Count >= 40, $"{services.Count} services");
        Assert.True(services.Select(s => s.DomainId).Distinct().Count() >= 5);
        Assert.True(await db.ConfigurationItems.CountAsync(Ct) >= 60);
        Assert.True(suppliers.Count >= 12);
        Assert.Contains(suppliers, s => s.IsInternal);
        Assert.Contains(suppliers, s => !s.IsInternal);
        Assert.True(await db.Relationships.CountAsync(Ct) >= 150);
        Assert.Equal(Enum.GetValues<RelationshipType>().Order(), (await db.Relationships.Select(r => r.Type).Distinct().ToListAsync(Ct)).Order());
        Assert.Equal(Enumerable.Range(Service.HighestTier, Service.LowestTier), services.Select(s => s.Tier).Distinct().Order());
        Assert.Equal(["Demand", "Plan", "Build", "Run"], await db.Stages.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync(Ct));
        var published = await db.ScoreVersions.Include(v => v.Practices).ThenInclude(p => p.Kpis).SingleAsync(Ct);
        Assert.Equal((1, ScoreVersionStatus.Published), (published.Number, published.Status));
        Assert.True(published.Practices.Count >= 16);
        Assert.All(published.Practices, p => Assert.True(p.Purpose is not null && p.Policies is not null && p.Kpis.Count > 0, p.Key));
        Assert.True(await db.GovernanceRoles.CountAsync(Ct) >= 8);
        Assert.True(await db.People.CountAsync(Ct) >= 30);
        Assert.Contains(await db.People.ToListAsync(Ct), p => p.SupplierId is not null);
        Assert.Equal(
            Enum.GetValues<ScopeType>().Order(),
            (await db.RoleAssignments.Select(a => a.ScopeType).Distinct().ToListAsync(Ct)).Order());
    }

    [Fact]
    public async Task PaymentsDependsOnTwoExternalGatewaysOfWhichOneMustBeUp()
    {
        await using var db = sample.CreateContext();

        var members = await db.Relationships
            .Where(r => r.RedundancyGroup!.Key == "RG-CARD-GATEWAYS")
            .Select(r => new { Source = r.Source!.Key, Target = (Service)r.Target!, r.Type, r.RedundancyGroup!.MinimumUp })
            .ToListAsync(Ct);

        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Equal(("SVC-PAYMENTS", RelationshipType.DependsOn, 1, Sourcing.External), (m.Source, m.Type, m.MinimumUp, m.Target.Sourcing)));
    }

    [Fact]
    public async Task EveryServicesSourcing_MatchesTheSuppliersThatProvideIt()
    {
        await using var db = sample.CreateContext();

        var providers = await db.Relationships
            .Where(r => r.Type == RelationshipType.ProvidedBy && r.Source is Service)
            .Select(r => new { Service = (Service)r.Source!, Supplier = (Supplier)r.Target! })
            .ToListAsync(Ct);
        var services = await db.Services.ToListAsync(Ct);

        Assert.All(services, service =>
        {
            var internals = providers.Where(p => p.Service.Id == service.Id).Select(p => p.Supplier.IsInternal).Distinct().Order().ToList();
            List<bool> expected = service.Sourcing switch
            {
                Sourcing.Internal => [true],
                Sourcing.External => [false],
                _ => [false, true],
            };
            Assert.True(expected.SequenceEqual(internals), $"{service.Key} is {service.Sourcing}");
        });
    }

    [Fact]
    public async Task TwelveMonthsOfMeasurements_IncludeAtRiskValuesAndConsecutiveCarrierBreaches()
    {
        await using var db = sample.CreateContext();

        var targets = await db.SlaTargets.Include(t => t.Measurements).Include(t => t.Contract).ThenInclude(c => c!.Supplier).ToListAsync(Ct);
        var periods = targets.SelectMany(t => t.Measurements).Select(m => m.PeriodStart).Distinct().Order().ToList();
        var results = targets.SelectMany(t => t.Measurements.Select(m => Result(t, m.Value))).ToList();
        var carrier = targets.Single(t => t.Key == "SWL-AVAIL").Measurements.OrderBy(m => m.PeriodStart).Select(m => Result(targets.Single(t => t.Key == "SWL-AVAIL"), m.Value)).ToList();

        Assert.Equal(new DateOnly(2025, 12, 1), periods[0]);
        Assert.Equal(new DateOnly(2026, 11, 1), periods[^1]);
        Assert.Equal(12, periods.Count);
        Assert.Contains("AtRisk", results);
        Assert.Contains("Breached", results);
        Assert.Equal(["Breached", "Breached", "Breached", "Breached"], carrier[^4..]);
        Assert.Equal("SUP-SWIFTLINE", targets.Single(t => t.Key == "SWL-AVAIL").Contract!.Supplier!.Key);
    }

    [Fact]
    public async Task TheDeliberateGovernanceGaps_AreThereAndOnlyThem()
    {
        await using var db = sample.CreateContext();

        var assignments = await db.RoleAssignments.Include(a => a.Role).Include(a => a.Person).ToListAsync(Ct);
        var owners = assignments.Where(a => a.Role!.Key == "SERVICE-OWNER" && a.Raci == Raci.Accountable).ToList();
        var live = await db.Services.Where(s => s.Lifecycle == Lifecycle.Live).ToListAsync(Ct);
        var practices = await db.Practices.ToListAsync(Ct);
        var domains = await db.Domains.ToListAsync(Ct);
        var targeted = await db.SlaTargets.Select(t => t.ServiceId).Distinct().ToListAsync(Ct);
        var contracts = await db.Contracts.Include(c => c.Services).ToListAsync(Ct);

        Assert.Equal(["SVC-PARCEL-TRACKING"], live.Where(s => owners.Count(o => o.NodeId == s.Id) == 0).Select(s => s.Key));
        Assert.Equal(["SVC-INVENTORY"], live.Where(s => owners.Count(o => o.NodeId == s.Id) == 2).Select(s => s.Key));
        Assert.DoesNotContain(live, s => owners.Count(o => o.NodeId == s.Id) > 2);
        Assert.Equal(
            ["PRC-KNOWLEDGE"],
            practices.Where(p => !assignments.Any(a => a.PracticeId == p.Id && a.Role!.Key == "PRACTICE-OWNER" && a.Raci == Raci.Accountable)).Select(p => p.Key));
        Assert.Equal(
            ["DOM-DATA"],
            domains.Where(d => !assignments.Any(a => a.DomainId == d.Id && a.Role!.Key == "CONDUCTOR" && a.Raci == Raci.Accountable)).Select(d => d.Key));
        Assert.Equal(["SVC-TAX-CALCULATION"], live.Where(s => s.Sourcing != Sourcing.Internal && !targeted.Contains(s.Id)).Select(s => s.Key));
        Assert.Equal(
            ["CT-2024-FLE-01"],
            contracts.Where(c => c.Status == ContractStatus.Active && c.EndDate < new DateOnly(2027, 1, 1) && c.Services.Any(s => s.Lifecycle == Lifecycle.Live)).Select(c => c.Reference));
        Assert.Equal(["marcus.webb@kestrel-retail.example"], assignments.Where(a => a.Person!.LeftOn is not null).Select(a => a.Person!.Email).Distinct());
    }

    [Fact]
    public async Task ThePracticeKpis_ShowBuildSlippingBeforePeakSeason()
    {
        var clock = new FixedClock(new DateOnly(2026, 12, 3));

        var health = await new ValueStreamHealthService(sample, clock).GetAsync(cancellationToken: Ct);
        var gaps = GovernanceRuleEngine.Evaluate(await new GovernanceSnapshotLoader(sample, clock).LoadAsync(Ct));

        Assert.Equal(new DateOnly(2026, 11, 1), health.AsOf);
        Assert.Equal(
            [("Demand", TargetOutcome.AtRisk), ("Plan", TargetOutcome.Met), ("Build", TargetOutcome.Missed), ("Run", TargetOutcome.AtRisk)],
            health.Stages.Select(s => (s.Name, s.Status)));
        var metrics = health.Practices.SelectMany(p => p.Kpis).Select(k => k.Kpi.Metric).ToHashSet();
        Assert.Superset(new HashSet<KpiMetric> { KpiMetric.CycleTime, KpiMetric.ErrorRate, KpiMetric.Utilisation, KpiMetric.Throughput, KpiMetric.ReturnOnInvestment }, metrics);
        var failureRate = health.Kpi("KPI-DEVELOPMENT-CFR")!;
        Assert.Equal((4, KpiTrend.Worsening), (failureRate.MissedRunning, failureRate.Trend));
        Assert.True(failureRate.History.Select(h => h.Value!.Value).TakeLast(6).SequenceEqual(failureRate.History.Select(h => h.Value!.Value).TakeLast(6).Order()), "the change failure rate rises month after month");
        Assert.Equal("KPI-DEVELOPMENT-CFR", health.WorstKpis[0].Kpi.Key);
        Assert.All(health.Missed, m => Assert.Equal("Build", m.StageName));
        Assert.All(health.Missed, m => Assert.NotEmpty(m.AccountableOwners));
        Assert.Equal(
            [
                ("kpi-accountable-owner", "PRC-KNOWLEDGE"),
                ("kpi-missed-running", "KPI-CHANGE-SUCCESS"), ("kpi-missed-running", "KPI-DEVELOPMENT-CFR"),
                ("kpi-missed-running", "KPI-DEVELOPMENT-LEAD-TIME"), ("kpi-missed-running", "KPI-RELEASE-ON-DATE"),
                ("kpi-unmeasured", "KPI-ARCHITECTURE-SPOF"),
            ],
            gaps.Where(g => g.RuleId.StartsWith("kpi-", StringComparison.Ordinal)).Select(g => (g.RuleId, g.EntityKey)).Order());
    }

    private static string Result(SlaTarget target, double value) => target.Direction == TargetDirection.AtLeast
        ? value < target.Target ? "Breached" : value < target.Target + target.WarningBand ? "AtRisk" : "Met"
        : value > target.Target ? "Breached" : value > target.Target - target.WarningBand ? "AtRisk" : "Met";
}
