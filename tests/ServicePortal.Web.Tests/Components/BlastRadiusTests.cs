using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Components;

public class BlastRadiusTests
{
    /// <summary>A supplier that 30 services rely on, each with an SLA target under one contract.</summary>
    private static ImpactReport SupplierFailure()
    {
        const int supplier = 1;
        var nodes = new List<GraphNode> { new(supplier, "SUP-HUB", "Hub supplier", NodeType.Supplier) };
        var edges = new List<GraphEdge>();
        for (var i = 0; i < 30; i++)
        {
            nodes.Add(new GraphNode(100 + i, $"SVC-{i:00}", $"Service {i:00}", NodeType.Service));
            edges.Add(new GraphEdge(100 + i, supplier, RelationshipType.ProvidedBy));
        }

        var index = GraphIndex.Build(nodes, edges);
        var result = new ImpactAnalyzer(index).Analyze([supplier]);
        var lookups = new ImpactLookups(
            [],
            [.. Enumerable.Range(0, 30).Select(i => new ContractServiceRef(7, "CT-HUB", "Hub services", supplier, 100 + i))],
            [.. Enumerable.Range(0, 30).Select(i => new SlaTargetRef(500 + i, $"SLA-{i:00}", $"Availability {i:00}", 7, 100 + i))],
            []);
        return new ImpactReport(result, ImpactSummary.From(result, lookups));
    }

    [Fact]
    public async Task LongImpactLists_ArePagedGrids_WithThePathOfEveryShownService()
    {
        await using var rendering = new ComponentRendering(user: ComponentRendering.User("viewer@demo.local", PortalRoles.Viewer));

        var page = await rendering.RenderAsync<BlastRadius>(new Dictionary<string, object?> { ["Report"] = SupplierFailure() });

        var services = page.QuerySelectorAll("[data-testid=impact-services] tbody tr");
        Assert.Equal(10, services.Length);
        Assert.All(services, row => Assert.Contains("Hub supplier", row.TextContent, StringComparison.Ordinal));
        Assert.Equal(10, page.QuerySelectorAll("[data-testid=impact-sla-targets] tbody tr").Length);
        Assert.Single(page.QuerySelectorAll("[data-testid=impact-contracts] tbody tr"));
        Assert.Contains("30 SLA targets", page.QuerySelector("[data-testid=impact-summary]")!.TextContent, StringComparison.Ordinal);
    }
}
