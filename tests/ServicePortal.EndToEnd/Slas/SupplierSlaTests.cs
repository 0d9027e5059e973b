using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Slas;

public class SupplierSlaTests(PortalServer portal)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), $"sp-slas-{name}.png");

    [Fact]
    public async Task SupplierManager_RecordsABreachingValue_AndTheScorecardCountsIt()
    {
        var queries = portal.Services.GetRequiredService<SupplierSlaQueries>();
        var results = portal.Services.GetRequiredService<SlaResultsService>();
        var month = SlaPeriods.StartOf(results.Today, MeasurementPeriod.Monthly).AddMonths(-1);
        var (supplier, row) = await MetAvailabilityRowAsync(queries, month);
        var key = row.Target.Key;

        var page = await portal.SignInAsync("supplier@demo.local", $"/suppliers/{supplier.Key}/scorecard");
        await page.WaitForSelectorAsync("[data-testid=breaches]");
        var before = int.Parse((await page.TextContentAsync("[data-testid=breaches]"))!.Trim(), CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("scorecard"), FullPage = true });

        await page.GotoAsync($"/slas/measurements?supplier={supplier.Key}&period={month:yyyy-MM}");
        await PortalServer.WaitForCircuitAsync(page);
        var input = page.Locator($"[data-testid='value-{key}'] input, input[data-testid='value-{key}']").First;
        await input.FillAsync("50");
        await input.PressAsync("Tab");
        await page.WaitForSelectorAsync($"[data-testid='result-{key}'] [data-result=Breached]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("grid"), FullPage = true });
        await page.ClickAsync("button[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=save-message]:has-text('Saved')");

        await page.GotoAsync($"/suppliers/{supplier.Key}/scorecard");
        await page.WaitForSelectorAsync("[data-testid=breaches]");
        var after = int.Parse((await page.TextContentAsync("[data-testid=breaches]"))!.Trim(), CultureInfo.InvariantCulture);

        Assert.Equal(before + 1, after);
        var stored = await queries.MeasurementGridAsync(supplier.Id, month);
        Assert.Equal(50, stored.Single(r => r.Target.Key == key).CurrentValue);
    }

    [Fact]
    public async Task Viewer_SeesTheSlaPagesWithoutEditActions()
    {
        var page = await portal.SignInAsync("viewer@demo.local", "/slas/contracts");
        await page.WaitForSelectorAsync("[data-testid=contracts-grid]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("contracts"), FullPage = true });
        Assert.Equal(0, await page.Locator("[data-testid=new]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=contracts-grid] [data-testid=edit]").CountAsync());

        await page.GotoAsync("/suppliers/SUP-FASTLANE");
        await page.WaitForSelectorAsync("[data-testid=supplier-sla-strip] [data-testid=contract-alert]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("supplier"), FullPage = true });

        await page.GotoAsync("/slas/ranking");
        await page.WaitForSelectorAsync("[data-testid=ranking-grid]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("ranking"), FullPage = true });

        await page.GotoAsync("/slas/targets");
        await page.WaitForSelectorAsync("[data-testid=targets-grid]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("targets"), FullPage = true });
        var firstTarget = page.Locator("[data-testid=targets-grid] td a").First;
        await firstTarget.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=period-results]");
        await page.WaitForSelectorAsync("[data-testid=trend-chart] svg");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("target"), FullPage = true });

        await page.GotoAsync("/slas/measurements?supplier=SUP-SWIFTLINE");
        await page.WaitForSelectorAsync("[data-testid=measurement-grid] [data-testid=current]");
        await page.WaitForSelectorAsync("[data-testid=read-only-note]");
        Assert.Equal(0, await page.Locator("[data-testid=measurement-grid] input").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=save]").CountAsync());

        await page.GotoAsync("/slas/measurements/import");
        await page.WaitForSelectorAsync("text=does not allow this");
        Assert.Equal(0, await page.Locator("[data-testid=file]").CountAsync());
    }

    [Fact]
    public async Task SupplierManager_PreviewsAndImportsACsvFile()
    {
        var queries = portal.Services.GetRequiredService<SupplierSlaQueries>();
        var results = portal.Services.GetRequiredService<SlaResultsService>();
        var month = SlaPeriods.StartOf(results.Today, MeasurementPeriod.Monthly).AddMonths(-2);
        var (supplier, row) = await MetAvailabilityRowAsync(queries, month);
        var csv = $"target key,period,value,note\n{row.Target.Key},{month:yyyy-MM},99.99,imported\nNOPE,{month:yyyy-MM},1,\n";

        var page = await portal.SignInAsync("supplier@demo.local", "/slas/measurements/import");
        var tooLarge = new byte[MeasurementCsvImport.MaxFileBytes + 1];
        await page.Locator("[data-testid=file]").SetInputFilesAsync(new FilePayload { Name = "huge.csv", MimeType = "text/csv", Buffer = tooLarge });
        await page.WaitForSelectorAsync("[data-testid=file-error]:has-text('larger than 5 MB')");

        await page.Locator("[data-testid=file]").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.WaitForSelectorAsync("[data-testid=import-errors]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("import-errors"), FullPage = true });
        Assert.True(await page.Locator("button[data-testid=commit]").IsDisabledAsync());

        var good = csv[..csv.IndexOf("NOPE", StringComparison.Ordinal)];
        await page.Locator("[data-testid=file]").SetInputFilesAsync(new FilePayload { Name = "good.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await page.WaitForSelectorAsync("[data-testid=count-update]:has-text('1 to update')");
        await page.ClickAsync("button[data-testid=commit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]:has-text('Imported')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("import-done"), FullPage = true });

        var stored = await queries.MeasurementGridAsync(supplier.Id, month);
        Assert.Equal(99.99, stored.Single(r => r.Target.Key == row.Target.Key).CurrentValue);
    }

    [Fact]
    public async Task SupplierManager_CreatesAContract_AfterFixingTheMessagesTheDialogShows()
    {
        var page = await portal.SignInAsync("supplier@demo.local", "/slas/contracts?supplier=SUP-FASTLANE");
        await page.ClickAsync("button[data-testid=new]");
        var form = page.Locator("[data-testid=contract-form]");
        var save = page.Locator("button[data-testid=save]");
        await Field(form, "reference").FillAsync("CT-2024-FLE-01");
        await Field(form, "title").FillAsync("Edge renewal");
        await Field(form, "currency").FillAsync("EU");
        await save.ClickAsync();
        await page.WaitForSelectorAsync("text=3-letter ISO code");

        await Field(form, "currency").FillAsync("EUR");
        await save.ClickAsync();
        await page.WaitForSelectorAsync("text=is already used by contract");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("contract-dialog"), FullPage = true });

        await Field(form, "reference").FillAsync("CT-2027-FLE-02");
        await save.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=contracts-grid] td:has-text('CT-2027-FLE-02')");

        var contracts = await portal.Services.GetRequiredService<SupplierSlaQueries>().ContractsAsync();
        Assert.Equal("SUP-FASTLANE", contracts.Single(c => c.Reference == "CT-2027-FLE-02").SupplierKey);
    }

    [Fact]
    public async Task SupplierManager_AddsAnSlaTarget_ForAServiceTheContractCovers()
    {
        var page = await portal.SignInAsync("supplier@demo.local", "/slas/targets?contract=CT-2024-FLE-01");
        await page.ClickAsync("button[data-testid=new]");
        var form = page.Locator("[data-testid=target-form]");
        var save = page.Locator("button[data-testid=save]");
        await Field(form, "key").FillAsync("FLE-AVAIL-2");
        await Field(form, "name").FillAsync("Edge availability (EU)");
        await page.GetByLabel("Service (covered by the contract)").ClickAsync();
        await page.GetByText("(SVC-CDN)").Last.ClickAsync();
        var target = Field(form, "target");
        await target.FillAsync("100.5");
        await target.PressAsync("Tab");
        await save.ClickAsync();
        await page.WaitForSelectorAsync("text=the target is between 0 and 100");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("target-dialog"), FullPage = true });

        await target.FillAsync("99.9");
        await target.PressAsync("Tab");
        await save.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=targets-grid] a:has-text('FLE-AVAIL-2')");
    }

    [Fact]
    public async Task MeasurementGrid_EnterMovesToTheNextValue_AndShowsTheLiveResult()
    {
        var page = await portal.SignInAsync("supplier@demo.local", "/slas/measurements?supplier=SUP-SWIFTLINE");
        var first = page.Locator("[data-testid='value-SWL-AVAIL'] input, input[data-testid='value-SWL-AVAIL']").First;

        await first.FillAsync("99.99");
        await first.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[data-testid='value-SWL-RESOL']:focus, [data-testid='value-SWL-RESOL'] :focus")).ToHaveCountAsync(1);
        await page.WaitForSelectorAsync("[data-testid='result-SWL-AVAIL'] [data-result=Met]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("grid-swiftline"), FullPage = true });
        Assert.True(await page.Locator("button[data-testid=save]").IsEnabledAsync());
    }

    /// <summary>The input of a MudBlazor field by its test id (on the input or on its wrapper).</summary>
    private static ILocator Field(ILocator form, string testId) => form.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>An availability target of some supplier whose value for <paramref name="month"/> is recorded and Met.</summary>
    private static async Task<(SupplierChoice Supplier, MeasurementGridRow Row)> MetAvailabilityRowAsync(SupplierSlaQueries queries, DateOnly month)
    {
        foreach (var supplier in await queries.SuppliersAsync())
        {
            var rows = await queries.MeasurementGridAsync(supplier.Id, month);
            var met = rows.FirstOrDefault(r => r.Target.Metric == SlaMetric.Availability && r.Target.Period == MeasurementPeriod.Monthly
                && r.CurrentResult == SlaResult.Met);
            if (met is not null)
            {
                return (supplier, met);
            }
        }

        throw new InvalidOperationException("The sample data has no met availability measurement for " + month);
    }
}
