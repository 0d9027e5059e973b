using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>Which SLA targets a trend page shows; every set criterion must match.</summary>
public sealed record SlaTrendFilter(int? SupplierId = null, int? ContractId = null, int? ServiceId = null);

/// <summary>
/// Reads SLA targets, measurements and contracts (no tracking, projected to the rule inputs) and returns SLA
/// results for pages: trends, service credits, supplier scorecards and ranking, contract alerts. Every call uses its
/// own short-lived context. "Today" comes from <see cref="TimeProvider"/> (its local time zone). With a
/// <see cref="ChangeFeed"/>, the supplier ranking's inputs are kept until it reports a change to them.
/// </summary>
public sealed class SlaResultsService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ChangeFeed? feed = null)
{
    private readonly ScorecardInputsCache _inputs = new(feed);
    private readonly ConcurrentDictionary<(DateOnly From, DateOnly To, DateOnly Today), KeptRanking> _rankings = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Trends over the last <see cref="SlaAttainment.TrendLength"/> periods up to <paramref name="asOf"/> (default today), by target key.</summary>
    public async Task<IReadOnlyList<SlaTrend>> GetTrendsAsync(
        SlaTrendFilter? filter = null, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targets = await LoadTargetsAsync(db, filter ?? new SlaTrendFilter(), cancellationToken);
        return await TrendsAsync(db, targets, asOf ?? Today, cancellationToken);
    }

    public async Task<SlaTrend?> GetTrendAsync(int slaTargetId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targets = await TargetTerms(db.SlaTargets.Where(t => t.Id == slaTargetId)).ToListAsync(cancellationToken);
        return (await TrendsAsync(db, targets, asOf ?? Today, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Service credits earned in the window (see <see cref="SlaPeriods.Between"/>), per target, contract and supplier.</summary>
    public async Task<ServiceCreditReport> GetServiceCreditsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targets = await LoadTargetsAsync(db, new SlaTrendFilter(), cancellationToken);
        var measurements = await LoadMeasurementsAsync(db, null, from, to, cancellationToken);
        var today = Today;
        var credits = targets.Select(t => ServiceCredits.ForTarget(
            t, SlaAttainment.Results(t, measurements, SlaPeriods.Between(from, to, t.Period).Where(p => p <= today).ToList())));
        return ServiceCredits.Report(from, to, credits);
    }

    public async Task<SupplierScorecard?> GetSupplierScorecardAsync(
        int supplierId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var scorecards = await ScorecardsAsync(supplierId, from, to, cancellationToken);
        return scorecards.SingleOrDefault();
    }

    /// <summary>Every supplier's scorecard over the window, ranked by business impact (see <see cref="SupplierScorecards.Rank"/>).</summary>
    public Task<IReadOnlyList<RankedSupplier>> GetSupplierRankingAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RankingAsync(from, to, cancellationToken);

    /// <summary>Contracts in their notice window, or ended while covering live services, as of today.</summary>
    public async Task<IReadOnlyList<ContractAlert>> GetContractAlertsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return ContractAlerts.Evaluate(await LoadContractsAsync(db, cancellationToken), Today);
    }

    /// <summary>
    /// One supplier's scorecard reads that supplier's inputs for the window; every supplier's (the ranking) comes from
    /// the kept inputs (see <see cref="ScorecardInputsCache"/>), and a ranking is kept with the inputs it was worked out
    /// from, per window and day: the dashboard's months and the supplier pages ask for the same few windows.
    /// </summary>
    private async Task<IReadOnlyList<SupplierScorecard>> ScorecardsAsync(
        int? supplierId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inputs = await ScorecardInputs.LoadAsync(db, supplierId, from, to, cancellationToken);
        return inputs.Scorecards(from, to, Today);
    }

    private async Task<IReadOnlyList<RankedSupplier>> RankingAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ScorecardInputs inputs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            inputs = await _inputs.GetAsync(db, cancellationToken);
        }

        var key = (from, to, Today);
        if (_rankings.TryGetValue(key, out var kept) && ReferenceEquals(kept.Inputs, inputs))
        {
            return kept.Ranking;
        }

        var ranking = SupplierScorecards.Rank(inputs.Scorecards(from, to, key.Item3));
        if (_rankings.Count >= KeptRankings)
        {
            _rankings.Clear();
        }

