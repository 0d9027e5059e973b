using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Suppliers;

/// <summary>
/// Supplier scorecards and the ranking, with the services that depend on each supplier taken <b>transitively</b> from
/// the CMDB graph: what a failure of the supplier would hit (<see cref="ImpactAnalyzer"/>), plus the services its
/// contracts cover directly. The SLA figures themselves come from <see cref="SlaResultsService"/> unchanged; the
/// business impact does not depend on the service list (it weighs the breached targets' own services).
/// </summary>
public sealed class SupplierScorecardService(SlaResultsService results, GraphIndexProvider graph, IDbContextFactory<PortalDbContext> factory)
{
    public DateOnly Today => results.Today;

    public async Task<SupplierScorecard?> GetAsync(int supplierId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var scorecard = await results.GetSupplierScorecardAsync(supplierId, from, to, cancellationToken);
        if (scorecard is null)
        {
            return null;
        }

        var index = await graph.GetAsync(cancellationToken);
        return WithTransitiveServices(scorecard, index, await DomainsAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<RankedSupplier>> RankingAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var ranking = await results.GetSupplierRankingAsync(from, to, cancellationToken);
        var index = await graph.GetAsync(cancellationToken);
        var domains = await DomainsAsync(cancellationToken);
        return ranking.Select(r => r with { Scorecard = WithTransitiveServices(r.Scorecard, index, domains) }).ToList();
    }

    /// <summary>
    /// Adds to <paramref name="scorecard"/>'s services every service that a failure of the supplier reaches in the
    /// graph (not retired), most critical first, and recomputes the domains from them.
    /// </summary>
    public static SupplierScorecard WithTransitiveServices(SupplierScorecard scorecard, GraphIndex index, IReadOnlyDictionary<int, DomainSummary> domains)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(index);
        if (!index.Contains(scorecard.Supplier.Id))
        {
            return scorecard;
        }

        var impact = new ImpactAnalyzer(index).Analyze([scorecard.Supplier.Id]);
        var reached = impact.Affected
            .Select(a => index.Node(a.NodeId))
            .Where(n => n.NodeType == NodeType.Service && n.Lifecycle != Lifecycle.Retired)
            .Select(n =>
            {
                var domain = n.DomainId is { } id ? domains.GetValueOrDefault(id) : null;
                return new ServiceSummary(n.Id, n.Key, n.Name, n.Tier ?? 3, n.Lifecycle, n.DomainId, domain?.Key, domain?.Name);
            });
        var services = scorecard.Services.Concat(reached)
            .DistinctBy(s => s.Id)
            .OrderBy(s => s.Tier)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var serviceDomains = services
            .Where(s => s.DomainId is not null)
            .Select(s => domains.GetValueOrDefault(s.DomainId!.Value) ?? new DomainSummary(s.DomainId!.Value, s.DomainKey ?? "", s.DomainName ?? ""))
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return scorecard with { Services = services, Domains = serviceDomains };
    }

    private async Task<IReadOnlyDictionary<int, DomainSummary>> DomainsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Domains.AsNoTracking().Select(d => new DomainSummary(d.Id, d.Key, d.Name)).ToDictionaryAsync(d => d.Id, cancellationToken);
    }
}
