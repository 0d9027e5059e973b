using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.OperatingModel;

public sealed class ScoreBoardPageTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        services.AddSingleton<ICurrentActor, SystemActor>();
        services.AddOperatingModel();
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true, false)]
    [InlineData(PortalRoles.Cio, false, true)]
    [InlineData(PortalRoles.Viewer, false, false)]
    public async Task DraftActionsShowOnlyToRolesThatMayEditOrPublishTheScore(string role, bool edits, bool publishes)
    {
        var draft = await DraftAsync();
        SignInAs(role);
        RenderProviders();

        var page = Render<ScoreBoardPage>(p => p.Add(x => x.Number, draft.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=practice-card]")));
        Assert.Equal(edits, page.FindAll("[data-testid=add-practice]").Count == 1);
        Assert.Equal(edits, page.FindAll("[data-testid=discard-draft]").Count == 1);
        Assert.Equal(publishes, page.FindAll("[data-testid=publish]").Count == 1);
    }

    [Fact]
    public async Task TheBoardShowsTheFourStagesInOrderWithTheirPracticesAndKpiChips()
    {
        var health = await Services.GetRequiredService<ValueStreamHealthService>().GetAsync();
        var missed = health.Practices.SelectMany(p => p.Kpis).First(k => k.Status == TargetOutcome.Missed);
        RenderProviders();

        var page = Render<ScoreBoardPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=kpi-chip][data-status=Missed]")), TimeSpan.FromSeconds(5));
        var stages = page.FindAll("[data-testid=stage]");
        Assert.Equal(["Demand", "Plan", "Build", "Run"], stages.Select(s => s.GetAttribute("aria-label")));
        Assert.All(stages, s => Assert.NotEmpty(s.QuerySelectorAll("[data-testid=practice-card]")));
        var chip = page.Find($"[data-key='{missed.PracticeKey}'] [data-testid=kpi-chip][data-kpi='{missed.Kpi.Key}']");
        Assert.Equal("Missed", chip.GetAttribute("data-status"));
        Assert.Contains(missed.Kpi.Target, chip.TextContent, StringComparison.Ordinal);
        Assert.Contains(KpiStatus.Value(missed.Kpi, missed.Current.Value), chip.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewerSeesTheDraftWithoutAnyEditButtons()
    {
        var draft = await DraftAsync();
        SignInAs(PortalRoles.Viewer);
        RenderProviders();

        var page = Render<ScoreBoardPage>(p => p.Add(x => x.Number, draft.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=practice-card]")));
        Assert.Equal("Draft", page.Find("[data-testid=version-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=edit-practice], [data-testid=delete-practice], [data-testid=move-left], [data-testid=move-right], [data-testid=new-draft], [data-testid=add-practice], [data-testid=publish]"));
    }

    [Fact]
    public async Task EditorsOfTheDraftGetMoveEditAndRemoveOnEveryCard()
    {
        var draft = await DraftAsync();
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();

        var page = Render<ScoreBoardPage>(p => p.Add(x => x.Number, draft.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=practice-card]")));
        Assert.All(page.FindAll("[data-testid=practice-card]"), card => Assert.NotNull(card.QuerySelector("[data-testid=edit-practice]")));
        Assert.True(page.Find("[data-stage=DEMAND] [data-testid=practice-card] [data-testid=move-left]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ThePracticeDialogSavesEachKpisMeasurableFields()
    {
        var draft = await DraftAsync();
        var stage = (await Queries.BoardAsync(draft.Id))!.Stages[0];
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var form = new PracticeForm
        {
            ScoreVersionId = draft.Id, StageId = stage.Id, Key = "PRC-DIALOG-KPI", Name = "Dialog practice",
            Kpis = [new KpiForm { Key = "KPI-DIALOG-LEAD", Name = "Lead time", Metric = KpiMetric.CycleTime, Unit = "days", Target = "10", Direction = TargetDirection.AtMost, Period = MeasurementPeriod.Quarterly }],
        };

        var reference = await dialogs.InvokeAsync(() => Dialogs.ShowAsync<PracticeDialog>("Add practice", Parameters(form, stage)));
        dialogs.WaitForElement("input[data-testid=kpi-target], [data-testid=kpi-target] input").Change("7.5");
        dialogs.Find("input[data-testid=kpi-warning-band], [data-testid=kpi-warning-band] input").Change("2");
        dialogs.Find("[data-testid=save]").Click();

        var result = await reference.Result;
        Assert.False(result!.Canceled);
        var saved = (PracticeForm)result.Data!;
        var kpi = Assert.Single((await Queries.PracticeAsync(saved.Id!.Value))!.Kpis);
        Assert.Equal(("KPI-DIALOG-LEAD", "7.5", 2d, TargetDirection.AtMost, MeasurementPeriod.Quarterly, KpiMetric.CycleTime, "days"),
            (kpi.Key, kpi.Target, kpi.WarningBand, kpi.Direction, kpi.Period, kpi.Metric, kpi.Unit));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Saved");
    }

    [Fact]
    public async Task AKpiWithoutANumericTargetIsRefusedBesideTheKpisAndNothingIsSaved()
    {
        var draft = await DraftAsync();
        var stage = (await Queries.BoardAsync(draft.Id))!.Stages[0];
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var form = new PracticeForm { ScoreVersionId = draft.Id, StageId = stage.Id, Key = "PRC-DIALOG-BAD", Name = "Bad target" };

        await dialogs.InvokeAsync(() => Dialogs.ShowAsync<PracticeDialog>("Add practice", Parameters(form, stage)));
        dialogs.WaitForElement("[data-testid=add-kpi]").Click();
        dialogs.Find("input[data-testid=kpi-name], [data-testid=kpi-name] input").Change("Availability");
        dialogs.Find("input[data-testid=kpi-target], [data-testid=kpi-target] input").Change("high");
        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("KPI 1", dialogs.Find("[data-testid=kpi-errors]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain((await Queries.BoardAsync(draft.Id))!.Stages.SelectMany(s => s.Practices), p => p.Key == "PRC-DIALOG-BAD");
    }

    [Fact]
    public async Task ThePracticeDialogShowsFieldMessagesWhenInvalid()
    {
        var draft = await DraftAsync();
        var stage = (await Queries.BoardAsync(draft.Id))!.Stages[0];
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Dialogs.ShowAsync<PracticeDialog>("Add practice", Parameters(new PracticeForm { ScoreVersionId = draft.Id, StageId = stage.Id }, stage)));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-error")));
    }

    [Fact]
    public async Task ASaveByARoleThatMayNotEditTheScoreIsRefusedWithAMessage()
    {
        var draft = await DraftAsync();
        var stage = (await Queries.BoardAsync(draft.Id))!.Stages[0];
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Dialogs.ShowAsync<PracticeDialog>("Add practice",
            Parameters(new PracticeForm { ScoreVersionId = draft.Id, StageId = stage.Id, Key = "PRC-VIEWER", Name = "Not mine" }, stage)));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain((await Queries.BoardAsync(draft.Id))!.Stages.SelectMany(s => s.Practices), p => p.Key == "PRC-VIEWER");
    }

    [Fact]
    public async Task PublishingNeedsAChangeNoteAndIsRefusedToGovernanceStaff()
    {
        var draft = await DraftAsync();
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Dialogs.ShowAsync<PublishDialog>("Publish",
            new DialogParameters<PublishDialog> { { d => d.Form, new PublishForm { VersionId = draft.Id, Version = draft.Version } } }));
        dialogs.WaitForElement("[data-testid=confirm-publish]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Change note is required", dialogs.Find(".mud-input-error").TextContent, StringComparison.Ordinal));

        dialogs.Find("textarea[data-testid=change-note], [data-testid=change-note] textarea").Change("Not mine to publish.");
        dialogs.Find("[data-testid=confirm-publish]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ScoreVersionStatus.Draft, (await Queries.VersionsAsync()).Single(v => v.Id == draft.Id).Status);
    }

    private ScoreQueries Queries => Services.GetRequiredService<ScoreQueries>();

    private IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    private static DialogParameters<PracticeDialog> Parameters(PracticeForm form, StageColumn stage) =>
        new() { { d => d.Form, form }, { d => d.Stages, [new StageOption(stage.Id, stage.Name)] } };

    private async Task<ScoreVersionRow> DraftAsync()
    {
        if ((await Queries.VersionsAsync()).FirstOrDefault(v => v.Status == ScoreVersionStatus.Draft) is { } draft)
        {
            return draft;
        }

        var started = await Services.GetRequiredService<ScoreEditor>().NewDraftAsync();
        Assert.True(started.Succeeded, started.Summary);
        return started.Value!;
    }
}
