using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

/// <summary>The measurement history dialog and the MudBlazor HistoryPanel it shows.</summary>
public sealed class MeasurementHistoryDialogTests(PortalFactory portal) : SlaComponentTest(portal)
{
    [Fact]
    public async Task ACorrectedMeasurementShowsEachChangeAsOldToNew()
    {
        var id = await RecordTwiceAsync("NBP-RESP", 7.5, 8.25);
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => MeasurementHistoryDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), "History of NBP-RESP", id));

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=history] tbody tr.mud-table-row")));
        var history = dialogs.Find("[data-testid=history]").TextContent;
        Assert.Contains("7.5", history, StringComparison.Ordinal);
        Assert.Contains("8.25", history, StringComparison.Ordinal);
        Assert.Contains("History of NBP-RESP", dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll("[data-testid=no-history]"));
    }

    [Fact]
    public async Task AMeasurementLoadedFromTheSampleFilesSaysItHasNoRecordedChanges()
    {
        var target = await Queries.TargetAsync("NBP-AVAIL");
        var seeded = (await Queries.MeasurementsAsync(target!.Id)).MinBy(m => m.PeriodStart)!; // older than anything the other tests record
        SignInAs(PortalRoles.Viewer);

        var panel = Render<HistoryPanel>(p => p.Add(h => h.EntityType, "SlaMeasurement").Add(h => h.EntityId, seeded.Id));

        panel.WaitForAssertion(() => Assert.Contains("No recorded changes", panel.Find("[data-testid=no-history]").TextContent, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("[data-testid=history]"));
    }

    [Fact]
    public async Task APeriodWithNothingRecordedSaysSoAndTheDialogCloses()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        var reference = await dialogs.InvokeAsync(() => MeasurementHistoryDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), "History", null));

        dialogs.WaitForAssertion(() => Assert.Contains("Nothing is recorded", dialogs.Find("[data-testid=no-measurement]").TextContent, StringComparison.Ordinal));
        Assert.Empty(dialogs.FindAll("[data-testid=history]"));
        dialogs.Find("[data-testid=close]").Click();
        Assert.False((await reference.Result)!.Canceled);
    }

    [Fact]
    public async Task TheTargetPageOpensTheHistoryOfAPeriodInAMudBlazorDialog()
    {
        await RecordTwiceAsync("NBP-AVAIL", 99.1, 99.2);
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();
        var page = Render<SlaTargetPage>(p => p.Add(t => t.Key, "NBP-AVAIL"));

        page.WaitForElement("button[aria-label^='History of']").Click();

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=measurement-history]")));
        Assert.Contains("History of NBP-AVAIL for", dialogs.Markup, StringComparison.Ordinal);
    }

    /// <summary>Records a value for the period three months back, then corrects it; returns the measurement's id.</summary>
    private async Task<int> RecordTwiceAsync(string targetKey, double first, double second)
    {
        var target = await Queries.TargetAsync(targetKey);
        var period = SlaPeriods.StartOf(Services.GetRequiredService<SlaResultsService>().Today, MeasurementPeriod.Monthly).AddMonths(-3);
        var recorder = Services.GetRequiredService<MeasurementRecorder>();
        foreach (var value in new[] { first, second })
        {
            var result = await recorder.RecordMeasurementsAsync([new MeasurementEntry(target!.Id, period, value, "corrected")]);
            Assert.True(result.Saved, result.Message);
        }

        return (await Queries.MeasurementsAsync(target!.Id)).Single(m => m.PeriodStart == period).Id;
    }
}
