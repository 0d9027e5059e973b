using System.Globalization;
using MudBlazor;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Targets;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>How a KPI's status (from the shared target rule) and its values read on the score pages.</summary>
public static class KpiStatus
{
    public static Color Colour(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Met => Color.Success,
        TargetOutcome.AtRisk => Color.Warning,
        TargetOutcome.Missed => Color.Error,
        _ => Color.Default,
    };

    public static string Text(TargetOutcome outcome) => KpiRules.OutcomeText(outcome);

    public static string Icon(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Met => Icons.Material.Filled.CheckCircle,
        TargetOutcome.AtRisk => Icons.Material.Filled.Warning,
        TargetOutcome.Missed => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Outlined.HelpOutline,
    };

    /// <summary>"97.5%" or "4 days": a value in the KPI's unit (the Core's wording), "–" for none.</summary>
    public static string Value(KpiLine kpi, double? value) => value is { } v ? KpiRules.FormatValue(kpi, v) : "–";

    public static string Trend(KpiTrend trend) => trend switch
    {
        KpiTrend.Improving => "improving",
        KpiTrend.Worsening => "worsening",
        KpiTrend.Steady => "steady",
        _ => "",
    };

    public static string TrendIcon(KpiTrend trend) => trend switch
    {
        KpiTrend.Improving => Icons.Material.Filled.TrendingUp,
        KpiTrend.Worsening => Icons.Material.Filled.TrendingDown,
        KpiTrend.Steady => Icons.Material.Filled.TrendingFlat,
        _ => "",
    };

    /// <summary>The chip's sentence: "Change failure rate: 14.6 % against ≤ 10% in 2026-11: missed, worsening".</summary>
    public static string Describe(KpiHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var trend = health.Trend == KpiTrend.Unknown ? "" : ", " + Trend(health.Trend);
        return health.Current.Value is null
            ? $"{health.Kpi.Name}: no value for {health.Current.Period} (target {health.Kpi.Target}){trend}"
            : $"{health.Kpi.Name}: {Value(health.Kpi, health.Current.Value)} against {health.Kpi.Target} in {health.Current.Period}: {Text(health.Status).ToLowerInvariant()}{trend}";
    }
}
