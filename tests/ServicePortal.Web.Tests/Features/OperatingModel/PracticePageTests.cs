using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.OperatingModel;

/// <summary>The practice page on the sample's published score: KPIs with their latest values, and recording a value.</summary>
public sealed class PracticePageTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private const string ChangeFailureRate = "KPI-DEVELOPMENT-CFR";

    protected override void AddCoreServices(IServiceCollection services)
    {
        services.AddSingleton<ICurrentActor, SystemActor>();
        services.AddOperatingModel();
    }

    [Fact]
    public async Task ThePageListsThePracticesKpisWithTheirLatestValueAndStatus()
    {
        var cfr = await HealthAsync();
        RenderProviders();

        var page = Render<PracticePage>(p => p.Add(x => x.Key, cfr.PracticeKey));

        var row = RowOf(page, cfr);
        Assert.Equal(cfr.Status.ToString(), row.QuerySelector("[data-testid=kpi-status]")!.GetAttribute("data-status"));
        Assert.Equal(cfr.Kpi.Target, row.QuerySelector("[data-testid=kpi-target]")!.TextContent.Trim());
        Assert.Contains(cfr.LastMeasured!.Period, row.QuerySelector("[data-testid=kpi-last]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedKpisNameThePracticesAccountableOwner()
    {
        var practice = (await Services.GetRequiredService<ValueStreamHealthService>().GetAsync()).Practices
            .First(p => p.AccountableOwners.Count > 0 && p.Kpis.Any(k => k.Status == TargetOutcome.Missed));
        RenderProviders();

        var page = Render<PracticePage>(p => p.Add(x => x.Key, practice.Key));

        page.WaitForAssertion(() => Assert.Contains(practice.AccountableOwners[0], page.Find("[data-testid=kpi-owner]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GovernanceStaffRecordAValueAndTheStatusFollowsIt()
    {
        var cfr = await HealthAsync();
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<PracticePage>(p => p.Add(x => x.Key, cfr.PracticeKey));
        var met = cfr.Kpi.Direction == TargetDirection.AtMost ? cfr.Kpi.TargetValue / 2 : cfr.Kpi.TargetValue;

        RowOf(page, cfr).QuerySelector("[data-testid=record-kpi-value]")!.Click();
        dialogs.WaitForElement("input[data-testid=period], [data-testid=period] input").Change(Month(cfr));
        dialogs.WaitForAssertion(() => Assert.Contains($"Stored: {KpiStatus.Value(cfr.Kpi, cfr.Current.Value)}; saving corrects it", dialogs.Find("[data-testid=kpi-value-row]").TextContent, StringComparison.Ordinal));
        dialogs.Find("input[data-testid=value], [data-testid=value] input").Change(met.ToString(CultureInfo.InvariantCulture));
        dialogs.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal("Met", RowOf(page, cfr).QuerySelector("[data-testid=kpi-status]")!.GetAttribute("data-status")), TimeSpan.FromSeconds(5));
        Assert.Equal(met, (await HealthAsync()).Current.Value);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Measurements saved");
    }

    [Fact]
    public async Task TheGridRecordsEveryFilledKpiOfThePracticeForOnePeriodAndSkipsBlankLines()
    {
        var cfr = await HealthAsync();
        var practice = (await Services.GetRequiredService<ValueStreamHealthService>().GetAsync()).Practice(cfr.PracticeKey)!;
        var monthly = practice.Kpis.Where(k => k.Kpi.Period == MeasurementPeriod.Monthly).ToList();
        Assert.True(monthly.Count >= 2, "the sample's practice has two monthly KPIs");
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<PracticePage>(p => p.Add(x => x.Key, cfr.PracticeKey));
        RowOf(page, cfr);

        page.Find("[data-testid=record-kpi]").Click();
        dialogs.WaitForElement("input[data-testid=period], [data-testid=period] input").Change("2024-02");
        foreach (var (kpi, value) in monthly.Take(2).Select((k, i) => (k, i + 1)))
        {
            dialogs.Find($"[data-testid=kpi-value-row][data-kpi='{kpi.Kpi.Key}'] input[data-testid=value], [data-testid=kpi-value-row][data-kpi='{kpi.Kpi.Key}'] [data-testid=value] input")
                .Change(value.ToString(CultureInfo.InvariantCulture));
        }

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=kpi-measurement-dialog]")));
        var history = await Services.GetRequiredService<ValueStreamHealthService>().GetAsync(new DateOnly(2024, 2, 1));
        Assert.Equal([1d, 2d], monthly.Take(2).Select(k => history.Kpi(k.Kpi.Key)!.Current.Value!.Value));
        Assert.All(monthly.Skip(2), k => Assert.Null(history.Kpi(k.Kpi.Key)!.Current.Value));
    }

    [Fact]
    public async Task AGridWithoutAnyValueIsRefusedWithAMessage()
    {
        var cfr = await HealthAsync();
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<PracticePage>(p => p.Add(x => x.Key, cfr.PracticeKey));
        RowOf(page, cfr);

        page.Find("[data-testid=record-kpi]").Click();
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("at least one KPI", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "lots", "Value 'lots' is not a number")]
    [InlineData(null, "-5", "Value: must not be negative")]
    [InlineData("2999-01", "5", "Period: 2999-01 has not started yet")]
    [InlineData("2026-13", "5", "Period must be a month written yyyy-MM")]
    public async Task BadInputIsRefusedBesideTheFieldItNamesAndNothingIsSaved(string? period, string value, string message)
    {
        var before = await HealthAsync();
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<PracticePage>(p => p.Add(x => x.Key, before.PracticeKey));

        RowOf(page, before).QuerySelector("[data-testid=record-kpi-value]")!.Click();
        dialogs.WaitForElement("input[data-testid=period], [data-testid=period] input").Change(period ?? Month(before));
        dialogs.Find("input[data-testid=value], [data-testid=value] input").Change(value);
        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".mud-input-error"), e => e.TextContent.Contains(message, StringComparison.Ordinal)));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=kpi-measurement-dialog]"));
        Assert.Equal(before.Current.Value, (await HealthAsync()).Current.Value);
    }

    [Fact]
    public async Task AViewerSeesTheKpiValuesWithoutWaysToRecordOrEdit()
    {
        var cfr = await HealthAsync();
        SignInAs(PortalRoles.Viewer);
        RenderProviders();

        var page = Render<PracticePage>(p => p.Add(x => x.Key, cfr.PracticeKey));

        RowOf(page, cfr);
        Assert.Empty(page.FindAll("[data-testid=record-kpi], [data-testid=record-kpi-value], [data-testid=add-assignment], [data-testid=edit-practice]"));
    }

    [Fact]
    public void AnUnknownPracticeSaysSoWithALinkBackToTheScore()
    {
        RenderProviders();

        var page = Render<PracticePage>(p => p.Add(x => x.Key, "PRC-NOWHERE"));

        page.WaitForAssertion(() => Assert.Contains("PRC-NOWHERE", page.Find("[data-testid=practice-missing]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ScoreRoutes.Board, page.Find("[data-testid=practice-missing] a").GetAttribute("href"));
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<PracticePage> page, KpiHealth kpi)
    {
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=kpi-table] [data-testid=kpi-name]")), TimeSpan.FromSeconds(5));
        return page.FindAll("[data-testid=kpi-table] tr").Single(tr => tr.QuerySelector("[data-testid=kpi-name]")?.TextContent == kpi.Kpi.Name);
    }

    private static string Month(KpiHealth kpi) => kpi.Current.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<KpiHealth> HealthAsync() =>
        (await Services.GetRequiredService<ValueStreamHealthService>().GetAsync()).Kpi(ChangeFailureRate)
        ?? throw new InvalidOperationException($"The sample has no {ChangeFailureRate}.");
}
