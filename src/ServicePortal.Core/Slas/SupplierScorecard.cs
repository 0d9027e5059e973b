using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Slas;

/// <summary>One breached target-period and the weight it adds to the supplier's business impact.</summary>
public sealed record SlaBreach(SlaTargetTerms Target, DateOnly PeriodStart, double Value, int ImpactWeight);

/// <summary>How a supplier performed over a window of periods, and what it puts at risk.</summary>
/// <param name="MeasuredPeriods">Target-periods of the window with a measurement.</param>
/// <param name="NoDataCount">Target-periods of the window that are over, fall inside their contract's term, and have no measurement.</param>
/// <param name="Services">The services that depend on the supplier and are not retired, most critical first.</param>
/// <param name="Domains">The domains of <see cref="Services"/>.</param>
/// <param name="BusinessImpact">Σ over <see cref="Breaches"/> of their weight (see <see cref="SupplierScorecards.ImpactWeight"/>).</param>
public sealed record SupplierScorecard(
    SupplierSummary Supplier,
    DateOnly From,
    DateOnly To,
    int MeasuredPeriods,
    int MetCount,
    int AtRiskCount,
    int BreachedCount,
    int NoDataCount,
    IReadOnlyList<Money> CreditsOwed,
    IReadOnlyList<ContractAlert> ContractAlerts,
    IReadOnlyList<ServiceSummary> Services,
    IReadOnlyList<DomainSummary> Domains,
    IReadOnlyList<SlaBreach> Breaches,
    int BusinessImpact)
{
    /// <summary>Share of measured target-periods that were Met, 0–100; null when nothing was measured.</summary>
    public double? MetPercent => MeasuredPeriods == 0 ? null : 100.0 * MetCount / MeasuredPeriods;
}

/// <summary>A scorecard's place in the ranking; suppliers with equal business impact share a rank.</summary>
public sealed record RankedSupplier(int Rank, SupplierScorecard Scorecard);

/// <param name="Targets">SLA targets; those of other suppliers are ignored.</param>
/// <param name="Measurements">Measurements of those targets; those outside the window are ignored.</param>
/// <param name="Contracts">The supplier's contracts, plus any other contract covering the same services (renewals, see <see cref="Slas.ContractAlerts"/>).</param>
/// <param name="DependentServices">
/// The services that depend on the supplier. Until the graph engine provides the transitive set, this is the direct
/// set of <see cref="SupplierScorecards.DirectDependents"/>.
/// </param>
public sealed record SupplierScorecardInput(
    SupplierSummary Supplier,
    IReadOnlyCollection<SlaTargetTerms> Targets,
    IReadOnlyCollection<MeasuredValue> Measurements,
    IReadOnlyCollection<ContractTerms> Contracts,
    IReadOnlyCollection<ServiceSummary> DependentServices);

/// <summary>
/// Supplier scorecards and their ranking.
/// <para><b>Window</b>: a target-period counts when its start lies in the window (see <see cref="SlaPeriods.Between"/>)
/// and has begun by today.</para>
/// <para><b>Business impact</b> = Σ over the breached target-periods of the window of the weight of the criticality
/// tier of the service the breached SLA target is for: tier 1 = 8, tier 2 = 4, tier 3 = 2, tier 4 = 1 (each step
/// more critical doubles the weight, so one tier-1 breach weighs as much as eight tier-4 breaches). AtRisk and NoData
/// add nothing.</para>
/// <para><b>Ranking</b>: highest business impact first, then most breaches, then name; equal impact shares a rank.</para>
/// </summary>
public static class SupplierScorecards
{
    public static int ImpactWeight(int tier) => Math.Clamp(tier, Service.HighestTier, Service.LowestTier) switch
    {
        1 => 8,
        2 => 4,
        3 => 2,
        _ => 1,
    };

