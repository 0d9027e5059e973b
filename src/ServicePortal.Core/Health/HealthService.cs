using ServicePortal.Core.Auditing;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

/// <summary>
/// Health of the whole CMDB for a month, from the database, cached.
/// <para><b>As of</b>: health is judged for one month, "as of" its end. <see cref="MeasuredPeriodsAsync"/> lists the
/// months that have SLA measurements; the default is the latest of them. A monthly target is judged on that month's
/// measurement, a quarterly target on the quarter containing the month (a quarter is recorded under its first
/// month). A month after the latest measured one, or before the first, has no SLA data.</para>
/// <para><b>Recorded status</b> counts only for the present: when the month is the latest measured month (or later).
/// For an earlier month, own health comes from SLA results alone and unmeasured nodes are Unknown — the recorded
/// status has no history and is not projected backwards (see <see cref="OwnHealth"/>).</para>
/// <para><b>Cache</b>: the report of a month is kept with the <see cref="GraphIndex"/> it was built on (a new index
/// instance whenever the CMDB, recorded statuses included, changes: see <see cref="GraphIndexProvider"/>) and the
/// version of the SLA data (targets, measurements, contracts) that the <see cref="ChangeFeed"/> moves on; a call whose
/// index and version match returns it without recomputing. A what-if is the cached inputs plus extra failed seeds,
/// recomputed each time (nothing cached, nothing stored). A change touches only what it can: when only the graph
/// moved, a month's SLA outcomes are reused (no query); when only recorded statuses changed, a past month's report
/// stands as it is (recorded status counts only for the present).</para>
/// </summary>
public sealed class HealthService(IDbContextFactory<PortalDbContext> dbFactory, GraphIndexProvider graph, ChangeFeed feed)
{
    /// <summary>The audit types health is judged from besides the graph.</summary>
    public static readonly IReadOnlySet<string> SlaTypes =
        new HashSet<string> { nameof(SlaTarget), nameof(SlaMeasurement), nameof(Suppliers.Contract), nameof(Suppliers.Supplier) };

    private readonly ChangeWatch _slaData = new(feed, SlaTypes);

    private readonly ConcurrentDictionary<DateOnly, Entry> _reports = new();
    private volatile PeriodList? _periods;

    /// <summary>How many reports were computed from scratch (diagnostics and tests).</summary>
    public int ComputeCount => _computeCount;

    private int _computeCount;

    /// <summary>Months (first days) that have at least one SLA measurement, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> MeasuredPeriodsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await _slaData.VersionAsync(cancellationToken);
        return await PeriodsAsync(db, version, cancellationToken);
    }

    /// <summary>The health report as of the month containing <paramref name="asOf"/> (default: the latest measured month), with optional what-if failures.</summary>
    public async Task<HealthReport> GetAsync(
        DateOnly? asOf = null, IReadOnlyCollection<int>? whatIfFailed = null, CancellationToken cancellationToken = default)
    {
        var index = await graph.GetAsync(cancellationToken);
        var version = await _slaData.VersionAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var periods = await PeriodsAsync(db, version, cancellationToken);
        var latest = periods.Count > 0 ? periods[0] : (DateOnly?)null;
        var period = PeriodOf(asOf, periods);

        var recordedApplies = latest is null || period >= latest;
        if (!_reports.TryGetValue(period, out var entry) || !ReferenceEquals(entry.Index, index) || entry.SlaVersion != version)
        {
            if (entry is not null && entry.SlaVersion == version && !recordedApplies && !entry.Report.Inputs.RecordedApplies
                && index.DiffersOnlyInStatuses(entry.Index))
            {
                // Only recorded statuses changed, which a past month does not read: its report stands.
                entry = entry with { Index = index };
            }
            else
            {
                // SLA data unchanged (only the graph moved): the month's outcomes are the same, no query.
                var outcomes = entry is not null && entry.SlaVersion == version
                    ? entry.Report.Inputs.Outcomes
                    : await LoadOutcomesAsync(db, period, cancellationToken);
                var inputs = new HealthInputs(period, recordedApplies, outcomes);
                entry = new Entry(index, version, HealthEngine.Compute(index, inputs));
                Interlocked.Increment(ref _computeCount);
            }

            _reports[period] = entry;
        }

        return whatIfFailed is { Count: > 0 }
            ? HealthEngine.Compute(index, entry.Report.Inputs with { WhatIfFailed = whatIfFailed })
            : entry.Report;
    }

    /// <summary>The month a call with <paramref name="asOf"/> shows: its month, by default the latest of <paramref name="measured"/> (newest first), or this month when nothing is measured.</summary>
    internal static DateOnly PeriodOf(DateOnly? asOf, IReadOnlyList<DateOnly> measured) =>
        SlaPeriods.StartOf(asOf ?? (measured.Count > 0 ? measured[0] : DateOnly.FromDateTime(DateTime.UtcNow)), MeasurementPeriod.Monthly);

    /// <summary>Every SLA target's measured result for the month (targets without a measurement are left out).</summary>
    public static async Task<IReadOnlyList<SlaOutcome>> LoadOutcomesAsync(PortalDbContext db, DateOnly month, CancellationToken cancellationToken = default)
    {
        var quarter = SlaPeriods.StartOf(month, MeasurementPeriod.Quarterly);
        var rows = await (
                from m in db.SlaMeasurements.AsNoTracking()
                where m.PeriodStart == month || m.PeriodStart == quarter
                join t in db.SlaTargets.AsNoTracking() on m.SlaTargetId equals t.Id
                select new
                {
                    t.Id, t.Key, t.Name, t.ServiceId, t.Contract!.SupplierId, SupplierName = t.Contract.Supplier!.Name, t.Period,
                    t.Target, t.Direction, t.WarningBand, t.Unit, m.PeriodStart, m.Value,
                })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => r.PeriodStart == SlaPeriods.StartOf(month, r.Period))
            .Select(r => new SlaOutcome(
                r.Id, r.Key, r.Name, r.ServiceId, r.SupplierId, r.SupplierName, r.PeriodStart,
                SlaEvaluator.Evaluate(r.Direction, r.Target, r.WarningBand, r.Value), r.Value, r.Target, r.Direction, r.Unit))
            .ToList();
    }

    private async Task<IReadOnlyList<DateOnly>> PeriodsAsync(PortalDbContext db, long version, CancellationToken cancellationToken)
    {
        var cached = _periods;
        if (cached is not null && cached.SlaVersion == version)
        {
            return cached.Periods;
        }

        var starts = await db.SlaMeasurements.AsNoTracking().Select(m => m.PeriodStart).Distinct().ToListAsync(cancellationToken);
        var periods = starts.OrderDescending().ToList();
        _periods = new PeriodList(version, periods);
        return periods;
    }

    private sealed record Entry(GraphIndex Index, long SlaVersion, HealthReport Report);

    private sealed record PeriodList(long SlaVersion, IReadOnlyList<DateOnly> Periods);
}
