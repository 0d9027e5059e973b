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
/// </summary>
public sealed class CmdbGraphService(GraphIndexProvider provider, IDbContextFactory<PortalDbContext> dbFactory, ImpactLookupsCache? lookupsCache = null)
{
    private readonly ImpactLookupsCache _lookups = lookupsCache ?? new ImpactLookupsCache();

    /// <summary>What-if: marks the nodes as failed (nothing is stored) and reports who is hit.</summary>
    public Task<ImpactReport> WhatIfAsync(IReadOnlyCollection<int> failedNodeIds, CancellationToken cancellationToken = default) =>
        ReportAsync(index => new ImpactAnalyzer(index).Analyze(failedNodeIds), cancellationToken);

    /// <summary>What-if with a level per node (failed = Down, or Degraded): the engine behind saved scenarios.</summary>
    public Task<ImpactReport> WhatIfAsync(IReadOnlyCollection<ImpactSeed> seeds, CancellationToken cancellationToken = default) =>
        ReportAsync(index => new ImpactAnalyzer(index).Analyze(seeds), cancellationToken);

    /// <summary>Today: the blast radius of the nodes whose recorded status is Down or Degraded.</summary>
    public Task<ImpactReport> RecordedAsync(CancellationToken cancellationToken = default) =>
        ReportAsync(index => new ImpactAnalyzer(index).Analyze(index.RecordedFailures().ToList()), cancellationToken);

    private async Task<ImpactReport> ReportAsync(Func<GraphIndex, ImpactResult> analyze, CancellationToken cancellationToken)
    {
        var index = await provider.GetAsync(cancellationToken);
        var result = analyze(index);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lookups = await _lookups.GetAsync(db, cancellationToken);
        return new ImpactReport(result, ImpactSummary.From(result, lookups));
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
