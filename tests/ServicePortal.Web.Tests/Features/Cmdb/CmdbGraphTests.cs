using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Cmdb;

/// <summary>Issue 17 item 5: the graph never drops a relationship silently, exports its SVG and highlights a failure's reach.</summary>
public sealed class CmdbGraphTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private const string ContainerPlatform = "CI-K8S-PROD";

    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(Portal.Services.GetRequiredService<CmdbGraphService>());
    }

    private CmdbGraphService Graph => Services.GetRequiredService<CmdbGraphService>();

    private async Task<NodeLink> NodeAsync(string key) => (await Services.GetRequiredService<CatalogQueries>().FindNodeAsync(key))!;

    [Fact]
    public async Task ACappedDiagram_DrawsEveryRelationshipBetweenItsNodes_AndAHandleForEachNeighbourLeftOut()
    {
        var centre = await NodeAsync(ContainerPlatform);
        var diagram = await Graph.NeighbourhoodAsync(centre.Id, 2, maxNodes: 12, cancellationToken: Xunit.TestContext.Current.CancellationToken);

        var drawn = RenderInteractive<CmdbDiagram>(p => p.Add(d => d.Diagram, diagram));

        Assert.Equal(diagram.Neighbourhood.Edges.Count, drawn.FindAll("g.edge").Count);
        Assert.NotEmpty(drawn.FindAll("[data-testid=more]"));
        var shown = diagram.Neighbourhood.Nodes.Select(n => n.Node.Id).ToHashSet();
        foreach (var near in diagram.Neighbourhood.Nodes.Where(n => n.Hops < 2))
        {
            var all = await Graph.NeighbourhoodAsync(near.Node.Id, 1, cancellationToken: Xunit.TestContext.Current.CancellationToken);
            var neighbours = all.Neighbourhood.Nodes.Select(n => n.Node.Id).Where(id => id != near.Node.Id).ToList();
            var handle = drawn.FindAll($"[data-testid=more][data-key='{near.Node.Key}']");
            var more = handle.Count == 0 ? 0 : int.Parse(handle.Single().GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(neighbours.Count, neighbours.Count(shown.Contains) + more);
            Assert.Equal(more > 0, handle.Count == 1);
        }
    }

    [Fact]
    public async Task TheMoreHandle_DrawsTheLeftOutNeighbours()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(CmdbRoutes.Graph(ContainerPlatform, 2));
        RenderProviders();
        var page = RenderInteractive<CmdbGraph>(p => p.Add(g => g.MaxNodes, 12));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=more]")));
        var handle = page.FindAll("[data-testid=more]")[0];
        var key = handle.GetAttribute("data-key");
        var before = page.FindAll("g.node").Count;
        var count = int.Parse(handle.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);

        await handle.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(before + count, page.FindAll("g.node").Count));
        Assert.Empty(page.FindAll($"[data-testid=more][data-key='{key}']"));
    }

    [Fact]
    public async Task ExportOffersTheSvgUnderAFileName()
    {
        var module = JSInterop.SetupModule(CmdbDiagram.ModulePath);
        module.SetupVoid("attach", _ => true);
        module.SetupVoid("download", _ => true);
        var centre = await NodeAsync(ContainerPlatform);
        var diagram = await Graph.NeighbourhoodAsync(centre.Id, 1, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        RenderProviders();

        var drawn = RenderInteractive<CmdbDiagram>(p => p.Add(d => d.Diagram, diagram).Add(d => d.FileName, "k8s.svg"));
        drawn.Find("button[data-testid=export-svg]").Click();

        var call = module.VerifyInvoke("download");
        Assert.Equal("k8s.svg", call.Arguments[1]);
        Assert.Equal("Export as SVG", drawn.Find("button[data-testid=export-svg]").GetAttribute("aria-label"));
        module.VerifyInvoke("attach");
    }

    [Fact]
    public async Task AFailedNodeInTheAddress_MarksWhatTheImpactEngineMarks_AndDimsTheRest()
    {
        var failed = await NodeAsync(ContainerPlatform);
        var report = await Graph.WhatIfAsync([failed.Id], Xunit.TestContext.Current.CancellationToken);
        Services.GetRequiredService<NavigationManager>().NavigateTo(CmdbRoutes.Graph(ContainerPlatform, 2, failed: ContainerPlatform));
        RenderProviders();

        var page = RenderInteractive<CmdbGraph>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("g.node")));
        Assert.Contains("failed", page.Find($"g.node[data-key='{ContainerPlatform}']").ClassName, StringComparison.Ordinal);
        var nodes = page.FindAll("g.node");
        var diagram = await Graph.NeighbourhoodAsync(failed.Id, 2, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        var keys = diagram.Neighbourhood.Nodes.ToDictionary(n => n.Node.Key, n => n.Node.Id);
        var hit = 0;
        foreach (var node in nodes)
        {
            var level = report.Result.LevelOf(keys[node.GetAttribute("data-key")!]);
            var expected = CmdbDiagram.ImpactClass(level);
            if (level == ImpactLevel.None)
            {
                Assert.Contains("dimmed", node.ClassName, StringComparison.Ordinal);
            }
            else
            {
                hit++;
                Assert.Contains(expected, node.ClassName, StringComparison.Ordinal);
                Assert.DoesNotContain("dimmed", node.ClassName, StringComparison.Ordinal);
            }
        }

        Assert.True(hit > 3, $"the container platform's failure reaches more than 3 drawn nodes, reached {hit}");
        Assert.NotEmpty(page.FindAll("g.edge.on-path"));
        Assert.Contains("What if", page.Find("[data-testid=graph-what-if]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFailedKey_SaysSo_AndStillDrawsTheGraph()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(CmdbRoutes.Graph(ContainerPlatform, 1, failed: "NO-SUCH"));
        RenderProviders();

        var page = RenderInteractive<CmdbGraph>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("g.node")));
        Assert.NotNull(page.Find("[data-testid=graph-failed-missing]"));
        Assert.Empty(page.FindAll("g.node.dimmed"));
    }

    [Fact]
    public void GroupingByNodeType_CollapsesEachTypeIntoOneBox_AndABoxExpandsAndCollapsesAgain()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(CmdbRoutes.Graph(ContainerPlatform, 2, group: "type"));
        RenderProviders();

        var page = RenderInteractive<CmdbGraph>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=group]")));
        var items = page.Find("[data-testid=group][data-group=ConfigurationItem]");
        Assert.StartsWith("Configuration items:", items.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Single(page.FindAll($"g.node.centre[data-key='{ContainerPlatform}']"));
        var boxes = page.FindAll("g.node").Count;

        items.Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=group][data-group=ConfigurationItem]")));
        Assert.True(page.FindAll("g.node").Count > boxes + 10, "the configuration items are drawn one by one once expanded");
        Assert.Equal("false", page.Find("[data-testid=group-toggle][data-group=ConfigurationItem]").GetAttribute("aria-pressed"));

        page.Find("[data-testid=group-toggle][data-group=ConfigurationItem]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=group][data-group=ConfigurationItem]")));
    }
}
