using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>A blast radius and what leadership reads from it.</summary>
public sealed record ImpactReport(ImpactResult Result, ImpactSummary Summary);

/// <summary>A neighbourhood and its diagram positions.</summary>
public sealed record NeighbourhoodDiagram(Neighbourhood Neighbourhood, DiagramLayout Layout);

/// <summary>
/// The graph engine as pages and API endpoints use it: always on the current index from
/// <see cref="GraphIndexProvider"/>, with a short-lived DbContext only for the lookups of an impact summary (kept by
/// an <see cref="ImpactLookupsCache"/> while the data is unchanged). Safe as a singleton.
/// <para>Impact reports are kept per (failed nodes, index, lookups, day) for the last <see cref="ReportCacheSize"/>
/// questions: the index and the lookups are immutable values replaced only when the change feed reports a change to
/// what they are made of, so a kept report is exactly what a new walk would give. A new index drops every kept report
/// (and so the old index they hold); new lookups (a contract, an SLA target, an accountable person changed) or a new
/// day make the summary again on the kept walk.</para>
/// </summary>
public sealed class CmdbGraphService(GraphIndexProvider provider, IDbContextFactory<PortalDbContext> dbFactory, ImpactLookupsCache? lookupsCache = null)
{
    /// <summary>How many impact reports are kept for the current index and lookups (each up to a few MB at the worst hub of 100k nodes).</summary>
    public const int ReportCacheSize = 8;

    private readonly ImpactLookupsCache _lookups = lookupsCache ?? new ImpactLookupsCache();
    private readonly Lock _reportsLock = new();
    private ReportGeneration? _reports;
    private int _reportsMade;

    /// <summary>How many impact reports were computed rather than taken from the kept ones (diagnostics, tests, the load harness).</summary>
    public int ReportsMade => Volatile.Read(ref _reportsMade);

    /// <summary>What-if: marks the nodes as failed (nothing is stored) and reports who is hit.</summary>
    public Task<ImpactReport> WhatIfAsync(IReadOnlyCollection<int> failedNodeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failedNodeIds);
        return ReportAsync("down:" + string.Join(',', failedNodeIds.Distinct().Order()), index => new ImpactAnalyzer(index).Analyze(failedNodeIds), cancellationToken);
    }

    /// <summary>What-if with a level per node (failed = Down, or Degraded): the engine behind saved scenarios.</summary>
    public Task<ImpactReport> WhatIfAsync(IReadOnlyCollection<ImpactSeed> seeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var key = "seeds:" + string.Join(',', seeds.GroupBy(s => s.NodeId).Select(g => (g.Key, Level: g.Max(s => s.Level))).Order().Select(s => $"{s.Key}={(int)s.Level}"));
        return ReportAsync(key, index => new ImpactAnalyzer(index).Analyze(seeds), cancellationToken);
    }

    /// <summary>Today: the blast radius of the nodes whose recorded status is Down or Degraded.</summary>
    public Task<ImpactReport> RecordedAsync(CancellationToken cancellationToken = default) =>
        ReportAsync("recorded", index => new ImpactAnalyzer(index).Analyze(index.RecordedFailures().ToList()), cancellationToken);

    /// <summary>
    /// Forgets the kept impact reports, so the next question is answered as the first one after a change is (the load
    /// harness measures that cold cost this way). Nothing else needs it: a change makes new reports by itself.
    /// </summary>
    public void ForgetReports()
    {
        lock (_reportsLock)
        {
            _reports = null;
        }
    }

    private async Task<ImpactReport> ReportAsync(string key, Func<GraphIndex, ImpactResult> analyze, CancellationToken cancellationToken)
    {
        var index = await provider.GetAsync(cancellationToken);
        ImpactLookups lookups;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            lookups = await _lookups.GetAsync(db, cancellationToken);
        }

        var day = Governance.Person.Today(TimeProvider.System);
        ImpactResult? walked = null;
        lock (_reportsLock)
        {
            if (_reports is { } kept && ReferenceEquals(kept.Index, index) && kept.Reports.TryGetValue(key, out var entry))
            {
                if (ReferenceEquals(entry.Lookups, lookups) && entry.Day == day)
                {
                    return entry.Report;
                }

                walked = entry.Report.Result; // the graph is unchanged: only the summary is made again
            }
        }

        var result = walked ?? analyze(index);
        var made = new ImpactReport(result, ImpactSummary.From(result, lookups, day));
        Interlocked.Increment(ref _reportsMade);
        lock (_reportsLock)
        {
            if (_reports is not { } generation || !ReferenceEquals(generation.Index, index))
            {
                generation = new ReportGeneration(index);
                _reports = generation;
            }

            generation.Keep(key, made, lookups, day);
        }

        return made;
    }

    /// <summary>
    /// The reports kept for one index, each with the lookups and day its summary was made with (who has left counts by
    /// the day): a change to the lookups alone makes the summary again on the kept walk. Oldest made goes first.
    /// </summary>
    private sealed class ReportGeneration(GraphIndex index)
    {
        private long _clock;

        public GraphIndex Index => index;

        public Dictionary<string, (ImpactReport Report, ImpactLookups Lookups, DateOnly Day, long Made)> Reports { get; } = [];

        public void Keep(string key, ImpactReport report, ImpactLookups lookups, DateOnly day)
        {
            if (!Reports.ContainsKey(key) && Reports.Count >= ReportCacheSize)
            {
                Reports.Remove(Reports.MinBy(r => r.Value.Made).Key);
            }

            Reports[key] = (report, lookups, day, ++_clock);
        }
    }

    public async Task<SupplyChainResult> SupplyChainAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        return new ImpactAnalyzer(index).SupplyChain(serviceId);
    }

    public async Task<NeighbourhoodDiagram> NeighbourhoodAsync(
        int nodeId, int hops = 1, int maxNodes = Neighbourhood.DefaultMaxNodes, LayoutOptions? options = null,
        IReadOnlyCollection<int>? expanded = null, CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        var neighbourhood = Neighbourhood.Of(index, nodeId, hops, maxNodes, expanded);
        return new NeighbourhoodDiagram(neighbourhood, LayeredLayout.Arrange(neighbourhood, options));
    }

    public async Task<IReadOnlyList<RelationshipProblem>> ValidateRelationshipAsync(
        int sourceId, int targetId, RelationshipType type, int? editingRelationshipId = null, CancellationToken cancellationToken = default)
    {
        var index = await provider.GetAsync(cancellationToken);
        return new RelationshipValidator(index).Validate(sourceId, targetId, type, editingRelationshipId);
    }
}
