using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ServicePortal.EndToEnd.Support.PortalServer))]

namespace ServicePortal.EndToEnd.Support;

/// <summary>
/// One real portal (Kestrel on a free loopback port, seeded SQLite file) and one headless Debian Chromium for the
/// whole test run (PLATFORM.md note 2). Tests open their own browser context, so cookies never leak between them.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"sp-e2e-{Guid.NewGuid():N}.db");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _app = ServicePortal.Web.PortalApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Portal=Data Source={_databasePath}",
            "--SeedDemoUsers=true",
            "--DetailedErrors=true",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        if (File.Exists(ChromiumPath))
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
            });
        }
    }

    /// <summary>A fresh browser context (own cookies) at the portal; skips the test when Chromium is not installed.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (Browser is null)
        {
            Assert.Skip($"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium; .ci/run does this).");
        }

        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                File.AppendAllText(Path.Combine(Path.GetTempPath(), "sp-browser-errors.log"), $"{page.Url}: {message.Text}{Environment.NewLine}");
            }
        };
        return page;
    }

    /// <summary>Signs in through the form and waits until the interactive circuit is up.</summary>
    public async Task<IPage> SignInAsync(string email, string path = "/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", ServicePortal.Core.Identity.DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=signed-in-user]");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Signs in, then shows the page as a phone (390 × 844) does: loaded again at that width, since MudBlazor picks its
    /// phone layout when a page loads, and with its circuit up, so a test measures what the circuit renders rather than
    /// the prerendered nodes it replaces.
    /// </summary>
    public async Task<IPage> SignInOnAPhoneAsync(string email, string path = "/")
    {
        var page = await SignInAsync(email, path);
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A prerendered button does nothing until Blazor's circuit is connected (PLATFORM.md note 2).</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=circuit-up]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits until the address matches, by polling it. For Blazor's in-page navigations (NavigateTo, links handled by
    /// the router), <c>WaitForURLAsync</c> waits for a navigation event and a load, and on a busy machine it missed
    /// an address that had already changed and timed out.
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new PageAssertionsToHaveURLOptions { Timeout = 15_000 });

    /// <summary>Saves a screenshot for people to look at (SERVICEPORTAL_SCREENSHOTS names the folder; default: temp).</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Environment.GetEnvironmentVariable("SERVICEPORTAL_SCREENSHOTS") ?? Path.GetTempPath(), $"sp-{name}.png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
