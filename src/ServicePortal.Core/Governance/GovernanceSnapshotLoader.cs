using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Core.Governance;

/// <summary>
/// Loads a <see cref="GovernanceSnapshot"/> from the database: untracked projections, one short-lived context, "today"
/// from <see cref="TimeProvider"/> (its local time zone). The engine then runs on the snapshot in memory:
/// <code>var gaps = GovernanceRuleEngine.Evaluate(await loader.LoadAsync());</code>
/// </summary>
/// <param name="slaChains">The SLA chain shortfalls (none when not given: tools and tests that do not need them).</param>
public sealed class GovernanceSnapshotLoader(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ISlaChainShortfalls? slaChains = null)
{
    public async Task<GovernanceSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.ScoreVersions.AsNoTracking()
            .Select(v => new ScoreVersionFacts(v.Id, v.Number, v.Title, v.Status))
            .ToListAsync(cancellationToken);
        var current = CurrentScoreVersion(versions);
        var practices = current is null
            ? []
            : await db.Practices.AsNoTracking()
                .Where(p => p.ScoreVersionId == current.Id)
                .OrderBy(p => p.Key)
                .Select(p => new PracticeFacts(p.Id, p.Key, p.Name, p.ScoreVersionId))
                .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var kpis = current is null
            ? []
            : (await db.PracticeKpis.AsNoTracking().Where(k => k.Practice!.ScoreVersionId == current.Id).ToListAsync(cancellationToken))
                .Select(k => new KpiFacts(k.PracticeId, KpiLine.From(k))).ToList();
        var kpiKeys = kpis.Select(k => k.Kpi.Key).ToList();
        var since = today.AddMonths(-12);
        var kpiValues = kpiKeys.Count == 0
            ? []
            : await db.KpiMeasurements.AsNoTracking()
                .Where(m => kpiKeys.Contains(m.KpiKey) && m.PeriodStart >= since)
                .Select(m => new KpiValue(m.KpiKey, m.PeriodStart, m.Value))
                .ToListAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking()
            .OrderBy(c => c.Reference)
            .Select(c => new { c.Id, c.Reference, c.Title, c.SupplierId, c.StartDate, c.EndDate, c.Status, ServiceIds = c.Services.Select(s => s.Id).ToList() })
            .ToListAsync(cancellationToken);

        return new GovernanceSnapshot
        {
            Today = today,
            Kpis = kpis,
            KpiValues = kpiValues,
            ScoreVersion = current,
            Practices = practices,
            Services = await db.Services.AsNoTracking()
                .OrderBy(s => s.Key)
                .Select(s => new ServiceFacts(s.Id, s.Key, s.Name, s.Lifecycle, s.Tier, s.Sourcing, s.DomainId))
                .ToListAsync(cancellationToken),
            Domains = await db.Domains.AsNoTracking()
                .OrderBy(d => d.Key)
                .Select(d => new DomainFacts(d.Id, d.Key, d.Name))
                .ToListAsync(cancellationToken),
            Suppliers = await db.Suppliers.AsNoTracking()
                .OrderBy(s => s.Key)
                .Select(s => new SupplierFacts(s.Id, s.Key, s.Name, s.Category, s.IsInternal, s.Lifecycle))
                .ToListAsync(cancellationToken),
            Contracts = contracts
                .Select(c => new ContractFacts(c.Id, c.Reference, c.Title, c.SupplierId, c.StartDate, c.EndDate, c.Status, c.ServiceIds))
                .ToList(),
            SlaTargets = await db.SlaTargets.AsNoTracking()
                .Select(t => new SlaTargetFacts(t.Id, t.Key, t.ContractId, t.ServiceId))
                .ToListAsync(cancellationToken),
            People = await db.People.AsNoTracking()
                .Select(p => new PersonFacts(p.Id, p.Name, p.Email, p.LeftOn))
                .ToListAsync(cancellationToken),
            Roles = await db.GovernanceRoles.AsNoTracking()
                .Select(r => new RoleFacts(r.Id, r.Key, r.Name))
                .ToListAsync(cancellationToken),
            SlaChainShortfalls = slaChains is null ? [] : await slaChains.ShortfallsAsync(cancellationToken),
            Assignments = await db.RoleAssignments.AsNoTracking()
                .Select(a => new AssignmentFacts(a.Id, a.PersonId, a.RoleId, a.ScopeType, a.DomainId, a.NodeId, a.PracticeId, a.Raci))
                .ToListAsync(cancellationToken),
        };
    }

    /// <summary>
    /// The score version whose practices the governance rules check: the published version with the highest number;
    /// while nothing is published, the draft with the highest number; null when there is no version at all.
    /// Superseded versions are history and never checked.
    /// </summary>
    public static ScoreVersionFacts? CurrentScoreVersion(IEnumerable<ScoreVersionFacts> versions)
    {
        var list = versions.ToList();
        return list.Where(v => v.Status == ScoreVersionStatus.Published).MaxBy(v => v.Number)
            ?? list.Where(v => v.Status == ScoreVersionStatus.Draft).MaxBy(v => v.Number);
    }
}