        _rankings[key] = new KeptRanking(inputs, ranking);
        return ranking;
    }

    private const int KeptRankings = 32;

    private sealed record KeptRanking(ScorecardInputs Inputs, IReadOnlyList<RankedSupplier> Ranking);

    private static async Task<IReadOnlyList<SlaTrend>> TrendsAsync(
        PortalDbContext db, IReadOnlyList<SlaTargetTerms> targets, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return [];
        }

        var from = targets.Min(t => SlaPeriods.LastPeriods(asOf, t.Period, SlaAttainment.TrendLength)[0]);
        var measurements = await LoadMeasurementsAsync(db, targets.Select(t => t.Id).ToList(), from, asOf, cancellationToken);
        var byTarget = measurements.ToLookup(m => m.SlaTargetId);
        return targets.Select(t => SlaAttainment.Trend(t, byTarget[t.Id], asOf)).ToList();
    }

    internal static Task<List<SlaTargetTerms>> LoadTargetsAsync(PortalDbContext db, SlaTrendFilter filter, CancellationToken cancellationToken)
    {
        var query = db.SlaTargets.AsQueryable();
        if (filter.SupplierId is { } supplierId)
        {
            query = query.Where(t => t.Contract!.SupplierId == supplierId);
        }

        if (filter.ContractId is { } contractId)
        {
            query = query.Where(t => t.ContractId == contractId);
        }

        if (filter.ServiceId is { } serviceId)
        {
            query = query.Where(t => t.ServiceId == serviceId);
        }

        return TargetTerms(query.OrderBy(t => t.Key)).ToListAsync(cancellationToken);
    }

    private static IQueryable<SlaTargetTerms> TargetTerms(IQueryable<SlaTarget> targets) =>
        targets.AsNoTracking().Select(t => new SlaTargetTerms(
            t.Id, t.Key, t.Name, t.Metric, t.Unit, t.Target, t.Direction, t.Period, t.WarningBand, t.ServiceCreditPercent,
            t.ContractId, t.Contract!.Reference, t.Contract.AnnualValue, t.Contract.Currency,
            t.Contract.SupplierId, t.Contract.Supplier!.Key, t.Contract.Supplier.Name,
            t.ServiceId, t.Service!.Key, t.Service.Name, t.Service.Tier));

    /// <summary>
    /// Measurements whose period starts between the month starts of <paramref name="from"/> and <paramref name="to"/>
    /// (either end open when null), of <paramref name="targetIds"/> (all when null).
    /// </summary>
    internal static Task<List<MeasuredValue>> LoadMeasurementsAsync(
        PortalDbContext db, IReadOnlyList<int>? targetIds, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var query = db.SlaMeasurements.AsNoTracking();
        if (from is { } start)
        {
            var first = SlaPeriods.StartOf(start, MeasurementPeriod.Monthly);
            query = query.Where(m => m.PeriodStart >= first);
        }

        if (to is { } end)
        {
            var last = SlaPeriods.StartOf(end, MeasurementPeriod.Monthly);
            query = query.Where(m => m.PeriodStart <= last);
        }

        if (targetIds is not null)
        {
            query = query.Where(m => targetIds.Contains(m.SlaTargetId));
        }

        return query.Select(m => new MeasuredValue(m.SlaTargetId, m.PeriodStart, m.Value)).ToListAsync(cancellationToken);
    }

    internal static async Task<IReadOnlyList<ContractTerms>> LoadContractsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Contracts.AsNoTracking()
            .OrderBy(c => c.Reference)
            .Select(c => new
            {
                c.Id, c.Reference, c.Title, c.SupplierId, SupplierName = c.Supplier!.Name, c.StartDate, c.EndDate,
                c.NoticePeriodDays, c.Status, c.AnnualValue, c.Currency,
                Services = c.Services
                    .Select(s => new ServiceSummary(s.Id, s.Key, s.Name, s.Tier, s.Lifecycle, s.DomainId, s.Domain!.Key, s.Domain.Name))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(c => new ContractTerms(
                c.Id, c.Reference, c.Title, c.SupplierId, c.SupplierName, c.StartDate, c.EndDate,
                c.NoticePeriodDays, c.Status, c.AnnualValue, c.Currency, c.Services))
            .ToList();
    }
}
