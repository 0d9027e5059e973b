using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Cmdb;

public sealed class ImpactTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(Portal.Services.GetRequiredService<CmdbGraphService>());
    }

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
    public void LongImpactLists_ArePagedGrids_WithEveryShownPathWordedAsASentence()
    {
        RenderProviders();

        var radius = Render<BlastRadius>(p => p.Add(b => b.Report, SupplierFailure()));

        var paths = radius.FindAll("[data-testid=impact-services] [data-testid=impact-path]").Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal(10, paths.Count);
        Assert.All(paths, path => Assert.Matches("^Service \\d\\d is provided by Hub supplier\\.$", path));
        Assert.Contains("30 SLA targets", radius.Find("[data-testid=impact-summary]").TextContent, StringComparison.Ordinal);

        radius.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Contracts and SLAs", StringComparison.Ordinal)).Click();
        radius.WaitForAssertion(() => Assert.Equal(10, radius.FindAll("[data-testid=impact-sla-targets] tbody tr.mud-table-row").Count));
        Assert.Single(radius.FindAll("[data-testid=impact-contracts] tbody tr.mud-table-row"));
    }

    [Fact]
    public void APathOverSeveralHopsReadsFromTheDependantDownToTheFailure()
    {
        var index = GraphIndex.Build(
            [new(1, "SUP-CARRIER", "Parcel carrier API", NodeType.Supplier), new(2, "CI-GW", "Shipping gateway", NodeType.ConfigurationItem), new(3, "SVC-TRACK", "Parcel tracking", NodeType.Service)],
            [new GraphEdge(2, 1, RelationshipType.ProvidedBy), new GraphEdge(3, 2, RelationshipType.DependsOn)]);
        var result = new ImpactAnalyzer(index).Analyze([1]);

        Assert.Equal("Parcel tracking depends on Shipping gateway, which is provided by Parcel carrier API.", result.PathTo(3).Describe(index));
        Assert.Equal("Shipping gateway is provided by Parcel carrier API.", result.PathTo(2).Describe(index));
    }

    [Theory]
    [InlineData(ImpactLevel.AtRisk, "At risk", "warning")]
    [InlineData(ImpactLevel.Degraded, "Degraded", "warning")]
    [InlineData(ImpactLevel.Down, "Down", "error")]
    [InlineData(ImpactLevel.None, "OK", "success")]
    public void TheBadgeWordsEveryLevelInItsColour(ImpactLevel level, string words, string colour)
    {
        var badge = Render<ImpactBadge>(p => p.Add(b => b.Level, level));

        var chip = badge.Find("[data-testid=impact-badge]");
        Assert.Equal(words, chip.TextContent.Trim());
        Assert.Contains(colour, chip.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImpactTabShowsTheBlastRadiusWithoutAToggle()
    {
        var carrier = (await Services.GetRequiredService<CatalogQueries>().FindNodeAsync("SUP-SWIFTLINE"))!;
        RenderProviders();

        var panel = Render<ImpactPanel>(p => p.Add(i => i.Node, carrier));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=impact-path]")), TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("[data-testid=what-if]"));
        var first = panel.Find("[data-testid=impact-path]").TextContent;
        Assert.Contains("Swiftline", first, StringComparison.Ordinal);
        Assert.DoesNotContain("→", first, StringComparison.Ordinal);
        Assert.DoesNotContain("(ProvidedBy)", first, StringComparison.Ordinal);
        Assert.Contains(" is provided by ", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDiagramMarksAnAtRiskNodeInWordsAndNotAsDegraded()
    {
        var checkout = (await Services.GetRequiredService<CatalogQueries>().FindNodeAsync("SVC-CHECKOUT"))!;
        var diagram = await Services.GetRequiredService<CmdbGraphService>().NeighbourhoodAsync(checkout.Id, 1);
        var other = diagram.Neighbourhood.Nodes.First(n => n.Node.Id != checkout.Id).Node;

        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var drawn = Render<CmdbDiagram>(p => p
            .Add(d => d.Diagram, diagram)
            .Add(d => d.Impact, new Dictionary<int, ImpactLevel> { [other.Id] = ImpactLevel.AtRisk, [checkout.Id] = ImpactLevel.Down }));

        var node = drawn.Find($"g.node[data-key='{other.Key}']");
        Assert.Contains("impact-at-risk", node.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("impact-degraded", node.ClassName, StringComparison.Ordinal);
        Assert.EndsWith("At risk", node.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("impact-down", drawn.Find($"g.node[data-key='{checkout.Key}']").ClassName, StringComparison.Ordinal);
    }
}
