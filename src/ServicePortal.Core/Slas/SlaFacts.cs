using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Slas;

// Plain, flattened inputs of the SLA rules. SlaResultsService projects them straight from the database;
// tests build them by hand. Keeping the rules on these records (not on tracked entities) keeps them pure.

/// <summary>An SLA target with what its results and credits need from its contract, supplier and service.</summary>
public sealed record SlaTargetTerms(
    int Id,
    string Key,
    string Name,
    SlaMetric Metric,
    string Unit,
    double Target,
    TargetDirection Direction,
    MeasurementPeriod Period,
    double WarningBand,
    double ServiceCreditPercent,
    int ContractId,
    string ContractReference,
    decimal AnnualValue,
    string Currency,
    int SupplierId,
    string SupplierKey,
    string SupplierName,
    int ServiceId,
    string ServiceKey,
    string ServiceName,
    int ServiceTier);

/// <summary>The recorded value of one target for one period.</summary>
public sealed record MeasuredValue(int SlaTargetId, DateOnly PeriodStart, double Value);

/// <summary>A service as the SLA pages show it: identity, criticality, lifecycle and domain.</summary>
public sealed record ServiceSummary(
    int Id,
    string Key,
    string Name,
    int Tier,
    Lifecycle Lifecycle,
    int? DomainId,
    string? DomainKey,
    string? DomainName);

/// <summary>A domain a supplier delivers into.</summary>
public sealed record DomainSummary(int Id, string Key, string Name);

public sealed record SupplierSummary(int Id, string Key, string Name, SupplierCategory Category, bool IsInternal);

/// <summary>A contract with its term, value and the services it covers.</summary>
public sealed record ContractTerms(
    int Id,
    string Reference,
    string Title,
    int SupplierId,
    string SupplierName,
    DateOnly StartDate,
    DateOnly EndDate,
    int NoticePeriodDays,
    ContractStatus Status,
    decimal AnnualValue,
    string Currency,
    IReadOnlyList<ServiceSummary> Services);

/// <summary>An amount in one currency. Amounts in different currencies are never added together.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>Sums per currency, largest total first (then by currency code), leaving out zero totals.</summary>
    public static IReadOnlyList<Money> SumByCurrency(IEnumerable<Money> amounts) =>
        amounts
            .GroupBy(m => m.Currency, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Money(g.Sum(m => m.Amount), g.First().Currency.ToUpperInvariant()))
            .Where(m => m.Amount != 0)
            .OrderByDescending(m => m.Amount)
            .ThenBy(m => m.Currency, StringComparer.Ordinal)
            .ToList();
}
