using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Slas;

/// <summary>
/// What supplier scorecards are worked out from, read once for any window: the suppliers, their SLA targets and
/// measurements, the contracts and the services that depend on each supplier, grouped by supplier. A scorecard of a
/// window (<see cref="Scorecards"/>) then reads nothing from the database.
/// </summary>
public sealed class ScorecardInputs
{
    private readonly ILookup<int, SlaTargetTerms> _targetsBySupplier;
    private readonly ILookup<int, MeasuredValue> _measurementsByTarget;
    private readonly ILookup<int, ContractTerms> _contractsBySupplier;
    private readonly ILookup<int, ContractTerms> _contractsByService;
    private readonly ILookup<int, (int ServiceId, int SupplierId)> _edgesBySupplier;
    private readonly Dictionary<int, ServiceSummary> _services;

    private ScorecardInputs(
        IReadOnlyList<SupplierSummary> suppliers, IReadOnlyList<SlaTargetTerms> targets, IReadOnlyList<MeasuredValue> measurements,
        IReadOnlyList<ContractTerms> contracts, IReadOnlyList<(int SupplierId, ServiceSummary Service)> providedBy)
    {
        Suppliers = suppliers;
        _targetsBySupplier = targets.ToLookup(t => t.SupplierId);
        _measurementsByTarget = measurements.ToLookup(m => m.SlaTargetId);
        // Grouped once: handing every supplier every contract and every "provided by" edge made the ranking
        // suppliers × (contracts + edges), seconds at 1,000 suppliers and 50,000 edges.
        _contractsBySupplier = contracts.ToLookup(c => c.SupplierId);
        _contractsByService = contracts.SelectMany(c => c.Services.Select(s => (ServiceId: s.Id, Contract: c))).ToLookup(x => x.ServiceId, x => x.Contract);
        _edgesBySupplier = providedBy.Select(p => (p.Service.Id, p.SupplierId)).ToLookup(e => e.SupplierId);
        _services = providedBy.Select(p => p.Service).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
    }

    public IReadOnlyList<SupplierSummary> Suppliers { get; }

    /// <summary>Every supplier's scorecard over the window (see <see cref="SupplierScorecards.Compute"/>), in supplier order.</summary>
    public IReadOnlyList<SupplierScorecard> Scorecards(DateOnly from, DateOnly to, DateOnly today) =>
        [.. Suppliers.Select(supplier =>
        {
            var supplierTargets = _targetsBySupplier[supplier.Id].ToList();
            var own = _contractsBySupplier[supplier.Id].ToList();
            // The supplier's contracts plus any other covering the same services (renewals: see SupplierScorecardInput).
            var relevant = own.Concat(own.SelectMany(c => c.Services).SelectMany(s => _contractsByService[s.Id])).DistinctBy(c => c.Id).ToList();
            var input = new SupplierScorecardInput(
                supplier,
                supplierTargets,
                supplierTargets.SelectMany(t => _measurementsByTarget[t.Id]).ToList(),
                relevant,
                SupplierScorecards.DirectDependents(supplier.Id, own, _edgesBySupplier[supplier.Id], _services));
            return SupplierScorecards.Compute(input, from, to, today);
        })];

    /// <summary>
    /// Reads the inputs of every supplier (<paramref name="supplierId"/> null) or of one; with a window, only the
    /// measurements of the months from <paramref name="from"/> to <paramref name="to"/>, otherwise all of them.
    /// </summary>
    public static async Task<ScorecardInputs> LoadAsync(
        PortalDbContext db, int? supplierId = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var suppliers = await db.Suppliers.AsNoTracking()
            .Where(s => supplierId == null || s.Id == supplierId)
            .Select(s => new SupplierSummary(s.Id, s.Key, s.Name, s.Category, s.IsInternal))
            .ToListAsync(cancellationToken);
        if (suppliers.Count == 0)
        {
            return new ScorecardInputs([], [], [], [], []);
        }

        var targets = await SlaResultsService.LoadTargetsAsync(db, new SlaTrendFilter(SupplierId: supplierId), cancellationToken);
        var measured = await SlaResultsService.LoadMeasurementsAsync(
            db, supplierId is null ? null : [.. targets.Select(t => t.Id)], from, to, cancellationToken);
        var contracts = await SlaResultsService.LoadContractsAsync(db, cancellationToken);
        var providedBy = await (
                from r in db.Relationships.AsNoTracking()
                where r.Type == RelationshipType.ProvidedBy && (supplierId == null || r.TargetId == supplierId)
                join s in db.Services on r.SourceId equals s.Id
                select new { SupplierId = r.TargetId, Service = new ServiceSummary(s.Id, s.Key, s.Name, s.Tier, s.Lifecycle, s.DomainId, s.Domain!.Key, s.Domain.Name) })
            .ToListAsync(cancellationToken);
        return new ScorecardInputs(suppliers, targets, measured, contracts, [.. providedBy.Select(p => (p.SupplierId, p.Service))]);
    }
}

/// <summary>
/// Every supplier's <see cref="ScorecardInputs"/> (all measurements), kept until the <see cref="ChangeFeed"/> reports a
/// change to what they are read from; a change to a field they do not hold (a service's description, a supplier's
/// contact) costs nothing. The dashboard builds the supplier ranking of each month's 12-month window from them, and
/// the supplier pages read them for free.
/// </summary>
public sealed class ScorecardInputsCache(ChangeFeed? feed = null) : ChangeFeedCache<ScorecardInputs>(feed)
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string>
    {
        nameof(Supplier), nameof(SlaTarget), nameof(SlaMeasurement), nameof(Contract), ImpactLookupsCache.ContractLinks,
        nameof(Relationship), nameof(Service), nameof(Domain),
    };

    /// <summary>Per type, the fields the inputs hold (null: any change counts).</summary>
    private static readonly Dictionary<string, IReadOnlySet<string>> Fields = new()
    {
        [nameof(Supplier)] = new HashSet<string> { nameof(Supplier.Key), nameof(Supplier.Name), nameof(Supplier.Category), nameof(Supplier.IsInternal) },
        [nameof(Relationship)] = new HashSet<string> { nameof(Relationship.SourceId), nameof(Relationship.TargetId), nameof(Relationship.Type) },
        [nameof(Service)] = new HashSet<string> { nameof(Service.Key), nameof(Service.Name), nameof(Service.Tier), nameof(Service.Lifecycle), nameof(Service.DomainId) },
        [nameof(Domain)] = new HashSet<string> { nameof(Domain.Key), nameof(Domain.Name) },
    };

    protected override IReadOnlySet<string> EntityTypes => Types;

    protected override bool Touches(FeedChange change) =>
        Types.Contains(change.EntityType) && (!Fields.TryGetValue(change.EntityType, out var fields) || change.Touches(fields));

    protected override Task<ScorecardInputs> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        ScorecardInputs.LoadAsync(db, cancellationToken: cancellationToken);
}
