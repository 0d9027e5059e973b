using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Governance;

/// <summary>The KPI rules of the score; the builder's today is 2026-07-10, so June, May and April are the last completed months.</summary>
public class KpiGapRulesTests
{
    private static readonly KpiLine Restore = new("KPI-MTTR", "Mean time to restore", KpiMetric.CycleTime, "h", 2, TargetDirection.AtMost, 0.5, MeasurementPeriod.Monthly);

    private static SnapshotBuilder WithRestoreKpi(params (int Month, double Value)[] values)
    {
        var builder = SnapshotBuilder.WellGoverned();
        builder.Kpis.Add(new KpiFacts(SnapshotBuilder.Incident, Restore));
        builder.KpiValues.AddRange(values.Select(v => new KpiValue(Restore.Key, new DateOnly(2026, v.Month, 1), v.Value)));
        return builder;
    }

    [Fact]
    public void AWellMeasuredKpi_BreaksNoRule()
    {
        var gaps = WithRestoreKpi((4, 1.2), (5, 2.4), (6, 1.1)).Gaps();

        Assert.Empty(gaps);
    }

    [Fact]
    public void MissedThreeCompletedPeriodsRunning_IsAHighGap_TheOpenMonthDoesNotCount()
    {
        var three = WithRestoreKpi((4, 2.5), (5, 3), (6, 2.1), (7, 1)).Gaps(GovernanceRules.KpiMissedRunning);
        var two = WithRestoreKpi((4, 1.5), (5, 3), (6, 2.1)).Gaps(GovernanceRules.KpiMissedRunning);

        var gap = Assert.Single(three);
        Assert.Equal((GapSeverity.High, GapEntityType.Kpi, "KPI-MTTR"), (gap.Severity, gap.EntityType, gap.EntityKey));
        Assert.Contains("missed its target ≤ 2 h 3 periods running (2026-04: 2.5, 2026-05: 3, 2026-06: 2.1)", gap.Message, StringComparison.Ordinal);
        Assert.Empty(two);
    }

    [Fact]
    public void NoMeasurementForTheLastTwoCompletedPeriods_IsAMediumGap()
    {
        var unmeasured = WithRestoreKpi((4, 1.2), (7, 1.0)).Gaps(GovernanceRules.KpiUnmeasured);
        var measuredOnce = WithRestoreKpi((5, 1.2)).Gaps(GovernanceRules.KpiUnmeasured);

        var gap = Assert.Single(unmeasured);
        Assert.Equal(GapSeverity.Medium, gap.Severity);
        Assert.Contains("has no measurement for 2026-05 or 2026-06", gap.Message, StringComparison.Ordinal);
        Assert.Empty(measuredOnce);
    }

    [Fact]
    public void APracticeWithKpisButNoAccountableOwner_IsAGap_ALeaverDoesNotCount()
    {
        var unowned = WithRestoreKpi((5, 1), (6, 1)).Unassign(GovernanceRoleKeys.PracticeOwner, SnapshotBuilder.Incident).Gaps(GovernanceRules.KpiAccountableOwner);
        var leaver = WithRestoreKpi((5, 1), (6, 1)).Leaves(SnapshotBuilder.Carol, new DateOnly(2026, 6, 30)).Gaps(GovernanceRules.KpiAccountableOwner);
        var withoutKpis = SnapshotBuilder.WellGoverned().Unassign(GovernanceRoleKeys.PracticeOwner, SnapshotBuilder.Incident).Gaps(GovernanceRules.KpiAccountableOwner);

        var gap = Assert.Single(unowned);
        Assert.Equal((GapSeverity.High, GapEntityType.Practice, SnapshotBuilder.Incident), (gap.Severity, gap.EntityType, gap.EntityId));
        Assert.Contains("Mean time to restore", gap.Message, StringComparison.Ordinal);
        Assert.Single(leaver);
        Assert.Empty(withoutKpis);
    }
}
