using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using static ServicePortal.Core.Tests.Governance.SnapshotBuilder;

namespace ServicePortal.Core.Tests.Governance;

public class ScoreCoverageTests
{
    [Fact]
    public void WellGovernedSnapshot_IsFullyCovered()
    {
        var snapshot = WellGoverned().Build();

        var coverage = ScoreCoverage.Compute(snapshot, GovernanceRuleEngine.Evaluate(snapshot));

        Assert.Equal(new CoverageFigure(4, 4), coverage.Overall);
        Assert.Equal(100.0, coverage.Overall.Percent);
    }

    [Fact]
    public void Coverage_CountsLiveServicesPerDomainAndPracticesOverall()
    {
        var builder = WellGoverned()
            .Unassign(GovernanceRoleKeys.ServiceOwner, Reporting)
            .Unassign(GovernanceRoleKeys.PracticeOwner, Change);
        builder.Domains.Add(new DomainFacts(Logistics, "logistics", "Logistics"));
        builder.Services.Add(new ServiceFacts(102, "tracking", "Tracking", Lifecycle.Live, 3, Sourcing.Internal, Logistics));
        builder.Services.Add(new ServiceFacts(103, "legacy-erp", "Legacy ERP", Lifecycle.Retired, 3, Sourcing.Internal, Logistics));
        builder.Services.Add(new ServiceFacts(104, "batch", "Batch", Lifecycle.Live, 4, Sourcing.Internal, null));
        builder.Assign(Bob, GovernanceRoleKeys.ServiceOwner, ScopeType.Service, 104);
        var snapshot = builder.Build();

        var coverage = ScoreCoverage.Compute(snapshot, GovernanceRuleEngine.Evaluate(snapshot));

        Assert.Equal(new CoverageFigure(4, 2), coverage.Services);
        Assert.Equal(new CoverageFigure(2, 1), coverage.Practices);
        Assert.Equal(new CoverageFigure(6, 3), coverage.Overall);
        Assert.Equal(50.0, coverage.Overall.Percent);
        Assert.Equal(
            [("Logistics", 1, 0), ("Payments", 2, 1), (ScoreCoverage.NoDomainName, 1, 1)],
            coverage.Domains.Select(d => (d.DomainName, d.Services.Total, d.Services.Complete)));
    }

    [Fact]
    public void GapsOfOtherRules_DoNotReduceCoverage()
    {
        var builder = WellGoverned().Unassign(GovernanceRoleKeys.ServiceLevelManager).Unassign(GovernanceRoleKeys.Conductor);
        var snapshot = builder.Build();

        var coverage = ScoreCoverage.Compute(snapshot, GovernanceRuleEngine.Evaluate(snapshot));

        Assert.Equal(coverage.Overall.Total, coverage.Overall.Complete);
    }

    [Fact]
    public void NothingToGovern_HasNoPercentage()
    {
        var snapshot = new GovernanceSnapshot { Today = Today, Domains = [new DomainFacts(1, "empty", "Empty")] };

        var coverage = ScoreCoverage.Compute(snapshot, GovernanceRuleEngine.Evaluate(snapshot));

        Assert.Null(coverage.Overall.Percent);
        Assert.Null(Assert.Single(coverage.Domains).Services.Percent);
    }
}
