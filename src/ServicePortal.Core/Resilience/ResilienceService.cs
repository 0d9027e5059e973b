using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Resilience;

/// <summary>The availability SLA targets under active contracts, kept until the change feed reports a change to SLA targets or contracts.</summary>
public sealed class AvailabilityTargetsCache(ChangeFeed? feed = null) : ChangeFeedCache<IReadOnlyList<AvailabilityTarget>>(feed)
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string> { nameof(SlaTarget), nameof(Contract) };

    protected override IReadOnlySet<string> EntityTypes => Types;

    protected override async Task<IReadOnlyList<AvailabilityTarget>> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.SlaTargets.AsNoTracking()
            .Where(t => t.Metric == SlaMetric.Availability && t.Direction == TargetDirection.AtLeast && t.Contract!.Status == ContractStatus.Active)
            .OrderBy(t => t.Key)
            .Select(t => new AvailabilityTarget(t.Id, t.Key, t.Name, t.ServiceId, t.ContractId, t.Contract!.Reference, t.Target))
            .ToListAsync(cancellationToken);
}

/// <summary>
/// The resilience insight as pages and the API use it: single points of failure, SLA chains and renewals by impact,
/// always on the current graph index of <see cref="GraphIndexProvider"/> (which follows the change feed). The single
/// points of failure are kept with the index they were found on, and the SLA chains with the index and the availability
/// targets they were worked out from, so they are worked out again only when the CMDB (or the targets) change. Safe as a
/// singleton.
/// </summary>
public sealed class ResilienceService(
    GraphIndexProvider provider, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, AvailabilityTargetsCache? targetsCache = null)
    : ISlaChainShortfalls, IDisposable
{
    private readonly AvailabilityTargetsCache _targets = targetsCache ?? new AvailabilityTargetsCache();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SinglePointsEntry? _singlePoints;
    private volatile ChainEntry? _chains;
    private volatile ChainEntry? _shortfalls;
    private int _singlePointsRuns;

    /// <summary>How many times the single points of failure were worked out (diagnostics and tests: a cached read adds none).</summary>
    public int SinglePointsRuns => Volatile.Read(ref _singlePointsRuns);

    /// <summary>The single points of failure of the current CMDB, ranked by business impact.</summary>
    public async Task<SinglePointsOfFailureReport> SinglePointsOfFailureAsync(CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        return await SinglePointsOfFailureAsync(index, cancellationToken);
    }

    /// <summary>The SLA chain of every live business service (promises with a shortfall first).</summary>
    public async Task<IReadOnlyList<SlaChainResult>> SlaChainsAsync(CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        IReadOnlyList<AvailabilityTarget> targets;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            targets = await _targets.GetAsync(db, cancellationToken);
        }

        if (_chains is { } known && ReferenceEquals(known.Index, index) && ReferenceEquals(known.Targets, targets))
        {
            return known.Results;
        }

        var results = SlaChainAnalysis.Compute(index, targets);
        _chains = new ChainEntry(index, targets, results);
        return results;
    }

    /// <summary>Active contracts whose notice date falls in the next <paramref name="months"/> months, by business impact.</summary>
    public async Task<IReadOnlyList<RenewalImpact>> RenewalsAsync(int months, CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        var singlePoints = await SinglePointsOfFailureAsync(index, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.Status == ContractStatus.Active)
            .OrderBy(c => c.Reference)
            .Select(c => new
            {
                c.Id, c.Reference, c.Title, c.SupplierId, Supplier = c.Supplier!.Name, c.EndDate, c.NoticePeriodDays, c.Status, c.AnnualValue, c.Currency,
                ServiceIds = c.Services.Select(s => s.Id).ToList(),
            })
            .ToListAsync(cancellationToken);
        var rows = contracts
            .Select(c => new RenewalContract(
                c.Id, c.Reference, c.Title, c.SupplierId, c.Supplier, c.EndDate, c.NoticePeriodDays, c.Status, c.AnnualValue, c.Currency, c.ServiceIds))
            .ToList();
        return RenewalRanking.Rank(rows, Today(), months, index, singlePoints);
    }

    /// <summary>
    /// The SLA chain shortfalls, for the governance rules (<see cref="GovernanceRules.SlaChainUnderpinned"/>): only the
    /// business services that promise an availability are worked out (kept like the full list, until the CMDB or the
    /// targets change), so the gap list stays cheap however large the CMDB.
    /// </summary>
    public async Task<IReadOnlyList<SlaChainShortfallFacts>> ShortfallsAsync(CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        IReadOnlyList<AvailabilityTarget> targets;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            targets = await _targets.GetAsync(db, cancellationToken);
        }

        if (_shortfalls is not { } known || !ReferenceEquals(known.Index, index) || !ReferenceEquals(known.Targets, targets))
        {
            var promised = _chains is { } all && ReferenceEquals(all.Index, index) && ReferenceEquals(all.Targets, targets)
                ? all.Results
                : SlaChainAnalysis.Compute(index, targets, promisedOnly: true);
            known = new ChainEntry(index, targets, promised);
            _shortfalls = known;
        }

        return [.. known.Results
            .Where(r => r.HasShortfall)
            .Select(r => new SlaChainShortfallFacts(r.ServiceId, r.PromisedPercent!.Value, r.DeliverablePercent, [.. r.WeakestLinks.Select(l => l.Describe())]))];
    }

    public void Dispose() => _gate.Dispose();

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private async Task<SinglePointsOfFailureReport> SinglePointsOfFailureAsync(GraphIndex index, CancellationToken cancellationToken)
    {
        if (_singlePoints is { } known && ReferenceEquals(known.Index, index))
        {
            return known.Report;
        }

        // One computation per index: readers that arrive meanwhile wait for it instead of repeating it.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_singlePoints is { } again && ReferenceEquals(again.Index, index))
            {
                return again.Report;
            }

            var report = SinglePointsOfFailureAnalysis.Find(index);
            Interlocked.Increment(ref _singlePointsRuns);
            _singlePoints = new SinglePointsEntry(index, report);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record SinglePointsEntry(GraphIndex Index, SinglePointsOfFailureReport Report);

    private sealed record ChainEntry(GraphIndex Index, IReadOnlyList<AvailabilityTarget> Targets, IReadOnlyList<SlaChainResult> Results);
}
