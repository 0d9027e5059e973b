using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>Which SLA targets a trend page shows; every set criterion must match.</summary>
public sealed record SlaTrendFilter(int? SupplierId = null, int? ContractId = null, int? ServiceId = null);

/// <summary>
/// Reads SLA targets, measurements and contracts (no tracking, projected to the rule inputs) and returns SLA
/// results for pages: trends, service credits, supplier scorecards and ranking, contract alerts. Every call uses its
/// own short-lived context. "Today" comes from <see cref="TimeProvider"/> (its local time zone).
/// </summary>
public sealed class SlaResultsService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
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
    public async Task<IReadOnlyList<RankedSupplier>> GetSupplierRankingAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        SupplierScorecards.Rank(await ScorecardsAsync(null, from, to, cancellationToken));

    /// <summary>Contracts in their notice window, or ended while covering live services, as of today.</summary>
    public async Task<IReadOnlyList<ContractAlert>> GetContractAlertsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return ContractAlerts.Evaluate(await LoadContractsAsync(db, cancellationToken), Today);
    }

    private async Task<IReadOnlyList<SupplierScorecard>> ScorecardsAsync(
        int? supplierId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suppliers = await db.Suppliers.AsNoTracking()
            .Where(s => supplierId == null || s.Id == supplierId)
            .Select(s => new SupplierSummary(s.Id, s.Key, s.Name, s.Category, s.IsInternal))
            .ToListAsync(cancellationToken);
        if (suppliers.Count == 0)
        {
            return [];
        }

        var targets = await LoadTargetsAsync(db, new SlaTrendFilter(SupplierId: supplierId), cancellationToken);
        var measurements = await LoadMeasurementsAsync(db, supplierId is null ? null : targets.Select(t => t.Id).ToList(), from, to, cancellationToken);
        var contracts = await LoadContractsAsync(db, cancellationToken);
        var providedBy = await (
                from r in db.Relationships.AsNoTracking()
                where r.Type == RelationshipType.ProvidedBy && (supplierId == null || r.TargetId == supplierId)
                join s in db.Services on r.SourceId equals s.Id
                select new { SupplierId = r.TargetId, Service = new ServiceSummary(s.Id, s.Key, s.Name, s.Tier, s.Lifecycle, s.DomainId, s.Domain!.Key, s.Domain.Name) })
            .ToListAsync(cancellationToken);
        var edges = providedBy.Select(p => (p.Service.Id, p.SupplierId)).ToList();
        var services = providedBy.Select(p => p.Service).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var targetsBySupplier = targets.ToLookup(t => t.SupplierId);
        var measurementsByTarget = measurements.ToLookup(m => m.SlaTargetId);
        var today = Today;

        // Grouped once: handing every supplier every contract and every "provided by" edge made the ranking
        // suppliers × (contracts + edges), seconds at 1,000 suppliers and 50,000 edges.
        var edgesBySupplier = edges.ToLookup(e => e.SupplierId);
        var contractsBySupplier = contracts.ToLookup(c => c.SupplierId);
        var contractsByService = contracts.SelectMany(c => c.Services.Select(s => (ServiceId: s.Id, Contract: c))).ToLookup(x => x.ServiceId, x => x.Contract);

        return suppliers
            .Select(supplier =>
            {
                var supplierTargets = targetsBySupplier[supplier.Id].ToList();
                var own = contractsBySupplier[supplier.Id].ToList();
                // The supplier's contracts plus any other covering the same services (renewals: see SupplierScorecardInput).
                var relevant = own.Concat(own.SelectMany(c => c.Services).SelectMany(s => contractsByService[s.Id])).DistinctBy(c => c.Id).ToList();
                var input = new SupplierScorecardInput(
                    supplier,
                    supplierTargets,
                    supplierTargets.SelectMany(t => measurementsByTarget[t.Id]).ToList(),
                    relevant,
                    SupplierScorecards.DirectDependents(supplier.Id, own, edgesBySupplier[supplier.Id], services));
                return SupplierScorecards.Compute(input, from, to, today);
            })
            .ToList();
    }

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

    private static Task<List<SlaTargetTerms>> LoadTargetsAsync(PortalDbContext db, SlaTrendFilter filter, CancellationToken cancellationToken)
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

    /// <summary>Measurements whose period starts between the month starts of <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static Task<List<MeasuredValue>> LoadMeasurementsAsync(
        PortalDbContext db, IReadOnlyList<int>? targetIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var first = SlaPeriods.StartOf(from, MeasurementPeriod.Monthly);
        var last = SlaPeriods.StartOf(to, MeasurementPeriod.Monthly);
        var query = db.SlaMeasurements.AsNoTracking().Where(m => m.PeriodStart >= first && m.PeriodStart <= last);
        if (targetIds is not null)
        {
            query = query.Where(m => targetIds.Contains(m.SlaTargetId));
        }

        return query.Select(m => new MeasuredValue(m.SlaTargetId, m.PeriodStart, m.Value)).ToListAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<ContractTerms>> LoadContractsAsync(PortalDbContext db, CancellationToken cancellationToken)
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
