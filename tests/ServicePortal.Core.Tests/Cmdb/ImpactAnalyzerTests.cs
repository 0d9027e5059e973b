using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed partial class ImpactAnalyzerTests
{
    [Fact]
    public void Analyze_MarksEveryNodeUpAChainDown()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders").DependsOn("Orders", "Database").RunsOn("Database", "Server");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Server"]]);

        Assert.Equal(4, result.Count);
        Assert.All(result.Affected, a => Assert.Equal(ImpactLevel.Down, a.Level));
        Assert.Equal(3, result.DistanceOf(graph["Shop"]));
        Assert.Equal(graph.Ids("Server", "Database", "Orders", "Shop"), result.PathTo(graph["Shop"]).NodeIds);
    }

    [Fact]
    public void Analyze_ReportsTheFailedNodeItselfAtDistanceZero()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Orders"]]);

        Assert.True(result.TryGet(graph["Orders"], out var failed));
        Assert.Equal(new AffectedNode(graph["Orders"], ImpactLevel.Down, 0), failed);
        Assert.Empty(result.PathTo(graph["Orders"]).Edges);
    }

    [Fact]
    public void Analyze_LeavesDependenciesAndDisconnectedNodesUnaffected()
    {
        var graph = new TestGraph()
            .DependsOn("Shop", "Orders").DependsOn("Orders", "Database")
            .DependsOn("Payroll", "HR database");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Orders"]]);

        Assert.Equal(graph.Ids("Orders", "Shop"), result.NodeIds);
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["Database"]));
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["Payroll"]));
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["HR database"]));
    }

    [Fact]
    public void Analyze_ChoosesTheShortestPathThroughADiamond()
    {
        // Shop depends on Server through a long branch (Web → Cache → Server) and a short one (Api → Server).
        var graph = new TestGraph()
            .DependsOn("Shop", "Web").DependsOn("Web", "Cache").DependsOn("Cache", "Server")
            .DependsOn("Shop", "Api").DependsOn("Api", "Server");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Server"]]);

        var path = result.PathTo(graph["Shop"]);
        Assert.Equal(2, path.Length);
        Assert.Equal(graph.Ids("Server", "Api", "Shop"), path.NodeIds);
        Assert.All(path.Edges, e => Assert.Equal(RelationshipType.DependsOn, e.Type));
    }

    [Fact]
    public void Analyze_GivesEachEdgeOfThePathInItsOwnDirection()
    {
        var graph = new TestGraph().DependsOn("Shop", "Payments").ProvidedBy("Payments", "Acquirer");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var path = analyzer.Analyze([graph["Acquirer"]]).PathTo(graph["Shop"]);

        Assert.Equal(
            [new GraphEdge(graph["Payments"], graph["Acquirer"], RelationshipType.ProvidedBy, null, 2),
             new GraphEdge(graph["Shop"], graph["Payments"], RelationshipType.DependsOn, null, 1)],
            path.Edges);
        Assert.Equal("Shop depends on Payments, which is provided by Acquirer.", path.Describe(analyzer.Index));
    }

    [Fact]
    public void Describe_EndsWithOneFullStop_WhenTheLastNameEndsWithOne()
    {
        var graph = new TestGraph().ProvidedBy("Payments", "Acquirer N.V.");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var path = analyzer.Analyze([graph["Acquirer N.V."]]).PathTo(graph["Payments"]);

        Assert.Equal("Payments is provided by Acquirer N.V.", path.Describe(analyzer.Index));
    }

    [Fact]
    public void Analyze_TerminatesOnDependsOnCycles()
    {
        var graph = new TestGraph()
            .DependsOn("A", "B").DependsOn("B", "C").DependsOn("C", "A")
            .DependsOn("Shop", "A").DependsOn("C", "Database");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Database"]]);

        Assert.Equal(5, result.Count);
        Assert.All(result.Affected, a => Assert.Equal(ImpactLevel.Down, a.Level));
        Assert.Equal(graph.Ids("Database", "C", "B", "A", "Shop"), result.PathTo(graph["Shop"]).NodeIds);
    }

    [Fact]
    public void Analyze_FailingANodeOnACycleTakesTheWholeCycleDown()
    {
        var graph = new TestGraph().DependsOn("A", "B").DependsOn("B", "A");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["A"]]);

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["B"]));
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public void ImpactOfSupplier_IncludesTransitiveBusinessServices()
    {
        var graph = new TestGraph()
            .Supplier("Cloud provider")
            .Service("Online shop")
            .ProvidedBy("VM cluster", "Cloud provider").RunsOn("Shop app", "VM cluster").DependsOn("Online shop", "Shop app");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Cloud provider"]]);

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Online shop"]));
        Assert.Equal(3, result.DistanceOf(graph["Online shop"]));
    }

    [Fact]
    public void Analyze_ConnectsToMakesAContainedRiskThatGoesNoFurther()
    {
        var graph = new TestGraph().ConnectsTo("Server", "Network link").RunsOn("App", "Server");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var down = analyzer.Analyze([graph["Network link"]]);
        var degraded = analyzer.Analyze([new ImpactSeed(graph["Network link"], ImpactLevel.Degraded)]);

        Assert.Equal(ImpactLevel.AtRisk, down.LevelOf(graph["Server"]));
        Assert.Equal(PropagatedLevel.ContainedRisk, down.PropagatedLevelOf(graph["Server"]));
        Assert.Equal(ImpactLevel.None, down.LevelOf(graph["App"]));
        Assert.Equal(ImpactLevel.None, degraded.LevelOf(graph["Server"]));
    }

    [Fact]
    public void Analyze_DoesNotPropagateConnectsToAgainstItsDirection()
    {
        var graph = new TestGraph().ConnectsTo("Server", "Network link");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Server"]]);

        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["Network link"]));
    }

    [Fact]
    public void Analyze_PrefersADownPathOverAShorterDegradedOne()
    {
        // App connects to Server directly (Degraded, 1 hop) and depends on it through Runtime (Down, 2 hops).
        var graph = new TestGraph().ConnectsTo("App", "Server").DependsOn("App", "Runtime").RunsOn("Runtime", "Server");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Server"]]);

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["App"]));
        Assert.Equal(graph.Ids("Server", "Runtime", "App"), result.PathTo(graph["App"]).NodeIds);
    }

    [Fact]
    public void Analyze_PutsTheWholeAtRiskWhenAPartFailsOutsideAGroup()
    {
        var graph = new TestGraph().PartOf("Node 1", "Cluster").PartOf("Node 2", "Cluster").DependsOn("App", "Cluster");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Node 1"]]);

        Assert.Equal(ImpactLevel.AtRisk, result.LevelOf(graph["Cluster"]));
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["App"]));
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["Node 2"]));
    }

    [Fact]
    public void Analyze_DoesNotTakeThePartsDownWithTheWhole()
    {
        var graph = new TestGraph().PartOf("Node 1", "Cluster").PartOf("Node 2", "Cluster");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Cluster"]]);

        Assert.Equal(1, result.Count);
        Assert.Equal(ImpactLevel.None, result.LevelOf(graph["Node 1"]));
    }

    [Fact]
    public void Analyze_TakesTheWholeDownWhenFewerThanMinimumPartsOfItsGroupAreUp()
    {
        var graph = new TestGraph().Group(7, minimumUp: 2)
            .PartOf("Node 1", "Cluster", group: 7).PartOf("Node 2", "Cluster", group: 7).PartOf("Node 3", "Cluster", group: 7);
        var analyzer = new ImpactAnalyzer(graph.Build());

        var oneDown = analyzer.Analyze([graph["Node 1"]]);
        var twoDown = analyzer.Analyze(graph.Ids("Node 1", "Node 2"));

        Assert.Equal(ImpactLevel.AtRisk, oneDown.LevelOf(graph["Cluster"]));
        Assert.Equal(ImpactLevel.Down, twoDown.LevelOf(graph["Cluster"]));
    }

    [Fact]
    public void Analyze_PutsTheDependantAtRiskWhenOneMemberOfARedundancyGroupIsDown()
    {
        var graph = new TestGraph().Group(1, minimumUp: 1)
            .DependsOn("Payments", "Gateway A", group: 1).DependsOn("Payments", "Gateway B", group: 1);
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([graph["Gateway A"]]);

        Assert.Equal(ImpactLevel.AtRisk, result.LevelOf(graph["Payments"]));
        Assert.Equal(graph.Ids("Gateway A", "Payments"), result.PathTo(graph["Payments"]).NodeIds);
    }

    [Fact]
    public void Analyze_TakesTheDependantDownWhenEveryMemberOfARedundancyGroupIsDown()
    {
        var graph = new TestGraph().Group(1, minimumUp: 1)
            .DependsOn("Payments", "Gateway A", group: 1).DependsOn("Payments", "Gateway B", group: 1)
            .DependsOn("Checkout", "Payments");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze(graph.Ids("Gateway A", "Gateway B"));

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Payments"]));
        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Checkout"]));
    }

    [Theory]
    [InlineData(1, ImpactLevel.AtRisk)]
    [InlineData(2, ImpactLevel.Down)]
    [InlineData(3, ImpactLevel.Down)]
    public void Analyze_NeedsTwoOfThreeMembersUpWhenMinimumUpIsTwo(int membersDown, ImpactLevel expected)
    {
        var graph = new TestGraph().Group(1, minimumUp: 2)
            .RunsOn("App", "Server 1", group: 1).RunsOn("App", "Server 2", group: 1).RunsOn("App", "Server 3", group: 1);
        var analyzer = new ImpactAnalyzer(graph.Build());
        var failed = graph.Ids("Server 1", "Server 2", "Server 3").Take(membersDown);

        var result = analyzer.Analyze(failed);

        Assert.Equal(expected, result.LevelOf(graph["App"]));
    }

    [Fact]
    public void Analyze_JudgesAGroupPerDependant()
    {
        // Two services use the same group id over different members; each judges only its own members.
        var graph = new TestGraph().Group(1, minimumUp: 1)
            .DependsOn("Shop", "Db 1", group: 1).DependsOn("Shop", "Db 2", group: 1)
            .DependsOn("Reports", "Db 1", group: 1).DependsOn("Reports", "Db 3", group: 1);
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze(graph.Ids("Db 1", "Db 2"));

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Shop"]));
        Assert.Equal(ImpactLevel.AtRisk, result.LevelOf(graph["Reports"]));
    }

    [Fact]
    public void Analyze_DegradedDependenciesPutTheirDependantsAtRiskButNeverTakeThemDown()
    {
        var graph = new TestGraph().Group(1, minimumUp: 1)
            .DependsOn("Shop", "Orders").DependsOn("Orders", "Db 1", group: 1).DependsOn("Orders", "Db 2", group: 1);
        var analyzer = new ImpactAnalyzer(graph.Build());

        var both = analyzer.Analyze([new ImpactSeed(graph["Db 1"], ImpactLevel.Degraded), new ImpactSeed(graph["Db 2"], ImpactLevel.Degraded)]);
        var one = analyzer.Analyze([new ImpactSeed(graph["Db 1"], ImpactLevel.Degraded)]);

        Assert.Equal(ImpactLevel.AtRisk, both.LevelOf(graph["Orders"]));
        Assert.Equal(ImpactLevel.AtRisk, both.LevelOf(graph["Shop"]));
        Assert.Equal(ImpactLevel.AtRisk, one.LevelOf(graph["Orders"]));
        Assert.Equal(PropagatedLevel.ContainedRisk, one.PropagatedLevelOf(graph["Orders"]));
        Assert.Equal(ImpactLevel.None, one.LevelOf(graph["Shop"]));
    }

    [Fact]
    public void Analyze_KeepsWhatAFailedNodeInheritsApartFromItsOwnLevel()
    {
        var graph = new TestGraph().DependsOn("Shop", "Carrier").DependsOn("Carrier", "Account").DependsOn("Loop", "Shop").DependsOn("Shop", "Loop");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([new ImpactSeed(graph["Carrier"], ImpactLevel.Degraded), new ImpactSeed(graph["Account"], ImpactLevel.Down), new ImpactSeed(graph["Shop"], ImpactLevel.Degraded)]);

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Carrier"]));
        Assert.Equal(ImpactLevel.Down, result.InheritedOf(graph["Carrier"]).Level);
        Assert.Equal(graph.Ids("Account", "Carrier"), result.InheritedOf(graph["Carrier"]).Path!.NodeIds);
        Assert.Equal(ImpactLevel.None, result.InheritedLevelOf(graph["Account"]));
        Assert.Equal(ImpactLevel.Down, result.InheritedLevelOf(graph["Shop"]));
        Assert.Equal(graph.Ids("Account", "Carrier", "Shop"), result.InheritedOf(graph["Shop"]).Path!.NodeIds);
    }

    [Fact]
    public void Analyze_AFailedNodeDoesNotInheritItsOwnFailureBackThroughACycle()
    {
        var graph = new TestGraph().DependsOn("A", "B").DependsOn("B", "A").DependsOn("B", "Other");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var alone = analyzer.Analyze([new ImpactSeed(graph["A"], ImpactLevel.Degraded)]);
        var withOther = analyzer.Analyze([new ImpactSeed(graph["A"], ImpactLevel.Degraded), new ImpactSeed(graph["Other"], ImpactLevel.Down)]);

        Assert.Equal(ImpactLevel.AtRisk, alone.LevelOf(graph["B"]));
        Assert.Equal(ImpactLevel.None, alone.InheritedLevelOf(graph["A"]));
        Assert.Equal((ImpactLevel.None, null), alone.InheritedOf(graph["A"]));
        Assert.Equal(ImpactLevel.Down, withOther.InheritedLevelOf(graph["A"]));
        Assert.Equal(graph.Ids("Other", "B", "A"), withOther.InheritedOf(graph["A"]).Path!.NodeIds);
    }

    [Fact]
    public void Analyze_TakesTheWorseLevelOfASeedNamedTwice()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze([new ImpactSeed(graph["Orders"], ImpactLevel.Degraded), new ImpactSeed(graph["Orders"], ImpactLevel.Down)]);

        Assert.Equal(ImpactLevel.Down, result.LevelOf(graph["Shop"]));
    }

    [Fact]
    public void Analyze_MeasuresPathsFromTheNearestOfSeveralFailedNodes()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders").DependsOn("Orders", "Database").DependsOn("Database", "Storage");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var result = analyzer.Analyze(graph.Ids("Storage", "Orders"));

        Assert.Equal(1, result.DistanceOf(graph["Shop"]));
        Assert.Equal(graph.Ids("Orders", "Shop"), result.PathTo(graph["Shop"]).NodeIds);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void Analyze_RejectsANodeThatIsNotInTheGraph()
    {
        var analyzer = new ImpactAnalyzer(new TestGraph().Ci("Server").Build());

        var act = () => analyzer.Analyze([999]);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Analyze_CanStartFromRecordedFailuresOfNodesNotRetired()
    {
        var index = GraphIndex.Build(
            [new GraphNode(1, "DB", "Database", Catalog.NodeType.ConfigurationItem, Status: Catalog.OperationalStatus.Down),
             new GraphNode(2, "APP", "App", Catalog.NodeType.ConfigurationItem),
             new GraphNode(3, "LINK", "Link", Catalog.NodeType.ConfigurationItem, Status: Catalog.OperationalStatus.Degraded),
             new GraphNode(4, "WEB", "Web", Catalog.NodeType.ConfigurationItem),
             new GraphNode(5, "OLD", "Old server", Catalog.NodeType.ConfigurationItem, Catalog.Lifecycle.Retired, Catalog.OperationalStatus.Down),
             new GraphNode(6, "ARCHIVE", "Archive", Catalog.NodeType.ConfigurationItem)],
            [new GraphEdge(2, 1, RelationshipType.DependsOn), new GraphEdge(4, 3, RelationshipType.DependsOn), new GraphEdge(6, 5, RelationshipType.RunsOn)]);
        var analyzer = new ImpactAnalyzer(index);

        var result = analyzer.Analyze(index.RecordedFailures());

        Assert.Equal(ImpactLevel.Down, result.LevelOf(2));
        Assert.Equal(ImpactLevel.AtRisk, result.LevelOf(4));
        Assert.Equal(ImpactLevel.None, result.LevelOf(6));
    }

    [Fact]
    public void SupplyChain_FindsExternalSuppliersAtTheEndOfItsChains()
    {
        var graph = new TestGraph()
            .Service("Online shop")
            .Supplier("Payment provider").Supplier("Cloud provider").Supplier("Platform team", isInternal: true)
            .DependsOn("Online shop", "Payments").ProvidedBy("Payments", "Payment provider")
            .RunsOn("Online shop", "Web servers").ProvidedBy("Web servers", "Cloud provider")
            .ProvidedBy("Web servers", "Platform team")
            .DependsOn("Unrelated", "Other supplier");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var chain = analyzer.SupplyChain(graph["Online shop"]);

        Assert.Equal(graph.Ids("Payment provider", "Cloud provider"), chain.ExternalSuppliers.Order());
        Assert.Contains(graph["Platform team"], chain.Suppliers);
        Assert.DoesNotContain(graph["Other supplier"], chain.NodeIds);
        Assert.Equal(graph.Ids("Online shop", "Web servers", "Cloud provider"), chain.PathTo(graph["Cloud provider"]).NodeIds);
    }

    [Fact]
    public void SupplyChain_FollowsPartsAndConnectionsButNotWholesOrDependants()
    {
        var graph = new TestGraph()
            .Service("Order to cash")
            .PartOf("Invoicing", "Order to cash").PartOf("Order to cash", "Retail value stream")
            .ConnectsTo("Order to cash", "Message bus").DependsOn("Dashboard", "Order to cash");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var chain = analyzer.SupplyChain(graph["Order to cash"]);

        Assert.Equal(graph.Ids("Invoicing", "Message bus").Order(), chain.DependencyIds.Order());
    }

    [Fact]
    public void SupplyChain_TerminatesOnCycles()
    {
        var graph = new TestGraph().Service("Shop").DependsOn("Shop", "A").DependsOn("A", "B").DependsOn("B", "Shop").ProvidedBy("B", "Vendor");
        var analyzer = new ImpactAnalyzer(graph.Build());

        var chain = analyzer.SupplyChain(graph["Shop"]);

        Assert.Equal(4, chain.Count);
        Assert.Equal(3, chain.DistanceOf(graph["Vendor"]));
    }
}
