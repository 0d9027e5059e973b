using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Tests.Support;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.ScaleOut;

/// <summary>
/// The scale-out deployment end to end: PostgreSQL, two portal instances and nginx on loopback. A user signs in
/// through nginx; an edit made on one instance is seen through the other, and so is a relationship change in the
/// other instance's in-memory graph index.
/// </summary>
public class ScaleOutTests(PortalServer portal)
{
    [Fact]
    public async Task TwoInstancesBehindNginx_ShareSignInsEditsAndTheGraph()
    {
        var postgres = await PostgresServer.GetAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await using var first = await StartAsync(connection);
        await using var second = await StartAsync(connection);
        await using var nginx = await NginxProxy.StartAsync([Url(first), Url(second)]);
        var page = await portal.NewPageAsync();

        await page.GotoAsync($"{nginx.Url}/catalog/services/SVC-LOYALTY");
        await page.FillAsync("#email", "governance@demo.local");
        await page.FillAsync("#password", Core.Identity.DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=node-name]");

        await page.GotoAsync($"{Url(first)}/catalog/services/SVC-LOYALTY");
        await PortalServer.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=edit]");
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Loyalty (edited on instance 1)");
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator("[data-testid=node-name]")).ToHaveTextAsync("Loyalty (edited on instance 1)");

        await page.GotoAsync($"{Url(second)}/catalog/services/SVC-LOYALTY");
        await Assertions.Expect(page.Locator("[data-testid=node-name]")).ToHaveTextAsync("Loyalty (edited on instance 1)");

        var queries = first.Services.GetRequiredService<CatalogQueries>();
        var loyalty = (await queries.FindNodeAsync("SVC-LOYALTY"))!;
        var monitoring = (await queries.FindNodeAsync("SVC-MONITORING"))!;
        var secondGraph = second.Services.GetRequiredService<CmdbGraphService>();
        Assert.False((await secondGraph.SupplyChainAsync(loyalty.Id)).Contains(monitoring.Id), "the sample's loyalty service does not rely on monitoring yet");
        var added = await first.Services.GetRequiredService<RelationshipEditor>().AddAsync(new RelationshipInput(loyalty.Id, monitoring.Id, RelationshipType.DependsOn));
        Assert.True(added.Succeeded, added.Summary);
        var seen = false;
        for (var attempt = 0; attempt < 40 && !seen; attempt++)
        {
            seen = (await secondGraph.SupplyChainAsync(loyalty.Id)).Contains(monitoring.Id);
            if (!seen)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(seen, "the second instance's graph index picked up the relationship added on the first");
        await page.Context.CloseAsync();
        await postgres.DropDatabaseAsync(connection);
    }

    private static async Task<WebApplication> StartAsync(string connection)
    {
        var app = ServicePortal.Web.PortalApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Database:Provider=PostgreSQL",
            $"--ConnectionStrings:Portal={connection}",
            "--SeedDemoUsers=true",
            "--DetailedErrors=true",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return app;
    }

    private static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
