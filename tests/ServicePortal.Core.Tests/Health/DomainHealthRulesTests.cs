using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;

namespace ServicePortal.Core.Tests.Health;

public class DomainHealthRulesTests
{
    private const OperationalStatus Healthy = OperationalStatus.Healthy;

    [Fact]
    public void Index_WeighsTierOneEightTimesTierFour()
    {
        var criticalDown = DomainHealthRules.Figure(1, [(1, OperationalStatus.Down), .. Enumerable.Repeat((4, Healthy), 8)]);
        var minorDown = DomainHealthRules.Figure(2, [(4, OperationalStatus.Down), .. Enumerable.Repeat((1, Healthy), 8)]);

        Assert.Equal(50, criticalDown.Index);
        Assert.Equal(98.5, minorDown.Index);
        Assert.Equal(OperationalStatus.Down, criticalDown.Status);
        Assert.Equal(OperationalStatus.AtRisk, minorDown.Status);
    }

    [Fact]
    public void Status_ADegradedTierTwoServiceMakesTheDomainDegradedWhateverTheIndex()
    {
        var figure = DomainHealthRules.Figure(1, [(2, OperationalStatus.Degraded), .. Enumerable.Repeat((1, Healthy), 20)]);

        Assert.True(figure.Index > 95);
        Assert.Equal(OperationalStatus.Degraded, figure.Status);
        Assert.Equal(1, figure.Tier1And2.Degraded);
    }

    [Fact]
    public void Status_LowIndexFromLessCriticalServicesIsDegraded()
    {
        var figure = DomainHealthRules.Figure(1, [(4, OperationalStatus.Down), (4, OperationalStatus.Degraded), (3, Healthy)]);

        Assert.True(figure.Index < DomainHealthRules.DegradedBelow);
        Assert.Equal(OperationalStatus.Degraded, figure.Status);
    }

    [Fact]
    public void UnknownServices_AreCountedButNotWeighed()
    {
        var figure = DomainHealthRules.Figure(1, [(1, OperationalStatus.Unknown), (3, Healthy)]);
        var nothingKnown = DomainHealthRules.Figure(1, [(1, OperationalStatus.Unknown)]);

        Assert.Equal(100, figure.Index);
        Assert.Equal(OperationalStatus.Healthy, figure.Status);
        Assert.Equal(1, figure.Services.Unknown);
        Assert.Null(nothingKnown.Index);
        Assert.Equal(OperationalStatus.Unknown, nothingKnown.Status);
    }

    [Fact]
    public void Compute_CountsLiveServicesPerDomainOnly()
    {
        var graph = new HealthGraph().Ci("Db", OperationalStatus.Down, domain: 1).Service("Shop", tier: 1, domain: 1)
            .Service("Old", tier: 1, domain: 1, lifecycle: Lifecycle.Retired).Service("Crm", tier: 2, domain: 2)
            .Edge("Shop", RelationshipType.RunsOn, "Db").Edge("Old", RelationshipType.RunsOn, "Db");

        var figures = DomainHealthRules.Compute(graph.Compute()).ToDictionary(f => f.DomainId!.Value);

        Assert.Equal(1, figures[1].Services.Total);
        Assert.Equal(OperationalStatus.Down, figures[1].Status);
        Assert.Equal(OperationalStatus.Healthy, figures[2].Status);
    }
}
