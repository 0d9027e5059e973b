using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Health;

public class HealthEngineTests
{
    [Theory]
    [InlineData(SlaResult.Breached, OperationalStatus.Healthy, true, OperationalStatus.Degraded)]
    [InlineData(SlaResult.AtRisk, OperationalStatus.Healthy, true, OperationalStatus.AtRisk)]
    [InlineData(SlaResult.Met, OperationalStatus.Healthy, true, OperationalStatus.Healthy)]
    [InlineData(SlaResult.Met, OperationalStatus.Unknown, true, OperationalStatus.Healthy)]
    [InlineData(SlaResult.Met, OperationalStatus.Down, true, OperationalStatus.Down)]
    [InlineData(SlaResult.NoData, OperationalStatus.AtRisk, true, OperationalStatus.AtRisk)]
    [InlineData(SlaResult.NoData, OperationalStatus.Unknown, true, OperationalStatus.Unknown)]
    [InlineData(SlaResult.NoData, OperationalStatus.Down, false, OperationalStatus.Unknown)]
    [InlineData(SlaResult.Breached, OperationalStatus.Healthy, false, OperationalStatus.Degraded)]
    [InlineData(SlaResult.Met, OperationalStatus.Degraded, false, OperationalStatus.Healthy)]
    public void OwnHealth_IsTheWorseOfTheSlaPartAndTheRecordedStatusWhenItCounts(
        SlaResult worstSla, OperationalStatus recorded, bool recordedApplies, OperationalStatus expected)
    {
        var own = OwnHealth.Of(worstSla, recorded, recordedApplies);

        Assert.Equal(expected, own);
    }

    [Fact]
    public void WorstMeasured_IgnoresTargetsWithoutData()
    {
        Assert.Equal(SlaResult.Met, OwnHealth.WorstMeasured([SlaResult.NoData, SlaResult.Met, SlaResult.NoData]));
        Assert.Equal(SlaResult.Breached, OwnHealth.WorstMeasured([SlaResult.Met, SlaResult.Breached, SlaResult.AtRisk]));
        Assert.Equal(SlaResult.NoData, OwnHealth.WorstMeasured([]));
    }

