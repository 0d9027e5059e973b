namespace ServicePortal.Core.Slas;

/// <summary>Credits earned by one target: how many of its periods were breached and what they are worth.</summary>
public sealed record TargetCredits(SlaTargetTerms Target, int BreachedPeriods, Money Amount);

public sealed record ContractCredits(
    int ContractId, string ContractReference, int SupplierId, string SupplierName, int BreachedPeriods, Money Amount);

/// <summary>A supplier's credits, one amount per currency of its contracts (currencies are never added together).</summary>
public sealed record SupplierCredits(
    int SupplierId, string SupplierKey, string SupplierName, int BreachedPeriods, IReadOnlyList<Money> Amounts);

/// <summary>Credits over a window, summed per target, contract and supplier. Only targets with a breach appear.</summary>
public sealed record ServiceCreditReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<TargetCredits> ByTarget,
    IReadOnlyList<ContractCredits> ByContract,
    IReadOnlyList<SupplierCredits> BySupplier);

/// <summary>
/// Service credits: the supplier pays back part of the contract value for every breached period.
/// <para>Rule: a breached period earns <c>ServiceCreditPercent / 100 × AnnualValue / 12</c> for a monthly target and
/// <c>ServiceCreditPercent / 100 × AnnualValue / 4</c> for a quarterly one (the value of the contract for that
/// period), in the contract's currency, rounded to cents (midpoint away from zero) per period. Met, AtRisk and
/// NoData periods earn nothing. Each target earns its own credit: two targets of one contract breached in the same
/// month earn two credits (contracts that cap credits must be reviewed by hand).</para>
/// </summary>
public static class ServiceCredits
{
    public static decimal PerBreachedPeriod(SlaTargetTerms target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!double.IsFinite(target.ServiceCreditPercent) || target.ServiceCreditPercent < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(target), target.ServiceCreditPercent, $"SLA target {target.Key}: the service credit percentage must be a number of at least 0.");
        }

        var periodValue = target.AnnualValue / SlaPeriods.PerYear(target.Period);
        return Math.Round(periodValue * (decimal)target.ServiceCreditPercent / 100m, 2, MidpointRounding.AwayFromZero);
    }

    public static TargetCredits ForTarget(SlaTargetTerms target, IEnumerable<SlaPeriodResult> results)
    {
        var breached = results.Where(r => r.Result == SlaResult.Breached).ToList();
        return new TargetCredits(target, breached.Count, new Money(breached.Sum(r => r.Credit), target.Currency));
    }

    public static IReadOnlyList<ContractCredits> ByContract(IEnumerable<TargetCredits> credits) =>
        credits
            .Where(c => c.BreachedPeriods > 0)
            .GroupBy(c => c.Target.ContractId)
            .Select(g =>
            {
                var first = g.First().Target;
                return new ContractCredits(
                    g.Key, first.ContractReference, first.SupplierId, first.SupplierName,
                    g.Sum(c => c.BreachedPeriods), new Money(g.Sum(c => c.Amount.Amount), first.Currency));
            })
            .OrderByDescending(c => c.Amount.Amount)
            .ThenBy(c => c.ContractReference, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<SupplierCredits> BySupplier(IEnumerable<TargetCredits> credits) =>
        credits
            .Where(c => c.BreachedPeriods > 0)
            .GroupBy(c => c.Target.SupplierId)
            .Select(g =>
            {
                var first = g.First().Target;
                return new SupplierCredits(
                    g.Key, first.SupplierKey, first.SupplierName,
                    g.Sum(c => c.BreachedPeriods), Money.SumByCurrency(g.Select(c => c.Amount)));
            })
            .OrderByDescending(s => s.BreachedPeriods)
            .ThenBy(s => s.SupplierName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static ServiceCreditReport Report(DateOnly from, DateOnly to, IEnumerable<TargetCredits> credits)
    {
        var breached = credits
            .Where(c => c.BreachedPeriods > 0)
            .OrderByDescending(c => c.Amount.Amount)
            .ThenBy(c => c.Target.Key, StringComparer.Ordinal)
            .ToList();
        return new ServiceCreditReport(from, to, breached, ByContract(breached), BySupplier(breached));
    }
}