    public static SupplierScorecard Compute(SupplierScorecardInput input, DateOnly from, DateOnly to, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var supplierId = input.Supplier.Id;
        var contracts = input.Contracts.ToDictionary(c => c.Id);
        var results = new List<(SlaTargetTerms Target, SlaPeriodResult Result)>();
        var noData = 0;
        foreach (var target in input.Targets.Where(t => t.SupplierId == supplierId))
        {
            var periods = SlaPeriods.Between(from, to, target.Period).Where(p => p <= today).ToList();
            foreach (var result in SlaAttainment.Results(target, input.Measurements, periods))
            {
                if (result.Result != SlaResult.NoData)
                {
                    results.Add((target, result));
                }
                else if (SlaPeriods.EndOf(result.PeriodStart, target.Period) < today && InTerm(contracts.GetValueOrDefault(target.ContractId), result.PeriodStart, target.Period))
                {
                    noData++;
                }
            }
        }

        var breaches = results
            .Where(r => r.Result.Result == SlaResult.Breached)
            .Select(r => new SlaBreach(r.Target, r.Result.PeriodStart, r.Result.Value!.Value, ImpactWeight(r.Target.ServiceTier)))
            .OrderByDescending(b => b.PeriodStart)
            .ThenByDescending(b => b.ImpactWeight)
            .ThenBy(b => b.Target.Key, StringComparer.Ordinal)
            .ToList();
        var services = input.DependentServices
            .Where(s => s.Lifecycle != Lifecycle.Retired)
            .DistinctBy(s => s.Id)
            .OrderBy(s => s.Tier)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var domains = services
            .Where(s => s.DomainId is not null)
            .Select(s => new DomainSummary(s.DomainId!.Value, s.DomainKey ?? "", s.DomainName ?? ""))
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var alerts = ContractAlerts.Evaluate(input.Contracts, today).Where(a => a.Contract.SupplierId == supplierId).ToList();

        return new SupplierScorecard(
            input.Supplier,
            from,
            to,
            MeasuredPeriods: results.Count,
            MetCount: results.Count(r => r.Result.Result == SlaResult.Met),
            AtRiskCount: results.Count(r => r.Result.Result == SlaResult.AtRisk),
            BreachedCount: breaches.Count,
            NoDataCount: noData,
            CreditsOwed: Money.SumByCurrency(results.Select(r => new Money(r.Result.Credit, r.Target.Currency))),
            ContractAlerts: alerts,
            Services: services,
            Domains: domains,
            Breaches: breaches,
            BusinessImpact: breaches.Sum(b => b.ImpactWeight));
    }

    public static IReadOnlyList<RankedSupplier> Rank(IEnumerable<SupplierScorecard> scorecards)
    {
        var ordered = scorecards
            .OrderByDescending(s => s.BusinessImpact)
            .ThenByDescending(s => s.BreachedCount)
            .ThenBy(s => s.Supplier.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var ranked = new List<RankedSupplier>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].BusinessImpact == ordered[i - 1].BusinessImpact ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedSupplier(rank, ordered[i]));
        }

        return ranked;
    }

    /// <summary>
    /// The services that depend on a supplier directly: those covered by its contracts (drafts excluded) and those
    /// with a ProvidedBy relationship to it. The graph engine will replace this with the transitive set.
    /// </summary>
    /// <param name="providedBy">ProvidedBy edges from a service (source) to a supplier (target).</param>
    public static IReadOnlyList<ServiceSummary> DirectDependents(
        int supplierId,
        IEnumerable<ContractTerms> contracts,
        IEnumerable<(int ServiceId, int SupplierId)> providedBy,
        IReadOnlyDictionary<int, ServiceSummary> services)
    {
        var fromContracts = contracts
            .Where(c => c.SupplierId == supplierId && c.Status != Suppliers.ContractStatus.Draft)
            .SelectMany(c => c.Services);
        var fromEdges = providedBy
            .Where(e => e.SupplierId == supplierId)
            .Select(e => services.GetValueOrDefault(e.ServiceId))
            .OfType<ServiceSummary>();
        return fromContracts.Concat(fromEdges).DistinctBy(s => s.Id).ToList();
    }

    private static bool InTerm(ContractTerms? contract, DateOnly periodStart, MeasurementPeriod period) =>
        contract is null || (contract.StartDate <= SlaPeriods.EndOf(periodStart, period) && periodStart <= contract.EndDate);
}
