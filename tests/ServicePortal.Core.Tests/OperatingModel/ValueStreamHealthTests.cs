using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.Tests.OperatingModel;

public class ValueStreamHealthTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private static readonly KpiLine FailureRate = new("KPI-CFR", "Change failure rate", KpiMetric.ErrorRate, "%", 10, TargetDirection.AtMost, 2, MeasurementPeriod.Monthly);
    private static readonly KpiLine Deployments = new("KPI-DEPLOYS", "Deployments", KpiMetric.Throughput, "per month", 100, TargetDirection.AtLeast, 10, MeasurementPeriod.Monthly);
    private static readonly KpiLine Restore = new("KPI-MTTR", "Mean time to restore", KpiMetric.CycleTime, "h", 2, TargetDirection.AtMost, 0.5, MeasurementPeriod.Monthly);
    private static readonly KpiLine Roi = new("KPI-ROI", "Return on investment", KpiMetric.ReturnOnInvestment, "%", 15, TargetDirection.AtLeast, 5, MeasurementPeriod.Quarterly);

    private static ValueStreamInput Input(params KpiValue[] values) => new(
        November,
        [new("DEMAND", "Demand", 1), new("PLAN", "Plan", 2), new("BUILD", "Build", 3), new("RUN", "Run", 4)],
        [
            new("PRC-PORTFOLIO", "Portfolio management", "DEMAND", 1, [Roi], ["Ann"]),
            new("PRC-DEV", "Development", "BUILD", 1, [FailureRate, Deployments], ["Bram"]),
            new("PRC-INCIDENT", "Incident management", "RUN", 1, [Restore], []),
        ],
        values);

    private static IEnumerable<KpiValue> Monthly(string key, params double[] values) =>
        values.Select((v, i) => new KpiValue(key, November.AddMonths(i - values.Length + 1), v));

    [Fact]
    public void Stages_RollUpTheWorstMeasuredStatusOfTheirPractices()
    {
        var health = ValueStreamHealth.Compute(Input([
            .. Monthly("KPI-CFR", 6, 7, 11, 12, 14),
            .. Monthly("KPI-DEPLOYS", 120, 130, 150),
            .. Monthly("KPI-MTTR", 1.2, 1.7),
            new KpiValue("KPI-ROI", new DateOnly(2026, 10, 1), 17),
        ]));

        Assert.Equal(
            [("DEMAND", TargetOutcome.AtRisk), ("PLAN", TargetOutcome.NoData), ("BUILD", TargetOutcome.Missed), ("RUN", TargetOutcome.AtRisk)],
            health.Stages.Select(s => (s.Key, s.Status)));
        var build = health.Stages.Single(s => s.Key == "BUILD");
        Assert.Equal(new OutcomeCounts(1, 0, 1, 0), build.Counts);
        Assert.Equal(TargetOutcome.Missed, build.Practices.Single().Status);
        Assert.Equal(["KPI-CFR"], build.WorstKpis.Select(k => k.Kpi.Key));
    }

    [Fact]
    public void Kpi_CarriesTwelvePeriodsOfHistoryTheRunOfMissesAndItsTrend()
    {
        var health = ValueStreamHealth.Compute(Input([.. Monthly("KPI-CFR", 6, 7, 11, 12, 14)]));

        var cfr = health.Kpi("KPI-CFR")!;
        Assert.Equal(12, cfr.History.Count);
        Assert.Equal(("2025-12", "2026-11"), (cfr.History[0].Period, cfr.History[^1].Period));
        Assert.Equal((14.0, TargetOutcome.Missed), (cfr.Current.Value, cfr.Status));
        Assert.Equal(3, cfr.MissedRunning);
        Assert.Equal(KpiTrend.Worsening, cfr.Trend);
        Assert.Equal(0.4, cfr.Shortfall, 3);
    }

    [Fact]
    public void QuarterlyKpi_IsJudgedByTheQuarterContainingTheMonth()
    {
        var health = ValueStreamHealth.Compute(Input(new KpiValue("KPI-ROI", new DateOnly(2026, 7, 1), 12), new KpiValue("KPI-ROI", new DateOnly(2026, 10, 1), 22)));

        var roi = health.Kpi("KPI-ROI")!;
        Assert.Equal(("2026-Q4", TargetOutcome.Met, KpiTrend.Improving), (roi.Current.Period, roi.Status, roi.Trend));
        var trend = health.Stages.Single(s => s.Key == "DEMAND").Trend;
        Assert.Equal(
            [TargetOutcome.Missed, TargetOutcome.Missed, TargetOutcome.Missed, TargetOutcome.Met, TargetOutcome.Met],
            trend.TakeLast(5).Select(t => t.Status));
    }

    [Fact]
    public void MissedKpis_NameTheAccountableOwner_AndAnUnownedPracticeShowsNone()
    {
        var health = ValueStreamHealth.Compute(Input([.. Monthly("KPI-CFR", 11, 12), .. Monthly("KPI-MTTR", 3)]));

        Assert.Equal(
            [("KPI-CFR", "Build", "Bram"), ("KPI-MTTR", "Run", "")],
            health.Missed.Select(m => (m.Kpi.Kpi.Key, m.StageName, string.Join(", ", m.AccountableOwners))));
        Assert.Equal(["KPI-CFR", "KPI-MTTR"], health.WorstKpis.Select(k => k.Kpi.Key));
    }

    [Fact]
    public void AnUnmeasuredKpi_IsNoDataAndDoesNotHideAMeasuredOne()
    {
        var health = ValueStreamHealth.Compute(Input([.. Monthly("KPI-DEPLOYS", 105)]));

        var development = health.Practice("PRC-DEV")!;
        Assert.Equal((TargetOutcome.AtRisk, new OutcomeCounts(0, 1, 0, 1)), (development.Status, development.Counts));
        Assert.Null(health.Kpi("KPI-CFR")!.LastMeasured);
    }
}
