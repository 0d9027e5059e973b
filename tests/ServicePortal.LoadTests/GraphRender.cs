using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.LoadTests;

public sealed record GraphRenderResult(
    string Key, string Name, int Hops, int Drawn, int Edges, int Hidden, int Loads, double FirstRender, double RenderP50, double RenderMax,
    double ZoomMean, double ZoomP95, double PanMean, double PanP95);

/// <summary>
/// Issue 17's graph figure with real data: the CMDB graph page in Chromium at the node limit of a diagram (300 nodes,
/// <see cref="Neighbourhood.DefaultMaxNodes"/>) drawn from the database the portal runs over. The centre is the node
/// whose two-hop neighbourhood is nearest above that limit, so the page draws 300 real nodes with "+N more" handles.
/// Each load is a navigation to the page until the diagram is interactive (laid out on the server, pan and zoom wired);
/// then 60 wheel-zoom steps and 60 drag-pan steps, one per animation frame, and the time between frames.
/// </summary>
public static class GraphRender
{
    private const string Interactive = "[data-testid=diagram][data-interactive=true][data-scale]";

    public static async Task<GraphRenderResult?> RunAsync(IServiceProvider services, string baseUrl, LoadOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(BrowserCircuits.ChromiumPath))
        {
            Console.WriteLine($"  skipped: no Chromium at {BrowserCircuits.ChromiumPath}");
            return null;
        }

        const int hops = 2;
        var index = await services.GetRequiredService<GraphIndexProvider>().GetAsync(cancellationToken);
        var centre = PickCentre(index, hops);
        var neighbourhood = Neighbourhood.Of(index, centre.Id, hops);
        Console.WriteLine($"  centre {centre.Key} ({centre.Name}): {neighbourhood.Nodes.Count} nodes, {neighbourhood.Edges.Count} relationships at {hops} hops");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserCircuits.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#email", options.Email);
        await page.FillAsync("#password", ServicePortal.Core.Identity.DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=signed-in-user]");

        var address = $"/cmdb/graph?node={Uri.EscapeDataString(centre.Key)}&hops={hops}";
        var renders = new List<double>();
        for (var i = 0; i < options.GraphLoads && !cancellationToken.IsCancellationRequested; i++)
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(address);
            await page.Locator(Interactive).WaitForAsync();
            renders.Add(watch.Elapsed.TotalMilliseconds);
        }

        var drawn = await page.Locator("[data-testid=diagram] g.node").CountAsync();
        var edges = await page.Locator("[data-testid=diagram] g.edge").CountAsync();
        var hidden = await page.Locator("[data-testid=diagram] [data-testid=more]").CountAsync();
        var firstView = Path.Combine(Path.GetTempPath(), "sp-graph-300-first-view.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = firstView });
        var zoom = await page.EvaluateAsync<double[]>(ZoomFrames);

        // Panning is a real pointer drag from Playwright while the page records the time between its frames.
        var box = (await page.Locator(Interactive).BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.EvaluateAsync(RecordFrames);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 60; step++)
        {
            var offset = step <= 30 ? step : 60 - step;
            await page.Mouse.MoveAsync(x + (offset * 8), y + (offset * 4));
        }

        await page.Mouse.UpAsync();
        var pan = await page.EvaluateAsync<double[]>("() => { window.__frames.stop = true; return window.__frames.times.slice(1); }");
        var screenshot = Path.Combine(Path.GetTempPath(), "sp-graph-300-after-zoom-and-pan.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Console.WriteLine($"  screenshots: {firstView}, {screenshot}");
        await context.CloseAsync();

        var sorted = renders.Skip(1).Order().ToArray();
        return new GraphRenderResult(
            centre.Key, centre.Name, hops, drawn, edges, hidden, renders.Count, renders[0],
            sorted.Length > 0 ? sorted[sorted.Length / 2] : renders[0], renders.Max(),
            zoom.Average(), Percentile(zoom, 0.95), pan.Average(), Percentile(pan, 0.95));
    }

    /// <summary>The node whose neighbourhood at <paramref name="hops"/> is nearest above a diagram's node limit (every 50th node looked at, never the pathological hub's own neighbours first).</summary>
    private static GraphNode PickCentre(GraphIndex index, int hops)
    {
        GraphNode? best = null;
        var bestSize = int.MaxValue;
        var looked = 0;
        foreach (var node in index.Nodes)
        {
            if (looked++ % 50 != 0)
            {
                continue;
            }

            var size = Neighbourhood.Of(index, node.Id, hops, maxNodes: 2 * Neighbourhood.DefaultMaxNodes).Nodes.Count;
            if (size >= Neighbourhood.DefaultMaxNodes && size < bestSize)
            {
                (best, bestSize) = (node, size);
                if (size <= Neighbourhood.DefaultMaxNodes + 20)
                {
                    break;
                }
            }
        }

        return best ?? throw new InvalidOperationException($"No node has {Neighbourhood.DefaultMaxNodes} nodes within {hops} hops: use a larger database (--db).");
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }

    /// <summary>60 wheel-zoom steps, one per animation frame; the time between frames.</summary>
    private const string ZoomFrames = """
        () => new Promise(resolve => {
            const svg = document.querySelector('[data-testid=diagram]');
            const box = svg.getBoundingClientRect();
            const times = []; let last = performance.now(); let step = 0;
            const tick = now => {
                times.push(now - last); last = now;
                if (step++ === 60) { resolve(times.slice(1)); return; }
                svg.dispatchEvent(new WheelEvent('wheel', { deltaY: step < 30 ? -40 : 40, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true }));
                requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })
        """;

    /// <summary>Records the time between animation frames until <c>window.__frames.stop</c> is set.</summary>
    private const string RecordFrames = """
        () => {
            const frames = window.__frames = { times: [], stop: false };
            let last = performance.now();
            const tick = now => { frames.times.push(now - last); last = now; if (!frames.stop) requestAnimationFrame(tick); };
            requestAnimationFrame(tick);
        }
        """;
}
