using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Resilience;

/// <summary>A contract as the renewal ranking reads it.</summary>
public sealed record RenewalContract(
    int Id, string Reference, string Title, int SupplierId, string SupplierName, DateOnly EndDate, int NoticePeriodDays, ContractStatus Status,
    decimal AnnualValue, string Currency, IReadOnlyList<int> ServiceIds)
{
    /// <summary>The last day to give notice: EndDate − NoticePeriodDays.</summary>
    public DateOnly NoticeDate => EndDate.AddDays(-NoticePeriodDays);
}

/// <summary>
/// A contract whose notice date is near, with the business impact of what it covers.
/// </summary>
/// <param name="BusinessServices">Live business services that rely on what the contract covers (directly or transitively, over relationships that can take them down), most critical first.</param>
/// <param name="BusinessServicesDown">How many of them the impact engine takes Down when the covered services fail together (redundancy counted).</param>
/// <param name="SinglePointsOfFailure">The covered services, or the contract's supplier, that are single points of failure.</param>
public sealed record RenewalImpact(
    int Rank,
    int ContractId,
    string Reference,
    string Title,
    int SupplierId,
    string SupplierName,
    DateOnly NoticeDate,
    DateOnly EndDate,
    int DaysToNotice,
    decimal AnnualValue,
    string Currency,
    IReadOnlyList<string> CoveredServices,
    int? TopTier,
    IReadOnlyList<BusinessServiceHit> BusinessServices,
    int BusinessServicesDown,
    IReadOnlyList<string> SinglePointsOfFailure)
{
    public bool CoversSinglePointOfFailure => SinglePointsOfFailure.Count > 0;
}

/// <summary>
/// <b>Renewals by impact</b>: the active contracts whose notice date (EndDate − NoticePeriodDays) falls between today and
/// <c>months</c> months from today, ordered by the business impact of what they cover, not by date alone:
/// <list type="number">
/// <item>the most critical tier of the live business services relying on the covered services (tier 1 first; none
/// last): a fail-over gateway's contract still matters to the services it protects;</item>
/// <item>whether a covered service, or the contract's supplier, is a single point of failure;</item>
/// <item>how many of those business services the impact engine takes Down when the covered services fail together, then how many rely on it at all;</item>
/// <item>then the earlier notice date, then the reference.</item>
/// </list>
/// Drafts, and contracts that are expired, terminated or past their end date, are not renewals.
/// </summary>
public static class RenewalRanking
{
    public const int MaxMonths = 36;

    public static IReadOnlyList<RenewalImpact> Rank(
        IReadOnlyList<RenewalContract> contracts, DateOnly today, int months, GraphIndex index, SinglePointsOfFailureReport singlePoints)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(singlePoints);
        var horizon = today.AddMonths(Math.Clamp(months, 0, MaxMonths));
        var analyzer = new ImpactAnalyzer(index);
        var rows = new List<RenewalImpact>();
        foreach (var contract in contracts)
        {
            if (contract.Status != ContractStatus.Active || contract.EndDate < today || contract.NoticeDate < today || contract.NoticeDate > horizon)
            {
                continue;
            }

            var covered = contract.ServiceIds.Where(index.Contains).Distinct().ToList();
            var services = new List<BusinessServiceHit>();
            var down = 0;
            if (covered.Count > 0)
            {
                var impact = analyzer.Analyze(covered);
                foreach (var id in DownEdges.Dependants(index, covered))
                {
                    var node = index.Node(id);
                    if (node.NodeType == NodeType.Service && node.Kind == ServiceKind.Business && node.Lifecycle == Lifecycle.Live)
                    {
                        services.Add(new BusinessServiceHit(node.Id, node.Key, node.Name, node.Tier ?? 4));
                        down += impact.LevelOf(id) == ImpactLevel.Down ? 1 : 0;
                    }
                }
            }

            var spofs = covered.Append(contract.SupplierId).Distinct().Where(singlePoints.NodeIds.Contains)
                .Select(id => index.Node(id).Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
            rows.Add(new RenewalImpact(
                0, contract.Id, contract.Reference, contract.Title, contract.SupplierId, contract.SupplierName, contract.NoticeDate, contract.EndDate,
                contract.NoticeDate.DayNumber - today.DayNumber, contract.AnnualValue, contract.Currency,
                [.. covered.Select(id => index.Node(id).Name).Order(StringComparer.OrdinalIgnoreCase)],
                services.Count == 0 ? null : services.Min(s => s.Tier),
                [.. services.OrderBy(s => s.Tier).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)],
                down,
                spofs));
        }

        return [.. rows
            .OrderBy(r => r.TopTier ?? int.MaxValue)
            .ThenByDescending(r => r.CoversSinglePointOfFailure)
            .ThenByDescending(r => r.BusinessServicesDown)
            .ThenByDescending(r => r.BusinessServices.Count)
            .ThenBy(r => r.NoticeDate)
            .ThenBy(r => r.Reference, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })];
    }
}
