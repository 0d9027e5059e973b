using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.OperatingModel;

/// <summary>Score versions and their comparison: a draft that changes a purpose and a KPI target shows both changes.</summary>
public sealed class ScoreHistoryTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        services.AddSingleton<ICurrentActor, SystemActor>();
        services.AddOperatingModel();
    }

    [Fact]
    public async Task ComparingThePublishedVersionWithTheDraftShowsThePurposeAndKpiTargetChanges()
    {
        var (published, draft, practice, kpi) = await DraftWithChangesAsync();
        RenderProviders();
        var page = Render<ScoreHistory>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=versions-grid] tbody tr")));

        page.Find("[data-testid=run-compare]").Click();

        var changed = page.WaitForElement("[data-testid=changed]", TimeSpan.FromSeconds(5));
        Assert.Contains($"v{published.Number} (Published) → v{draft.Number} (Draft)", page.Find("[data-testid=comparison]").TextContent, StringComparison.Ordinal);
        Assert.Contains(changed.QuerySelectorAll("tr"), tr => tr.TextContent.Contains(practice.Name, StringComparison.Ordinal)
            && tr.TextContent.Contains("Purpose", StringComparison.Ordinal) && tr.QuerySelector("td.after")!.TextContent == NewPurpose);
        var target = page.Find("[data-testid=kpi-changes]").QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains(kpi.Name, StringComparison.Ordinal) && tr.TextContent.Contains("Target", StringComparison.Ordinal));
        Assert.Equal((kpi.Target, NewTarget(kpi)), (target.QuerySelector("td.before")!.TextContent, target.QuerySelector("td.after")!.TextContent));
    }

    [Fact]
    public async Task TheVersionsGridListsEveryVersionWithALinkToItsBoard()
    {
        var (published, draft, _, _) = await DraftWithChangesAsync();
        RenderProviders();

        var page = Render<ScoreHistory>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=versions-grid] tbody a"), a => a.GetAttribute("href") == ScoreRoutes.Version(draft.Number)));
        Assert.Contains(page.FindAll("[data-testid=versions-grid] tbody a"), a => a.GetAttribute("href") == ScoreRoutes.Version(published.Number));
    }

    [Fact]
    public async Task ADraftsEmptyPublishedPublisherAndNoteCells_AreMarkedToBeLeftOutOfItsPhoneCard()
    {
        var (published, draft, _, _) = await DraftWithChangesAsync();
        RenderProviders();

        var page = Render<ScoreHistory>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=versions-grid] tbody tr").Count));
        // The phone card (below 960 px) hides a cell marked version-empty: they were blank labelled lines.
        string[] Skipped(int number) => [.. page.FindAll("[data-testid=versions-grid] tbody tr")
            .Single(tr => tr.QuerySelector("a")!.GetAttribute("href") == ScoreRoutes.Version(number))
            .QuerySelectorAll("td.version-empty").Select(td => td.GetAttribute("data-label")!)];
        Assert.Equal(["Published", "Published by"], Skipped(draft.Number).Take(2));
        Assert.Empty(Skipped(published.Number));
    }

    [Fact]
    public async Task AnAddressNamingAMissingVersionSaysSoInsteadOfFailing()
    {
        var (published, _, _, _) = await DraftWithChangesAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo(ScoreRoutes.History(published.Number, 999));
        RenderProviders();

        var page = Render<ScoreHistory>();

        page.WaitForAssertion(() => Assert.Contains("999", page.Find("[data-testid=compare-missing]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=comparison]"));
    }

    private const string NewPurpose = "Restore service fast, and learn from every major incident.";

    private static string NewTarget(KpiLine kpi) => TargetRuleText(kpi, kpi.TargetValue > 1 ? kpi.TargetValue - 1 : kpi.TargetValue + 1);

    private static string TargetRuleText(KpiLine kpi, double value) => ServicePortal.Core.Targets.TargetRule.Describe(kpi.Direction, value, kpi.Unit);

    /// <summary>The draft (started once per class) with a practice whose purpose and first KPI target changed.</summary>
    private async Task<(ScoreVersionRow Published, ScoreVersionRow Draft, PracticeCard Practice, KpiLine Kpi)> DraftWithChangesAsync()
    {
        var queries = Services.GetRequiredService<ScoreQueries>();
        var versions = await queries.VersionsAsync();
        var published = versions.Where(v => v.Status == ScoreVersionStatus.Published).MaxBy(v => v.Number)!;
        var before = (await queries.BoardAsync(published.Id))!.Stages.SelectMany(s => s.Practices).First(p => p.Kpis.Count > 0);
        var draft = versions.FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft);
        if (draft is null)
        {
            var started = await Services.GetRequiredService<ScoreEditor>().NewDraftAsync();
            Assert.True(started.Succeeded, started.Summary);
            draft = started.Value!;
            var practice = (await queries.BoardAsync(draft.Id))!.Stages.SelectMany(s => s.Practices).Single(p => p.Key == before.Key);
            var form = (await queries.PracticeAsync(practice.Id))!;
            form.Purpose = NewPurpose;
            form.Kpis.Single(k => k.Key == before.Kpis[0].Key).Target = (before.Kpis[0].TargetValue > 1 ? before.Kpis[0].TargetValue - 1 : before.Kpis[0].TargetValue + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var saved = await Services.GetRequiredService<ScoreEditor>().SavePracticeAsync(form);
            Assert.True(saved.Succeeded, saved.Summary);
        }

        return (published, draft, before, before.Kpis[0]);
    }
}
