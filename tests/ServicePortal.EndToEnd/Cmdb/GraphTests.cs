using System.Text.Json;
using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Cmdb;

/// <summary>Issue 17 item 5: the graph at two hops around the sample's container platform stays readable at 1400×900.</summary>
public class GraphTests(PortalServer portal)
{
    private const string ContainerPlatform = "CI-K8S-PROD";

    /// <summary>The sample's container platform is both a configuration item (the cluster) and a technical service.</summary>
    [Theory]
    [InlineData(ContainerPlatform)]
    [InlineData("SVC-CONTAINER-PLATFORM")]
    public async Task TwoHopsAroundTheContainerPlatform_ZoomsFitsAndNoTwoLabelsOverlap(string key)
    {
        var page = await portal.SignInAsync("viewer@demo.local", $"/cmdb/graph?node={key}&hops=2");
        var diagram = page.Locator("[data-testid=diagram][data-interactive=true][data-scale]");
        await diagram.WaitForAsync();
        var fitted = await diagram.GetAttributeAsync("viewBox");

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Assertions.Expect(diagram).Not.ToHaveAttributeAsync("viewBox", fitted!);
        var box = (await diagram.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        var zoomed = await diagram.GetAttributeAsync("viewBox");
        await page.Mouse.WheelAsync(0, -300);
        await Assertions.Expect(diagram).Not.ToHaveAttributeAsync("viewBox", zoomed!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to view" }).ClickAsync();
        await Assertions.Expect(diagram).ToHaveAttributeAsync("viewBox", fitted!);
        await PortalServer.ScreenshotAsync(page, $"graph-{key}");
        var frame = (await diagram.BoundingBoxAsync())!;
        var centre = (await page.Locator($"[data-testid=diagram] g.node.centre[data-key={key}]").BoundingBoxAsync())!;
        Assert.True(centre.Y >= frame.Y && centre.Y + centre.Height <= frame.Y + frame.Height, "fitted, the container platform itself is in view");

        var labels = await page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('[data-testid=diagram] g.node')].map(g => { const r = g.querySelector('.node-name').getBoundingClientRect(); const n = g.querySelector('rect').getBoundingClientRect(); return { key: g.dataset.key, x: r.x, y: r.y, w: r.width, h: r.height, nx: n.x, nr: n.right }; })");
        var boxes = labels.EnumerateArray().Select(l => (
            Key: l.GetProperty("key").GetString()!, X: l.GetProperty("x").GetDouble(), Y: l.GetProperty("y").GetDouble(),
            W: l.GetProperty("w").GetDouble(), H: l.GetProperty("h").GetDouble(), NodeLeft: l.GetProperty("nx").GetDouble(), NodeRight: l.GetProperty("nr").GetDouble())).ToList();

        Assert.True(boxes.Count > 40, $"two hops around the container platform draw more than 40 nodes, drew {boxes.Count}");
        Assert.All(boxes, b => Assert.True(b.X >= b.NodeLeft && b.X + b.W <= b.NodeRight + 0.5, $"{b.Key}'s label stays inside its box"));
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"the labels of {a.Key} and {b.Key} overlap");
            }
        }

        var scale = double.Parse((await diagram.GetAttributeAsync("data-scale"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(scale >= 0.6, $"fitted, the labels are drawn at {scale:0.00}× (readable from 0.6×)");
    }

    [Fact]
    public async Task ExportSavesTheDiagramAsAStandaloneSvgFile()
    {
        var page = await portal.SignInAsync("viewer@demo.local", $"/cmdb/graph?node={ContainerPlatform}&hops=2");
        await page.Locator("[data-testid=diagram][data-interactive=true][data-scale]").WaitForAsync();
        var drawn = await page.Locator("[data-testid=diagram] g.node").CountAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export as SVG" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"sp-{download.SuggestedFilename}");
        await download.SaveAsAsync(path);
        var svg = System.Xml.Linq.XDocument.Load(path);

        Assert.Equal($"cmdb-graph-{ContainerPlatform}-2-hops.svg", download.SuggestedFilename);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(drawn, svg.Descendants().Count(e => e.Name.LocalName == "g" && (e.Attribute("class")?.Value ?? "").Split(' ').Contains("node")));
        Assert.Contains("fill:", svg.Descendants().First(e => e.Name.LocalName == "rect").Attribute("style")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupedByNodeType_TheTwoHopGraphFitsInOneScreen()
    {
        var page = await portal.SignInAsync("viewer@demo.local", $"/cmdb/graph?node={ContainerPlatform}&hops=2&group=type");
        await page.Locator("[data-testid=diagram][data-interactive=true][data-scale]").WaitForAsync();

        await Assertions.Expect(page.Locator("[data-testid=diagram] [data-testid=group][data-group=ConfigurationItem]")).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "graph-container-platform-grouped");
        await page.GetByTestId("group-toggle").Filter(new() { HasText = "Application services" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=diagram] [data-testid=group][data-group=Application]")).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(page, "graph-container-platform-grouped-open");
    }

    [Fact]
    public async Task AFailedNodeInTheAddress_HighlightsItsImpactPath()
    {
        var page = await portal.SignInAsync("viewer@demo.local", $"/cmdb/graph?node={ContainerPlatform}&hops=2&failed={ContainerPlatform}");
        await page.Locator("[data-testid=diagram][data-interactive=true][data-scale]").WaitForAsync();

        await Assertions.Expect(page.GetByTestId("graph-what-if")).ToContainTextAsync("What if");
        await Assertions.Expect(page.Locator($"[data-testid=diagram] g.node.failed[data-key={ContainerPlatform}]")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("[data-testid=diagram] g.node.impact-down, [data-testid=diagram] g.node.impact-degraded").CountAsync() > 0);
        await PortalServer.ScreenshotAsync(page, "graph-container-platform-failed");
    }
}
