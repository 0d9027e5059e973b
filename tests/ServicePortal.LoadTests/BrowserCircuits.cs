using Microsoft.Playwright;

namespace ServicePortal.LoadTests;

public sealed record BrowserResult(int Contexts, int Interactive, int Errors, string Note);

/// <summary>
/// A few real Chromium contexts (Debian's /usr/bin/chromium, PLATFORM.md note 2), each signed in through the form, each with
/// its own circuit: proves that circuits on this server really are interactive (a click changes what the server renders).
/// </summary>
public static class BrowserCircuits
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Debian's headless Chromium as every browser measurement of the harness starts it (no GPU, no background traffic).</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    public static async Task<BrowserResult> RunAsync(string baseUrl, LoadOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(ChromiumPath))
        {
            return new BrowserResult(0, 0, 0, $"skipped: no Chromium at {ChromiumPath} (apt-get install -y chromium)");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);

        var interactive = 0;
        var errors = new List<string>();
        var contexts = new List<IBrowserContext>();
        try
        {
            // One after the other: Chromium is heavy on 2 cores, and the point is interactivity, not throughput.
            for (var i = 0; i < options.Browsers && !cancellationToken.IsCancellationRequested; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
                context.SetDefaultTimeout(30_000);
                contexts.Add(context);
                try
                {
                    var page = await context.NewPageAsync();
                    await page.GotoAsync(options.CircuitPath);
                    await page.FillAsync("#email", options.Email);
                    await page.FillAsync("#password", ServicePortal.Core.Identity.DemoAccounts.Password);
                    await page.ClickAsync("button[type=submit]");
                    await page.WaitForSelectorAsync("[data-testid=signed-in-user]");
                    await page.WaitForSelectorAsync("[data-testid=circuit-up]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

                    // The theme toggle is handled by the server over the circuit: its label changes only if the
                    // click reached the component and the new render came back.
                    var toggle = page.GetByTestId("theme-toggle");
                    var before = await toggle.GetAttributeAsync("aria-label");
                    await toggle.ClickAsync();
                    await page.Locator($"[data-testid=theme-toggle]:not([aria-label='{before}'])").WaitForAsync();
                    interactive++;
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    errors.Add($"context {i}: {e.Message.Split('\n')[0]}");
                }
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }

        var note = errors.Count == 0 ? "each signed in through the form, waited for its circuit, toggled the sidebar over it" : string.Join("; ", errors);
        return new BrowserResult(contexts.Count, interactive, errors.Count, note);
    }
}
