using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Score;

public class ScoreBoardViewTests
{
    [Fact]
    public async Task Board_ShowsTheFourStagesInOrderWithTheirCards_AndEditButtonsForAnEditorOfTheDraft()
    {
        var page = await RenderAsync(Board(ScoreVersionStatus.Draft), ComponentRendering.User("governance@demo.local", PortalRoles.GovernanceStaff));

        var stages = page.QuerySelectorAll("[data-testid=stage]").Select(s => s.GetAttribute("data-stage")).ToList();
        Assert.Equal(["DEMAND", "PLAN", "BUILD", "RUN"], stages);
        Assert.Equal(["PRC-PORTFOLIO"], page.QuerySelectorAll("[data-stage=DEMAND] [data-testid=practice-card]").Select(c => c.GetAttribute("data-key")));
        Assert.Equal(["PRC-INCIDENT", "PRC-PROBLEM"], page.QuerySelectorAll("[data-stage=RUN] [data-testid=practice-card]").Select(c => c.GetAttribute("data-key")));
        Assert.NotNull(page.QuerySelector("[data-stage=BUILD] [data-testid=stage-empty]"));
        var incident = page.QuerySelector("[data-key=PRC-INCIDENT]")!;
        Assert.Contains("Restore service", incident.QuerySelector("[data-testid=practice-purpose]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Joris Maas", incident.QuerySelector("[data-testid=practice-owner]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("≥ 90%", incident.TextContent, StringComparison.Ordinal);
        Assert.Contains("no accountable owner", page.QuerySelector("[data-key=PRC-PROBLEM] [data-testid=practice-owner]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=practice-actions]").Length);
        Assert.True(incident.QuerySelector("[data-testid=move-up]")!.HasAttribute("disabled"));
        Assert.True(incident.QuerySelector("[data-testid=move-right]")!.HasAttribute("disabled"));
        Assert.False(incident.QuerySelector("[data-testid=move-left]")!.HasAttribute("disabled"));
        Assert.Equal("Move Incident management left", incident.QuerySelector("[data-testid=move-left]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Board_HasNoEditButtonsForAViewer()
    {
        var page = await RenderAsync(Board(ScoreVersionStatus.Draft), ComponentRendering.User("viewer@demo.local", PortalRoles.Viewer));

        Assert.Equal(3, page.QuerySelectorAll("[data-testid=practice-card]").Length);
        Assert.Empty(page.QuerySelectorAll("[data-testid=practice-actions]"));
    }

    [Theory]
    [InlineData(ScoreVersionStatus.Published)]
    [InlineData(ScoreVersionStatus.Superseded)]
    public async Task Board_HasNoEditButtonsOnAReadOnlyVersion_EvenForAnEditor(ScoreVersionStatus status)
    {
        var page = await RenderAsync(Board(status), ComponentRendering.User("admin@demo.local", PortalRoles.Admin));

        Assert.Equal(3, page.QuerySelectorAll("[data-testid=practice-card]").Length);
        Assert.Empty(page.QuerySelectorAll("[data-testid=practice-actions], [data-testid=edit-practice], [data-testid=move-left]"));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(ScoreBoard board, ClaimsPrincipal user)
    {
        await using var rendering = new ComponentRendering(
            s => s.AddAuthorizationCore(o =>
            {
                foreach (var (policy, roles) in PortalPolicies.Roles)
                {
                    o.AddPolicy(policy, p => p.RequireRole(roles));
                }
            }),
            user);
        return await rendering.RenderAsync<ScoreBoardView>(new Dictionary<string, object?> { [nameof(ScoreBoardView.Board)] = board });
    }

    private static ScoreBoard Board(ScoreVersionStatus status)
    {
        var version = new ScoreVersionRow(1, 1, 2, "Common score 2026", status, null, "governance@demo.local", DateTime.UtcNow, null, null, 1, 3);
        PracticeCard Card(int id, string key, string name, int stage, int order, string? purpose, string[] owners, params KpiLine[] kpis) =>
            new(id, 1, key, name, stage, order, purpose, null, kpis, owners);
        return new ScoreBoard(version,
        [
            new StageColumn(1, "DEMAND", "Demand", 1, "Capture demand.", [Card(10, "PRC-PORTFOLIO", "Portfolio management", 1, 1, "Decide investments.", ["Priya Sharma"])]),
            new StageColumn(2, "PLAN", "Plan", 2, null, []),
            new StageColumn(3, "BUILD", "Build", 3, null, []),
            new StageColumn(4, "RUN", "Run", 4, null,
            [
                Card(20, "PRC-INCIDENT", "Incident management", 4, 1, "Restore service fast.", ["Joris Maas"], new KpiLine("KPI-INCIDENT-P1-4H", "P1 resolved within 4 hours", KpiMetric.Compliance, "%", 90, TargetDirection.AtLeast, 3, MeasurementPeriod.Monthly)),
                Card(21, "PRC-PROBLEM", "Problem management", 4, 2, null, []),
            ]),
        ]);
    }
}
