using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

/// <summary>
/// Builds the CIO dashboard in one call. Health comes from <see cref="HealthService"/> (cached per month); everything
/// else that does not depend on a what-if is cached per month with the health report it was built from. When the
/// report changes (graph or SLA data changed) health, risks and trend are rebuilt before answering, while governance
/// gaps and the supplier ranking (the slow queries) are served from before and rebuilt in the background; they are
/// also rebuilt in the background when the <see cref="ChangeFeed"/> reports a change to what governance gaps are
/// judged from (<see cref="GovernanceTypes"/>). A failed background rebuild is logged as an error and the older parts
/// stay until the next change. Only the very first build for a month waits for everything, and callers arriving
/// meanwhile share it (one build per month and report at a time). A rebuild after a change reuses what the change cannot
/// touch: the SLA results trend is kept until SLA targets or measurements change (see <see cref="HealthService"/> for the reports).
/// <para>Top risks: every breached or at-risk SLA of the month, judged by the tier-1/2 business services it hits: the
/// SLA's own service when it is one, and every such service the graph engine reaches from it (its blast radius when
/// Degraded). Breaches first, then most tier-1, then most tier-2 services hit.</para>
/// </summary>
public sealed class DashboardService(
    IDbContextFactory<PortalDbContext> dbFactory,
    HealthService health,
    CmdbGraphService graph,
    SlaResultsService slaResults,
    GovernanceSnapshotLoader governance,
    ChangeFeed feed,
    ILogger<DashboardService>? logger = null)
{
    /// <summary>The audit types governance gaps and score coverage are judged from.</summary>
    public static readonly IReadOnlySet<string> GovernanceTypes = new HashSet<string>
    {
        nameof(Domain), nameof(Service), nameof(Suppliers.Supplier), nameof(Suppliers.Contract), ImpactLookupsCache.ContractLinks, nameof(SlaTarget),
        nameof(Person), nameof(GovernanceRole), nameof(RoleAssignment), nameof(OperatingModel.Practice), nameof(OperatingModel.ScoreVersion),
    };

    public const int TopRiskCount = 6;
    public const int TopSupplierCount = 5;
    public const int AttentionCount = 5;
    private const int RiskCandidates = 24;

    private readonly ConcurrentDictionary<DateOnly, BaseParts> _bases = new();
    private readonly ConcurrentDictionary<DateOnly, PartsBuild> _builds = new();
    private readonly ChangeWatch _governanceData = new(feed, GovernanceTypes);
    private readonly ChangeWatch _slaData = new(feed, SlaResultTypes);

    /// <summary>What the SLA results trend is read from: measurements and their targets' terms.</summary>
    private static readonly IReadOnlySet<string> SlaResultTypes = new HashSet<string> { nameof(SlaTarget), nameof(SlaMeasurement) };
    private volatile KeptResults? _slaResults;
    private readonly ILogger _logger = logger ?? NullLogger<DashboardService>.Instance;
    private int _refreshing;
    private volatile GovernanceParts? _governance;

    /// <summary>
    /// The dashboard of the month containing <paramref name="asOf"/> (default: the latest measured month), optionally
    /// with a what-if failure. With <paramref name="healthFirst"/>, the first build of a month answers as soon as its
    /// health, root causes and risks are in, with <see cref="Dashboard.Pending"/> set while governance gaps, score
    /// coverage, the supplier ranking and the 12-month trends are still being worked out (call again without it to wait for them);
    /// otherwise it answers with everything.
    /// </summary>
    public async Task<Dashboard> GetAsync(DateOnly? asOf = null, int? whatIfNodeId = null, CancellationToken cancellationToken = default, bool healthFirst = false)
    {
        var report = await health.GetAsync(asOf, null, cancellationToken);
        var periods = await health.MeasuredPeriodsAsync(cancellationToken);
        var parts = await PartsAsync(report, cancellationToken);
        for (var round = 0; !healthFirst && round < 3 && parts.Completion is { } rest; round++)
        {
            await rest.WaitAsync(cancellationToken);
            parts = await PartsAsync(report, cancellationToken);
        }

        WhatIfView? whatIf = null;
        var view = parts.Health;
        if (whatIfNodeId is { } failed && report.Index.Contains(failed))
        {
            var shown = await health.GetAsync(report.Period, [failed], cancellationToken);
            var impact = await graph.WhatIfAsync([failed], cancellationToken);
            var newlyHit = impact.Summary.Services.Count(s => report.EffectiveOf(s.NodeId) < HealthEngine.FromImpact(s.Level));
            whatIf = new WhatIfView(Link(report.Index.Node(failed)), impact, newlyHit);
            view = HealthParts(shown, parts.Domains, parts.Coverage);
        }

        return new Dashboard(
            report.Period, periods, report.Inputs.RecordedApplies, parts.Totals, view.ServiceHealth, view.Domains, view.RootCauses,
            view.Attention, view.AttentionTotal, parts.TopRisks, parts.Suppliers ?? [], parts.Gaps, parts.Trend, whatIf)
        {
            Pending = parts.Completion is not null,
            NeedingAttentionOwn = view.Own,
            NeedingAttentionInherited = view.Inherited,
            Trends = parts.Trends,
        };
    }

    /// <summary>
    /// What the dashboard can show while the first build of a month runs (after a start, or a month not warmed yet):
    /// the month, the measured months and the SLA results trend, from one query that needs neither the graph nor a
    /// health report. Null when the month has been built already: the dashboard is then a cache read (or, after a
    /// change, a rebuild of what the change touched).
    /// </summary>
    public async Task<DashboardPreview?> PreviewAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var periods = await health.MeasuredPeriodsAsync(cancellationToken);
        var period = HealthService.PeriodOf(asOf, periods);
        if (_bases.ContainsKey(period))
        {
            return null;
        }

        return new DashboardPreview(period, periods, await SlaTrendAsync(period, cancellationToken));
    }

    /// <summary>
    /// The cached parts for the report's month. A new report (the graph or SLA data changed) rebuilds them before
    /// answering; when governance data changed, the parts are served while one rebuild runs in the background, so a
    /// render never waits for the governance and supplier queries.
    /// </summary>
    private async Task<BaseParts> PartsAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var governanceVersion = await _governanceData.VersionAsync(cancellationToken);
        if (!_bases.TryGetValue(report.Period, out var parts))
        {
            return await SharedBuild(report, null, governanceVersion).WaitAsync(cancellationToken);
        }

        if (!ReferenceEquals(parts.Report, report))
        {
            // The graph or SLA data changed: health, risks and trend now; gaps and the supplier ranking from before
            // until the background rebuild replaces them.
            parts = await SharedBuild(report, parts, governanceVersion).WaitAsync(cancellationToken);
            if (parts.Completion is null)
            {
                StartRefresh(report, governanceVersion);
            }
        }
        else if (parts.GovernanceVersion != governanceVersion && parts.Completion is null)
        {
            StartRefresh(report, governanceVersion);
        }

        return parts;
    }

    /// <summary>
    /// One build per report at a time: callers that arrive while the parts for the same report are being built (the
    /// warm-up and the first visitor, or every open dashboard after a save) wait for that build instead of starting
    /// their own. The build is not cancelled by one caller leaving.
    /// </summary>
    private Task<BaseParts> SharedBuild(HealthReport report, BaseParts? previous, long governanceVersion)
    {
        while (true)
        {
            if (_builds.TryGetValue(report.Period, out var running) && ReferenceEquals(running.Report, report))
            {
                return running.Parts.Task;
            }

            var build = new PartsBuild(report, new TaskCompletionSource<BaseParts>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (running is null ? _builds.TryAdd(report.Period, build) : _builds.TryUpdate(report.Period, build, running))
            {
                _ = RunBuildAsync(build, previous, governanceVersion);
                return build.Parts.Task;
            }
        }
    }

    private async Task RunBuildAsync(PartsBuild build, BaseParts? previous, long governanceVersion)
    {
        var period = build.Report.Period;
        TaskCompletionSource<BaseParts>? rest = null;
        BaseParts? first = null;
        try
        {
            // The first build of a month answers in two steps: health, root causes and risks first (from the month's
            // report), then governance gaps, coverage and the supplier ranking (slow queries that do not need it) and the
            // 12-month trends (up to 11 more months' reports).
            rest = previous is null ? new TaskCompletionSource<BaseParts>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            var parts = first = await BuildBaseAsync(build.Report, previous, governanceVersion, CancellationToken.None, rest?.Task);
            _bases[period] = parts;
            build.Parts.SetResult(parts);
        }
        catch (Exception ex)
        {
            rest = null;
            build.Parts.SetException(ex);
        }
        finally
        {
            _builds.TryRemove(KeyValuePair.Create(period, build));
        }

        if (rest is not null)
        {
            // The second step goes on off the caller's thread: SQLite's "async" reads complete synchronously, so the
            // caller that started the build would otherwise get the first step only once the second was done.
            await Task.Yield();
            try
            {
                var full = await CompleteAsync(first!, CancellationToken.None);
                // Whatever is kept for the month by now (the same parts, or a rebuild after a change that carried them
                // on) gets the governance figures and the ranking; a complete rebuild that got there first stays.
                _bases.AddOrUpdate(period, full, (_, current) => current.Completion is null ? current
                    : ReferenceEquals(current, first) ? full
                    : With(current, new GovernanceParts(full.Coverage!, full.Gaps!, full.GovernanceVersion), full.Suppliers));
                rest.SetResult(full);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Working out the dashboard's governance gaps and supplier ranking for {Period} failed", period);
                // Forget the incomplete parts: the next call builds the month again.
                if (_bases.TryGetValue(period, out var current) && current.Completion == rest.Task)
                {
                    _bases.TryRemove(KeyValuePair.Create(period, current));
                }

                rest.SetException(ex);
            }
        }
    }

    private sealed record PartsBuild(HealthReport Report, TaskCompletionSource<BaseParts> Parts);

    private void StartRefresh(HealthReport report, long governanceVersion)
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    _bases[report.Period] = await BuildBaseAsync(report, null, governanceVersion, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // The older parts stay; the next change to the report or to governance data tries again.
                    _logger.LogError(ex, "Rebuilding the dashboard's governance gaps and supplier ranking for {Period} failed", report.Period);
                }
                finally
                {
                    Volatile.Write(ref _refreshing, 0);
                }
            },
            CancellationToken.None);
    }

    private static HealthView HealthParts(HealthReport report, IReadOnlyList<DomainFacts> domains, ScoreCoverage? coverage)
    {
        var (serviceHealth, tiles) = DomainTiles(report, domains, coverage);
        var (attention, total) = Attention(report, domains);
        var (own, inherited) = AttentionSplit(report, null);
        return new HealthView(serviceHealth, tiles, RootCauses(report, domains), attention, total, own, inherited);
    }

    /// <summary>Live services needing attention (of one domain, or all when <paramref name="domainId"/> is null): own problems and inherited ones.</summary>
    public static (int Own, int Inherited) AttentionSplit(HealthReport report, int? domainId, bool allDomains = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        int own = 0, inherited = 0;
        foreach (var id in report.NeedingAttention())
        {
            var node = report.Index.Node(id);
            if (node.NodeType != NodeType.Service || node.Lifecycle != Lifecycle.Live || (!allDomains && node.DomainId != domainId))
            {
                continue;
            }

            if (report.IsInherited(id))
            {
                inherited++;
            }
            else
            {
                own++;
            }
        }

        return (own, inherited);
    }

    /// <summary>
    /// Live services with their health for the month, worst first then most critical; optionally only one domain
    /// (by key; "-" for no domain) and only services needing attention.
    /// </summary>
    public async Task<IReadOnlyList<ServiceHealthRow>> ServicesAsync(
        DateOnly? asOf = null, string? domainKey = null, bool needingAttentionOnly = false, CancellationToken cancellationToken = default)
    {
        var report = await health.GetAsync(asOf, null, cancellationToken);
        List<DomainFacts> domains;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            domains = await db.Domains.AsNoTracking().Select(d => new DomainFacts(d.Id, d.Key, d.Name)).ToListAsync(cancellationToken);
        }

        var byId = domains.ToDictionary(d => d.Id);
        int? domainId = string.IsNullOrEmpty(domainKey) || domainKey == "-" ? null : domains.FirstOrDefault(d => d.Key == domainKey)?.Id ?? -1;
        return [.. report.Index.Nodes
            .Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live)
            .Where(n => domainKey is null || n.DomainId == domainId)
            .Select(n => (Node: n, Effective: report.EffectiveOf(n.Id)))
            .Where(x => !needingAttentionOnly || HealthLevels.NeedsAttention(x.Effective))
            .OrderByDescending(x => x.Effective).ThenBy(x => x.Node.Tier).ThenBy(x => x.Node.Name, StringComparer.CurrentCulture)
            .Select(x =>
            {
                var health = HealthViews.Of(report, x.Node.Id);
                var domain = x.Node.DomainId is { } d ? byId.GetValueOrDefault(d) : null;
                return new ServiceHealthRow(
                    Link(x.Node), x.Node.Tier ?? Service.LowestTier, x.Node.Kind ?? ServiceKind.Business, domain?.Key, domain?.Name,
                    health.Own, x.Effective, health.Reason, health.RootCause?.Root)
                {
                    Inherited = health.Inherited,
                    Source = health.Source,
                    Path = health.RootCause,
                };
            })];
    }

    /// <summary>The month a call with <paramref name="asOf"/> shows (the latest measured month by default).</summary>
    public async Task<DateOnly> PeriodAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default) =>
        (await health.GetAsync(asOf, null, cancellationToken)).Period;

    public static NodeLink Link(GraphNode node) => new(node.Id, node.Key, node.Name, node.NodeType);

    /// <summary>Live services by effective health overall, and one tile per domain that has live services (worst first).</summary>
    public static (HealthCounts All, IReadOnlyList<DomainTile> Tiles) DomainTiles(
        HealthReport report, IReadOnlyList<DomainFacts> domains, ScoreCoverage? coverage)
    {
        var figures = report.DomainFigures;
        var all = figures.Aggregate(HealthCounts.Zero, (sum, f) => new HealthCounts(
            sum.Healthy + f.Services.Healthy, sum.AtRisk + f.Services.AtRisk, sum.Degraded + f.Services.Degraded, sum.Down + f.Services.Down, sum.Unknown + f.Services.Unknown));
        var byId = domains.ToDictionary(d => d.Id);
        // One pass over the services needing attention, grouped by domain (a pass per domain was 50 × 100k nodes).
        var needing = report.NeedingAttention()
            .Select(id => report.Index.Node(id))
            .Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live)
            .ToLookup(n => n.DomainId);
        var coverageById = coverage?.Domains.ToDictionary(d => d.DomainId ?? 0, d => d.Services) ?? [];
        var tiles = figures
            .Select(f =>
            {
                var domain = f.DomainId is { } id && byId.TryGetValue(id, out var d) ? d : null;
                var inDomain = needing[f.DomainId].ToList();
                var inherited = inDomain.Count(n => report.IsInherited(n.Id));
                var own = inDomain.Count - inherited;
                return new DomainTile(
                    f.DomainId, domain?.Key ?? "", domain?.Name ?? ScoreCoverage.NoDomainName, f,
                    coverageById.TryGetValue(f.DomainId ?? 0, out var c) ? c : null)
                {
                    NeedingAttentionOwn = own,
                    NeedingAttentionInherited = inherited,
                    Explanation = DomainHealthRules.Explain(f, own, inherited),
                    RootCauses = RootCausesOf(report, inDomain),
                };
            })
            .OrderByDescending(t => t.Health.Status)
            .ThenBy(t => t.Health.Index ?? 101)
            .ThenBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
        return (all, tiles);
    }

    /// <summary>Where the trouble of a domain's live services needing attention starts, most services first.</summary>
    private static IReadOnlyList<NodeLink> RootCausesOf(HealthReport report, IEnumerable<GraphNode> needingAttention) =>
        [.. needingAttention
            .GroupBy(n => report.RootOf(n.Id))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => Link(report.Index.Node(g.Key)))];

    /// <summary>Tier-1/2 live services that need attention, worst first, with the first reason and root cause.</summary>
    public static (IReadOnlyList<ServiceAttention> Top, int Total) Attention(HealthReport report, IReadOnlyList<DomainFacts> domains)
    {
        var names = domains.ToDictionary(d => d.Id, d => d.Name);
        var candidates = report.NeedingAttention()
            .Select(id => report.Index.Node(id))
            .Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live && (n.Tier ?? Service.LowestTier) <= 2)
            .Select(n => (Node: n, Health: report.EffectiveOf(n.Id)))
            .OrderByDescending(x => x.Health).ThenBy(x => x.Node.Tier).ThenBy(x => x.Node.Name, StringComparer.CurrentCulture)
            .ToList();
        var top = candidates.Take(AttentionCount)
            .Select(x =>
            {
                var health = HealthViews.Of(report, x.Node.Id);
                return new ServiceAttention(
                    Link(x.Node), x.Node.Tier ?? Service.LowestTier, x.Node.Kind ?? ServiceKind.Business,
                    x.Node.DomainId is { } d ? names.GetValueOrDefault(d) : null, x.Health, health.Reason, health.RootCause?.Root ?? Link(x.Node))
                {
                    Own = health.Own,
                    Inherited = health.Inherited,
                    Source = health.Source,
                    Path = health.RootCause,
                };
            })
            .ToList();
        return (top, candidates.Count);
    }

    /// <summary>The few root causes, with what they touch (see <see cref="HealthViews.RootCauses"/>).</summary>
    public static IReadOnlyList<RootCause> RootCauses(HealthReport report, IReadOnlyList<DomainFacts> domains, int count = 5) =>
        HealthViews.RootCauses(report, domains.ToDictionary(d => d.Id, d => d.Name), count);

    /// <summary>The sparkline data for the 12 months ending with the month a call with <paramref name="asOf"/> shows (see <see cref="Trends"/>).</summary>
    public async Task<HealthTrends> TrendsAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var period = await PeriodAsync(asOf, cancellationToken);
        List<DomainFacts> domains;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            domains = await db.Domains.AsNoTracking().Select(d => new DomainFacts(d.Id, d.Key, d.Name)).ToListAsync(cancellationToken);
        }

        return await TrendsAsync(period, domains, cancellationToken);
    }

    /// <summary>
    /// Health per domain and per live business service for each of the 12 months ending with <paramref name="period"/>
    /// (oldest first), each month judged exactly as the dashboard judges it "as of" that month.
    /// </summary>
    public async Task<HealthTrends> TrendsAsync(DateOnly period, IReadOnlyList<DomainFacts> domains, CancellationToken cancellationToken = default)
    {
        var months = SlaPeriods.LastPeriods(period, MeasurementPeriod.Monthly, SlaAttainment.TrendLength).Order().ToList();
        var reports = new List<HealthReport>(months.Count);
        foreach (var month in months)
        {
            reports.Add(await health.GetAsync(month, null, cancellationToken));
        }

        return Trends(months, reports, domains);
    }

    /// <summary>The sparkline data from one report per month (oldest first).</summary>
    public static HealthTrends Trends(IReadOnlyList<DateOnly> months, IReadOnlyList<HealthReport> reports, IReadOnlyList<DomainFacts> domains)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(domains);
        var latest = reports[^1];
        var byId = domains.ToDictionary(d => d.Id);
        var figures = reports.Select(r => r.DomainFigures.ToDictionary(f => f.DomainId ?? 0)).ToList();
        var domainIds = figures.SelectMany(f => f.Keys).Distinct().ToList();
        var domainTrends = domainIds
            .Select(id =>
            {
                var domain = byId.GetValueOrDefault(id);
                var points = months.Select((m, i) => figures[i].TryGetValue(id, out var f)
                    ? new DomainTrendPoint(m, f.Status, f.Index, f.Services.NeedingAttention, f.Services.Total)
                    : new DomainTrendPoint(m, OperationalStatus.Unknown, null, 0, 0)).ToList();
                return new DomainTrend(id == 0 ? null : id, domain?.Key ?? "", domain?.Name ?? ScoreCoverage.NoDomainName, points);
            })
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
        var services = latest.Index.Nodes
            .Where(n => n.NodeType == NodeType.Service && n.Lifecycle == Lifecycle.Live && n.Kind == ServiceKind.Business)
            .OrderBy(n => n.Tier).ThenBy(n => n.Name, StringComparer.CurrentCulture)
            .Select(n => new ServiceTrend(
                Link(n), n.Tier ?? Service.LowestTier,
                [.. months.Select((m, i) => new ServiceTrendPoint(m, reports[i].OwnOf(n.Id), reports[i].InheritedOf(n.Id), reports[i].EffectiveOf(n.Id)))]))
            .ToList();
        return new HealthTrends(months, domainTrends, services);
    }

    /// <summary>Breached or at-risk SLAs ranked by the tier-1/2 business services they hit (see the class summary).</summary>
    public static IReadOnlyList<TopRisk> TopRisks(HealthReport report, int count = TopRiskCount)
    {
        var index = report.Index;
        var analyzer = new ImpactAnalyzer(index);
        var risky = report.Outcomes
            .Where(o => o.Result is SlaResult.Breached or SlaResult.AtRisk && index.Contains(o.ServiceId) && index.Contains(o.SupplierId))
            .OrderByDescending(o => OwnHealth.Rank(o.Result))
            .ThenBy(o => index.Node(o.ServiceId).Tier ?? Service.LowestTier)
            .ThenBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        var hitsByService = new Dictionary<int, IReadOnlyList<GraphNode>>();
        var risks = new List<TopRisk>();
        foreach (var outcome in risky)
        {
            if (!hitsByService.TryGetValue(outcome.ServiceId, out var hits))
            {
                if (hitsByService.Count >= RiskCandidates)
                {
                    break;
                }

                var reach = analyzer.Analyze([new ImpactSeed(outcome.ServiceId, ImpactLevel.Degraded)]);
                hits = reach.Affected
                    .Select(a => index.Node(a.NodeId))
                    .Where(n => n.NodeType == NodeType.Service && n.Kind == ServiceKind.Business && n.Lifecycle == Lifecycle.Live && (n.Tier ?? Service.LowestTier) <= 2)
                    .OrderBy(n => n.Tier).ThenBy(n => n.Name, StringComparer.CurrentCulture)
                    .ToList();
                hitsByService[outcome.ServiceId] = hits;
            }

            if (hits.Count > 0)
            {
                risks.Add(new TopRisk(
                    outcome, Link(index.Node(outcome.ServiceId)), Link(index.Node(outcome.SupplierId)),
                    [.. hits.Select(Link)], hits.Count(h => h.Tier == 1), hits.Count(h => h.Tier == 2)));
            }
        }

        return [.. risks
            .OrderByDescending(r => OwnHealth.Rank(r.Outcome.Result))
            .ThenByDescending(r => r.Tier1Hit).ThenByDescending(r => r.Tier2Hit)
            .ThenBy(r => r.Outcome.Key, StringComparer.Ordinal)
            .Take(count)];
    }

    /// <summary>Per month of the 12 ending with <paramref name="period"/>: targets measured, attained (Met or At risk) and breached.</summary>
    public static IReadOnlyList<TrendPoint> Trend(IEnumerable<(DateOnly PeriodStart, SlaResult Result)> results, DateOnly period)
    {
        var months = SlaPeriods.LastPeriods(period, MeasurementPeriod.Monthly, SlaAttainment.TrendLength);
        var byMonth = results.Where(r => r.Result != SlaResult.NoData).ToLookup(r => r.PeriodStart);
        return [.. months.Select(m =>
        {
            var list = byMonth[m].ToList();
            return new TrendPoint(m, list.Count, list.Count(r => r.Result is SlaResult.Met or SlaResult.AtRisk), list.Count(r => r.Result == SlaResult.Breached));
        })];
    }

    /// <param name="rest">
    /// For the first step of a first build: the parts are returned without the supplier ranking (and without gaps and
    /// coverage unless they are known already) and carry this task, which completes when the second step is done.
    /// </param>
    private async Task<BaseParts> BuildBaseAsync(
        HealthReport report, BaseParts? previous, long governanceVersion, CancellationToken cancellationToken, Task<BaseParts>? rest = null)
    {
        var index = report.Index;
        int services = 0, live = 0, suppliers = 0, external = 0, items = 0;
        foreach (var node in index.Nodes)
        {
            switch (node.NodeType)
            {
                case NodeType.Service:
                    services++;
                    live += node.Lifecycle == Lifecycle.Live ? 1 : 0;
                    break;
                case NodeType.Supplier:
                    suppliers++;
                    external += node.IsExternalSupplier ? 1 : 0;
                    break;
                default:
                    items++;
                    break;
            }
        }

        var totals = new DashboardTotals(services, live, suppliers, external, items, index.EdgeCount);
        var period = report.Period;
        var trend = await SlaTrendAsync(period, cancellationToken);
        List<DomainFacts> domains;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            domains = await db.Domains.AsNoTracking().Select(d => new DomainFacts(d.Id, d.Key, d.Name)).ToListAsync(cancellationToken);
        }

        if (previous is not null)
        {
            return new BaseParts(
                report, previous.GovernanceVersion, totals, domains, previous.Coverage, previous.Gaps, TopRisks(report), previous.Suppliers,
                trend, HealthParts(report, domains, previous.Coverage), await TrendsAsync(period, domains, cancellationToken))
            {
                Completion = previous.Completion is { IsCompleted: false } ? previous.Completion : null,
            };
        }

        if (rest is not null)
        {
            var known = _governance is { } g && g.Version == governanceVersion ? g : null;
            return new BaseParts(
                report, governanceVersion, totals, domains, known?.Coverage, known?.Gaps, TopRisks(report), null,
                trend, HealthParts(report, domains, known?.Coverage), null)
            {
                Completion = rest,
            };
        }

        var (governed, topSuppliers) = await GovernanceAndRankingAsync(report, governanceVersion, cancellationToken);
        return new BaseParts(
            report, governed.Version, totals, domains, governed.Coverage, governed.Gaps, TopRisks(report), topSuppliers, trend,
            HealthParts(report, domains, governed.Coverage), await TrendsAsync(period, domains, cancellationToken));
    }

    /// <summary>The parts of a first build's first step made whole: governance gaps, coverage, the supplier ranking and the 12-month trends added.</summary>
    private async Task<BaseParts> CompleteAsync(BaseParts first, CancellationToken cancellationToken)
    {
        var (governed, topSuppliers) = await GovernanceAndRankingAsync(first.Report, first.GovernanceVersion, cancellationToken);
        var trends = first.Trends ?? await TrendsAsync(first.Report.Period, first.Domains, cancellationToken);
        return With(first, governed, topSuppliers) with { Trends = trends };
    }

    private static BaseParts With(BaseParts parts, GovernanceParts governed, IReadOnlyList<SupplierImpact>? suppliers) => parts with
    {
        GovernanceVersion = governed.Version,
        Coverage = governed.Coverage,
        Gaps = governed.Gaps,
        Suppliers = suppliers,
        Health = HealthParts(parts.Report, parts.Domains, governed.Coverage),
        Completion = null,
    };

    /// <summary>Governance gaps and coverage (of today, whatever the month; reused until governance data changes) and the month's top suppliers by business impact.</summary>
    private async Task<(GovernanceParts Governed, IReadOnlyList<SupplierImpact> Suppliers)> GovernanceAndRankingAsync(
        HealthReport report, long governanceVersion, CancellationToken cancellationToken)
    {
        var governed = _governance;
        if (governed is null || governed.Version != governanceVersion)
        {
            var snapshot = await governance.LoadAsync(cancellationToken);
            var gaps = GovernanceRuleEngine.Evaluate(snapshot);
            var coverage = ScoreCoverage.Compute(snapshot, gaps);
            governed = new GovernanceParts(
                coverage,
                new GapSummary(Enum.GetValues<GapSeverity>().ToDictionary(s => s, s => gaps.Count(g => g.Severity == s)), coverage.Overall),
                governanceVersion);
            _governance = governed;
        }

        var period = report.Period;
        var index = report.Index;
        var first = period.AddMonths(-(SlaAttainment.TrendLength - 1));
        var ranking = await slaResults.GetSupplierRankingAsync(first, SlaPeriods.EndOf(period, MeasurementPeriod.Monthly), cancellationToken);
        var topSuppliers = ranking
            .Where(r => r.Scorecard.BusinessImpact > 0 && index.Contains(r.Scorecard.Supplier.Id))
            .Take(TopSupplierCount)
            .Select(r => new SupplierImpact(
                r.Rank, Link(index.Node(r.Scorecard.Supplier.Id)), r.Scorecard.BusinessImpact, r.Scorecard.BreachedCount, r.Scorecard.MetPercent, r.Scorecard.Services.Count))
            .ToList();
        return (governed, topSuppliers);
    }

    /// <summary>
    /// SLA results per month of the 12 ending with <paramref name="period"/>. Every measurement's result is read in one
    /// query and kept until the <see cref="ChangeFeed"/> reports a change to SLA data, so every month's trend (the
    /// preview, each month's build, the warm-up of all of them) comes from the same read.
    /// </summary>
    private async Task<IReadOnlyList<TrendPoint>> SlaTrendAsync(DateOnly period, CancellationToken cancellationToken)
    {
        var version = await _slaData.VersionAsync(cancellationToken);
        var kept = _slaResults;
        if (kept is null || kept.SlaVersion != version)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await (
                    from m in db.SlaMeasurements.AsNoTracking()
                    join t in db.SlaTargets.AsNoTracking() on m.SlaTargetId equals t.Id
                    select new { m.PeriodStart, m.Value, t.Direction, t.Target, t.WarningBand })
                .ToListAsync(cancellationToken);
            kept = new KeptResults(version, rows.Select(r => (r.PeriodStart, SlaEvaluator.Evaluate(r.Direction, r.Target, r.WarningBand, r.Value))).ToLookup(r => r.PeriodStart));
            _slaResults = kept;
        }

        var first = period.AddMonths(-(SlaAttainment.TrendLength - 1));
        return Trend(kept.ByMonth.Where(g => g.Key >= first && g.Key <= period).SelectMany(g => g), period);
    }

    private sealed record KeptResults(long SlaVersion, ILookup<DateOnly, (DateOnly PeriodStart, SlaResult Result)> ByMonth);

    private sealed record GovernanceParts(ScoreCoverage Coverage, GapSummary Gaps, long Version);

    private sealed record HealthView(
        HealthCounts ServiceHealth, IReadOnlyList<DomainTile> Domains, IReadOnlyList<RootCause> RootCauses, IReadOnlyList<ServiceAttention> Attention, int AttentionTotal,
        int Own, int Inherited);

    /// <param name="Coverage">With <see cref="Gaps"/>, <see cref="Suppliers"/> and <see cref="Trends"/>: null while <see cref="Completion"/> runs.</param>
    private sealed record BaseParts(
        HealthReport Report,
        long GovernanceVersion,
        DashboardTotals Totals,
        IReadOnlyList<DomainFacts> Domains,
        ScoreCoverage? Coverage,
        GapSummary? Gaps,
        IReadOnlyList<TopRisk> TopRisks,
        IReadOnlyList<SupplierImpact>? Suppliers,
        IReadOnlyList<TrendPoint> Trend,
        HealthView Health,
        HealthTrends? Trends)
    {
        /// <summary>Set while a first build's second step (gaps, coverage, supplier ranking, trends) runs; it completes with the whole parts.</summary>
        public Task<BaseParts>? Completion { get; init; }
    }
}