    [Fact]
    public void Chain_ADownDatabaseTakesDownEveryServiceAboveItAndExplainsThePath()
    {
        var graph = new HealthGraph().Ci("Db", OperationalStatus.Down).Service("App", kind: ServiceKind.Application).Service("Shop", tier: 1)
            .Edge("App", RelationshipType.RunsOn, "Db").DependsOn("Shop", "App");

        var report = graph.Compute();

        Assert.Equal(OperationalStatus.Down, report.EffectiveOf(graph["App"]));
        Assert.Equal(OperationalStatus.Down, report.EffectiveOf(graph["Shop"]));
        Assert.Equal(OperationalStatus.Healthy, report.OwnOf(graph["Shop"]));
        var explanation = report.Explain(graph["Shop"]);
        var cause = Assert.Single(explanation.Causes);
        Assert.Equal(HealthCauseKind.Dependency, cause.Kind);
        Assert.Equal(graph["Db"], cause.RootCauseId);
        Assert.Equal([graph["Db"], graph["App"], graph["Shop"]], cause.Path!.NodeIds);
        Assert.Contains("Db is recorded down", cause.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Diamond_IsReachedOnceWithTheShortestPath()
    {
        var graph = new HealthGraph().Ci("Db").Service("Left").Service("Right").Service("Mid").Service("Top", tier: 1)
            .DependsOn("Left", "Db").DependsOn("Mid", "Left").DependsOn("Right", "Db").DependsOn("Top", "Mid").DependsOn("Top", "Right");

        var report = graph.Compute(whatIf: graph["Db"]);

        Assert.Equal(OperationalStatus.Down, report.EffectiveOf(graph["Top"]));
        Assert.Equal(3, report.Explain(graph["Top"]).Causes.Single(c => c.Kind == HealthCauseKind.Dependency).Path!.NodeIds.Count);
        Assert.Equal(5, report.Impact.Count);
    }

    [Fact]
    public void Redundancy_OneGatewayDownIsARiskAndBothDownTakesTheServiceDown()
    {
        HealthGraph Graph(OperationalStatus second) => new HealthGraph().Group(7, 1)
            .Supplier("Gw1", OperationalStatus.Down).Supplier("Gw2", second).Service("Payments", tier: 1)
            .DependsOn("Payments", "Gw1", group: 7).DependsOn("Payments", "Gw2", group: 7);

        var one = Graph(OperationalStatus.Healthy);
        var both = Graph(OperationalStatus.Down);

        Assert.Equal(OperationalStatus.AtRisk, one.Compute().EffectiveOf(one["Payments"]));
        Assert.Equal(OperationalStatus.Down, both.Compute().EffectiveOf(both["Payments"]));
    }

    [Fact]
    public void DependsOnCycle_TerminatesAndPutsEveryOtherMemberAtRisk()
    {
        var graph = new HealthGraph().Service("A").Service("B").Service("C").Service("Outside")
            .DependsOn("A", "B").DependsOn("B", "C").DependsOn("C", "A").Sla("C", SlaResult.Breached);

        var report = graph.Compute();

        Assert.All(["A", "B"], key => Assert.Equal(OperationalStatus.AtRisk, report.EffectiveOf(graph[key])));
        Assert.Equal(OperationalStatus.Degraded, report.EffectiveOf(graph["C"]));
        Assert.Equal(ImpactLevel.None, report.InheritedOf(graph["C"]));
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(graph["Outside"]));
        Assert.Equal(graph["C"], report.Explain(graph["A"]).RootCauseIds.Single());
    }

    [Fact]
    public void OwnSlaBreach_IsItsOwnRootCauseAndNamesTheSla()
    {
        var graph = new HealthGraph().Service("Carrier", kind: ServiceKind.Technical).Service("Shipping", tier: 1)
            .DependsOn("Shipping", "Carrier").Sla("Carrier", SlaResult.Breached, supplier: "Swiftline", key: "CARRIER-AVAIL");

        var report = graph.Compute();

        var own = report.Explain(graph["Carrier"]);
        Assert.Equal(OperationalStatus.Degraded, own.Own);
        var cause = Assert.Single(own.Causes);
        Assert.Equal(HealthCauseKind.SlaBreached, cause.Kind);
        Assert.Equal("CARRIER-AVAIL", cause.Sla!.Key);
        Assert.Contains("Swiftline", cause.Text, StringComparison.Ordinal);
        var dependant = report.Explain(graph["Shipping"]);
        Assert.Equal(OperationalStatus.AtRisk, dependant.Effective);
        Assert.Equal(OperationalStatus.Healthy, dependant.Own);
        Assert.Contains("Carrier is breaching Carrier availability", dependant.Causes.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AtRiskAndUnknown_DoNotTravel()
    {
        var graph = new HealthGraph().Service("Dep").Ci("Mystery", OperationalStatus.Unknown).Service("Top")
            .DependsOn("Top", "Dep").DependsOn("Top", "Mystery").Sla("Dep", SlaResult.AtRisk);

        var report = graph.Compute();

        Assert.Equal(OperationalStatus.AtRisk, report.EffectiveOf(graph["Dep"]));
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(graph["Top"]));
        Assert.Empty(report.Explain(graph["Top"]).Causes);
    }

    [Fact]
    public void PastPeriod_IgnoresRecordedStatusAndUsesSlaResultsOnly()
    {
        var graph = new HealthGraph().Ci("Server", OperationalStatus.Down).Service("App").Service("Measured")
            .Edge("App", RelationshipType.RunsOn, "Server").Sla("Measured", SlaResult.Met);

        var report = graph.Compute(recordedApplies: false);

        Assert.Equal(OperationalStatus.Unknown, report.EffectiveOf(graph["Server"]));
        Assert.Equal(OperationalStatus.Unknown, report.EffectiveOf(graph["App"]));
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(graph["Measured"]));
    }

    [Fact]
    public void WhatIf_MarksTheNodeDownWithoutChangingOwnHealth()
    {
        var graph = new HealthGraph().Supplier("Vendor").Service("Saas", kind: ServiceKind.Technical).Service("Crm", tier: 2)
            .Edge("Saas", RelationshipType.ProvidedBy, "Vendor").DependsOn("Crm", "Saas");

        var report = graph.Compute(whatIf: graph["Vendor"]);

        Assert.Equal(OperationalStatus.Healthy, report.OwnOf(graph["Vendor"]));
        Assert.Equal(OperationalStatus.Down, report.EffectiveOf(graph["Vendor"]));
        Assert.Equal(OperationalStatus.Down, report.EffectiveOf(graph["Crm"]));
        Assert.Equal(HealthCauseKind.WhatIf, report.Explain(graph["Vendor"]).Causes.Single().Kind);
        Assert.Contains("marked failed (what-if)", report.Explain(graph["Crm"]).Causes.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PartOf_ADownPartOnlyPutsTheWholeAtRisk()
    {
        var graph = new HealthGraph().Ci("Node1", OperationalStatus.Down).Ci("Cluster").Service("App")
            .Edge("Node1", RelationshipType.PartOf, "Cluster").Edge("App", RelationshipType.RunsOn, "Cluster");

        var report = graph.Compute();

        Assert.Equal(OperationalStatus.AtRisk, report.EffectiveOf(graph["Cluster"]));
        Assert.Equal(OperationalStatus.Healthy, report.EffectiveOf(graph["App"]));
    }

    /// <summary>Top DependsOn Mid; Mid —type→ Dep (for PartOf: Dep is part of Mid). How far does Dep's own trouble carry?</summary>
    [Theory]
    [InlineData(RelationshipType.DependsOn, OperationalStatus.Down, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.DependsOn, OperationalStatus.Degraded, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.DependsOn, OperationalStatus.AtRisk, ImpactLevel.None, ImpactLevel.None)]
    [InlineData(RelationshipType.DependsOn, OperationalStatus.Unknown, ImpactLevel.None, ImpactLevel.None)]
    [InlineData(RelationshipType.RunsOn, OperationalStatus.Down, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.RunsOn, OperationalStatus.Degraded, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.ProvidedBy, OperationalStatus.Down, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.ProvidedBy, OperationalStatus.Degraded, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.PartOf, OperationalStatus.Down, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.PartOf, OperationalStatus.Degraded, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.ConnectsTo, OperationalStatus.Down, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.ConnectsTo, OperationalStatus.Degraded, ImpactLevel.None, ImpactLevel.None)]
    public void Rule_HowFarTroubleCarriesByRelationshipType(RelationshipType type, OperationalStatus dep, ImpactLevel mid, ImpactLevel top)
    {
        var graph = new HealthGraph().Ci("Dep", dep).Service("Mid").Service("Top").DependsOn("Top", "Mid");
        graph = type == RelationshipType.PartOf ? graph.Edge("Dep", type, "Mid") : graph.Edge("Mid", type, "Dep");

        var report = graph.Compute();

        Assert.Equal(mid, report.InheritedOf(graph["Mid"]));
        Assert.Equal(top, report.InheritedOf(graph["Top"]));
        Assert.Equal(OperationalStatus.Healthy, report.OwnOf(graph["Mid"]));
        Assert.Equal(ImpactLevel.None, report.InheritedOf(graph["Dep"]));
        Assert.Equal(mid == ImpactLevel.None ? OperationalStatus.Healthy : HealthEngine.FromImpact(mid), report.EffectiveOf(graph["Mid"]));
    }

    /// <summary>A group of n members (k needed) under Whole, and Top relying on Whole: lost spare capacity stays at Whole.</summary>
    [Theory]
    [InlineData(RelationshipType.PartOf, 4, 3, 0, 1, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.PartOf, 4, 3, 1, 0, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.PartOf, 4, 3, 2, 0, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.PartOf, 4, 3, 1, 1, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.PartOf, 4, 3, 0, 0, ImpactLevel.None, ImpactLevel.None)]
    [InlineData(RelationshipType.DependsOn, 2, 1, 1, 0, ImpactLevel.AtRisk, ImpactLevel.None)]
    [InlineData(RelationshipType.DependsOn, 2, 1, 0, 2, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.DependsOn, 2, 1, 2, 0, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.RunsOn, 2, 2, 0, 1, ImpactLevel.AtRisk, ImpactLevel.AtRisk)]
    [InlineData(RelationshipType.RunsOn, 2, 2, 1, 0, ImpactLevel.Down, ImpactLevel.Down)]
    [InlineData(RelationshipType.ConnectsTo, 2, 2, 2, 0, ImpactLevel.AtRisk, ImpactLevel.None)]
    public void Rule_ARedundancyGroupNeedsKOfN(RelationshipType type, int n, int k, int down, int degraded, ImpactLevel whole, ImpactLevel top)
    {
        var graph = new HealthGraph().Group(1, k).Ci("Whole").Service("Top").DependsOn("Top", "Whole");
        for (var i = 0; i < n; i++)
        {
            var status = i < down ? OperationalStatus.Down : i < down + degraded ? OperationalStatus.Degraded : OperationalStatus.Healthy;
            graph = graph.Ci($"M{i}", status);
            graph = type == RelationshipType.PartOf ? graph.Edge($"M{i}", type, "Whole", group: 1) : graph.Edge("Whole", type, $"M{i}", group: 1);
        }

        var report = graph.Compute();

        Assert.Equal(whole, report.InheritedOf(graph["Whole"]));
        Assert.Equal(top, report.InheritedOf(graph["Top"]));
    }

    [Fact]
    public void OwnAndInherited_AreKeptApartAndTheWorseDecides()
    {
        var graph = new HealthGraph().Service("Carrier", kind: ServiceKind.Technical).Ci("Account", OperationalStatus.Down).Service("Shipping", status: OperationalStatus.AtRisk)
            .Edge("Carrier", RelationshipType.RunsOn, "Account").DependsOn("Shipping", "Carrier").Sla("Carrier", SlaResult.Breached);

        var report = graph.Compute();

        Assert.Equal((OperationalStatus.Degraded, ImpactLevel.Down, OperationalStatus.Down), (report.OwnOf(graph["Carrier"]), report.InheritedOf(graph["Carrier"]), report.EffectiveOf(graph["Carrier"])));
        Assert.True(report.IsInherited(graph["Carrier"]));
        Assert.Equal(graph["Account"], report.RootOf(graph["Shipping"]));
        Assert.Equal((OperationalStatus.AtRisk, ImpactLevel.Down), (report.OwnOf(graph["Shipping"]), report.InheritedOf(graph["Shipping"])));
        Assert.Equal(graph["Account"], report.RootOf(graph["Account"]));
        Assert.False(report.IsInherited(graph["Account"]));
    }
}
