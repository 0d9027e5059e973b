using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class RelationshipValidatorTests
{
    private readonly TestGraph _graph = new TestGraph().DependsOn("Shop", "Orders").PartOf("Invoicing", "Order to cash");

    [Fact]
    public void Validate_AcceptsANewRelationship()
    {
        var validator = new RelationshipValidator(_graph.Build());

        var problems = validator.Validate(_graph["Shop"], _graph["Invoicing"], RelationshipType.DependsOn);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_RejectsASelfLink()
    {
        var validator = new RelationshipValidator(_graph.Build());

        var problems = validator.Validate(_graph["Shop"], _graph["Shop"], RelationshipType.DependsOn);

        var problem = Assert.Single(problems);
        Assert.Equal(RelationshipProblemKind.SelfLink, problem.Kind);
        Assert.Equal("Shop cannot depend on itself.", problem.Message);
    }

    [Fact]
    public void Validate_RejectsADuplicateButNotTheRelationshipBeingEdited()
    {
        var validator = new RelationshipValidator(_graph.Build());

        var added = validator.Validate(_graph["Shop"], _graph["Orders"], RelationshipType.DependsOn);
        var edited = validator.Validate(_graph["Shop"], _graph["Orders"], RelationshipType.DependsOn, editingRelationshipId: 1);

        Assert.Equal("Shop already depends on Orders.", Assert.Single(added).Message);
        Assert.Empty(edited);
    }

    [Fact]
    public void Validate_RejectsAPartOfCycleWithThePathInTheMessage()
    {
        var validator = new RelationshipValidator(_graph.Build());

        var problems = validator.Validate(_graph["Order to cash"], _graph["Invoicing"], RelationshipType.PartOf);

        var problem = Assert.Single(problems);
        Assert.Equal(RelationshipProblemKind.PartOfCycle, problem.Kind);
        Assert.Equal(
            "Order to cash cannot be part of Invoicing: that would close the cycle Order to cash → Invoicing → Order to cash.",
            problem.Message);
        Assert.Equal(_graph.Ids("Order to cash", "Invoicing", "Order to cash"), problem.Cycle);
    }

    [Fact]
    public void Validate_AllowsADependsOnCycle()
    {
        var validator = new RelationshipValidator(_graph.Build());

        var problems = validator.Validate(_graph["Orders"], _graph["Shop"], RelationshipType.DependsOn);

        Assert.Empty(problems);
    }
}
