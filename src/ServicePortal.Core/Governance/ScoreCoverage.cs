using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Governance;

/// <summary>How many of a set of things are completely governed.</summary>
public sealed record CoverageFigure(int Total, int Complete)
{
    /// <summary>Share of complete ones, 0–100; null when there is nothing to govern.</summary>
    public double? Percent => Total == 0 ? null : 100.0 * Complete / Total;
}

/// <summary>Coverage of the live services of one domain; <see cref="DomainId"/> is null for live services with no domain.</summary>
public sealed record DomainCoverage(int? DomainId, string DomainKey, string DomainName, CoverageFigure Services);

/// <summary>
/// Share of live services and of the current score version's practices with complete governance: no gap of an
/// ownership rule (<see cref="GovernanceRule.IsOwnershipRule"/>: exactly one accountable owner). Per domain it
/// covers live services only (practices belong to no domain); <see cref="Overall"/> counts services and practices
/// together, each one once.
/// </summary>
public sealed record ScoreCoverage(CoverageFigure Services, CoverageFigure Practices, CoverageFigure Overall, IReadOnlyList<DomainCoverage> Domains)
{
    public const string NoDomainName = "(no domain)";

    public static ScoreCoverage Compute(GovernanceSnapshot snapshot, IEnumerable<GovernanceGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ownershipRules = GovernanceRules.All.Where(r => r.IsOwnershipRule).Select(r => r.Id).ToHashSet();
        var incomplete = gaps.Where(g => ownershipRules.Contains(g.RuleId)).Select(g => (g.EntityType, g.EntityId)).ToHashSet();
        var live = snapshot.Services.Where(s => s.Lifecycle == Lifecycle.Live).ToList();

        CoverageFigure Figure<T>(IReadOnlyCollection<T> items, GapEntityType type, Func<T, int> id) =>
            new(items.Count, items.Count(i => !incomplete.Contains((type, id(i)))));

        var services = Figure(live, GapEntityType.Service, s => s.Id);
        var practices = Figure(snapshot.Practices, GapEntityType.Practice, p => p.Id);
        var domainIds = snapshot.Domains.Select(d => d.Id).ToHashSet();
        var byDomain = live.ToLookup(s => s.DomainId is { } d && domainIds.Contains(d) ? d : (int?)null);
        var domains = snapshot.Domains
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DomainCoverage(d.Id, d.Key, d.Name, Figure(byDomain[d.Id].ToList(), GapEntityType.Service, s => s.Id)))
            .ToList();
        if (byDomain[null].Any())
        {
            domains.Add(new DomainCoverage(null, "", NoDomainName, Figure(byDomain[null].ToList(), GapEntityType.Service, s => s.Id)));
        }

        var overall = new CoverageFigure(services.Total + practices.Total, services.Complete + practices.Complete);
        return new ScoreCoverage(services, practices, overall, domains);
    }
}
