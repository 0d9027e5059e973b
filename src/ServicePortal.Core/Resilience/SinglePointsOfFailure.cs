using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Resilience;

/// <summary>A business service a single failure takes Down.</summary>
public sealed record BusinessServiceHit(int NodeId, string Key, string Name, int Tier);

/// <summary>
/// A node (component, service or supplier) whose failure alone takes at least one live tier-1/2 business service Down.
/// </summary>
/// <param name="BusinessServicesDown">The live tier-1/2 business services it takes Down on its own, most critical first.</param>
/// <param name="ServicesDown">Every service (any kind, tier or lifecycle) its failure takes Down.</param>
/// <param name="NodesDown">Every node its failure takes Down, itself included.</param>
/// <param name="Path">The engine's path from this node to the first of <see cref="BusinessServicesDown"/>, as a sentence.</param>
/// <param name="PathNodeIds">The same path's nodes, from this node to the business service.</param>
/// <param name="Alternates">
/// Nodes that could stand in for it but do not save the service on their own: the other members of a redundancy group it
/// is in (a group that needs them all, or a shared dependency beneath them), or another supplier providing the same thing
/// outside a redundancy group. Empty when nothing could stand in.
/// </param>
public sealed record SinglePointOfFailure(
    int Rank,
    int NodeId,
    string Key,
    string Name,
    NodeType NodeType,
    IReadOnlyList<BusinessServiceHit> BusinessServicesDown,
    int ServicesDown,
    int NodesDown,
    string Path,
    IReadOnlyList<int> PathNodeIds,
    IReadOnlyList<string> Alternates)
{
    public bool IsSupplier => NodeType == NodeType.Supplier;

    public bool HasAlternate => Alternates.Count > 0;

    /// <summary>The most critical tier it takes down (1 or 2).</summary>
    public int TopTier => BusinessServicesDown.Min(s => s.Tier);
}

/// <summary>The single points of failure of one graph index, ranked, and how much was checked to find them.</summary>
public sealed record SinglePointsOfFailureReport(
    IReadOnlyList<SinglePointOfFailure> Items, int BusinessServicesChecked, int CandidatesChecked)
{
    public static SinglePointsOfFailureReport Empty { get; } = new([], 0, 0);

    /// <summary>Node ids of the single points of failure, for lookups (e.g. renewals).</summary>
    public IReadOnlySet<int> NodeIds { get; } = Items.Select(i => i.NodeId).ToHashSet();
}

/// <summary>
/// Finds every <b>single point of failure</b>: a node whose failure <em>alone</em> takes a live tier-1 or tier-2 business
/// service Down, by the one impact engine (<see cref="ImpactAnalyzer"/> and <see cref="PropagationRules"/>), so
/// redundancy counts exactly as it does in a what-if: either card gateway alone is not one (the group needs 1 of 2);
/// a shared host beneath both members of a group is.
/// <para><b>How</b>, so it stays fast at 100k nodes:</para>
/// <list type="number">
/// <item><b>Candidates</b>: only nodes whose failure can reach a target service at all, found by one walk backwards from
/// all target services at once over the edges that can pass Down on (<see cref="DownEdges"/>: hard edges, grouped or not,
/// and grouped PartOf edges from the parts; never ConnectsTo or a PartOf outside a group).</item>
/// <item><b>Screening</b>: each candidate is failed alone and the engine's Down pass
/// (<see cref="ImpactAnalyzer.ForEachSingleFailure"/>) names what goes Down; a candidate is a single point of failure when
/// that includes a target service other than itself.</item>
/// <item><b>Explaining</b>: for each one found, the full what-if (<see cref="ImpactAnalyzer.Analyze(IEnumerable{int})"/>)
/// gives the path from it to the most critical service it takes down, worded by <see cref="DependencyPath.Describe"/>.</item>
/// </list>
/// <para><b>Ranking</b> (business impact): the most critical tier taken down (1 before 2), then the number of tier-1
/// business services, then of tier-1/2 business services, then of services of any kind taken down, then the name.</para>
/// </summary>
public static class SinglePointsOfFailureAnalysis
{
    /// <summary>The business services a single point of failure is judged against: live, business, tier 1 or 2.</summary>
    public static bool IsTarget(GraphNode node) =>
        node.NodeType == NodeType.Service && node.Kind == ServiceKind.Business && node.Lifecycle == Lifecycle.Live && node.Tier is <= 2;

    public static SinglePointsOfFailureReport Find(GraphIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var targets = new Dictionary<int, GraphNode>();
        foreach (var node in index.Nodes)
        {
            if (IsTarget(node))
            {
                targets[node.Id] = node;
            }
        }

        if (targets.Count == 0)
        {
            return SinglePointsOfFailureReport.Empty;
        }

        var candidates = DownEdges.Dependencies(index, targets.Keys);
        var analyzer = new ImpactAnalyzer(index);
        var found = new List<(GraphNode Node, List<BusinessServiceHit> Hits, int ServicesDown, int NodesDown)>();
        analyzer.ForEachSingleFailure(candidates, (failed, down) =>
        {
            List<BusinessServiceHit>? hits = null;
            var services = 0;
            foreach (var id in down)
            {
                if (targets.TryGetValue(id, out var target) && id != failed)
                {
                    (hits ??= []).Add(new BusinessServiceHit(target.Id, target.Key, target.Name, target.Tier!.Value));
                }
            }

            if (hits is null)
            {
                return;
            }

            foreach (var id in down)
            {
                if (index.TryGetNode(id, out var node) && node.NodeType == NodeType.Service)
                {
                    services++;
                }
            }

            found.Add((index.Node(failed), hits, services, down.Count));
        });

        var ranked = found
            .Select(f => (f.Node, Hits: f.Hits.OrderBy(h => h.Tier).ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToList(), f.ServicesDown, f.NodesDown))
            .OrderBy(f => f.Hits[0].Tier)
            .ThenByDescending(f => f.Hits.Count(h => h.Tier == 1))
            .ThenByDescending(f => f.Hits.Count)
            .ThenByDescending(f => f.ServicesDown)
            .ThenBy(f => f.Node.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Node.Id)
            .ToList();

        var items = new List<SinglePointOfFailure>(ranked.Count);
        foreach (var (node, hits, servicesDown, nodesDown) in ranked)
        {
            var path = analyzer.Analyze([node.Id]).PathTo(hits[0].NodeId);
            items.Add(new SinglePointOfFailure(
                items.Count + 1, node.Id, node.Key, node.Name, node.NodeType, hits, servicesDown, nodesDown,
                path.Describe(index), path.NodeIds, Alternates(index, node.Id)));
        }

        return new SinglePointsOfFailureReport(items, targets.Count, candidates.Count);
    }

    /// <summary>
    /// What could stand in for the node: the other members of every redundancy group it is a member of, and the other
    /// suppliers of what it provides.
    /// </summary>
    private static List<string> Alternates(GraphIndex index, int nodeId)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var node = index.Node(nodeId);

        // Edges where the node is the dependency: incoming non-PartOf edges, and its own PartOf edges (it is the part).
        var asDependency = index.IncomingOf(nodeId).Where(e => e.Type != RelationshipType.PartOf)
            .Concat(index.OutgoingOf(nodeId).Where(e => e.Type == RelationshipType.PartOf));
        foreach (var edge in asDependency)
        {
            var dependant = edge.Type == RelationshipType.PartOf ? edge.TargetId : edge.SourceId;
            IEnumerable<GraphEdge> peers = [];
            if (edge.RedundancyGroupId is { } group)
            {
                peers = DependencyEdges(index, dependant).Where(p => p.RedundancyGroupId == group);
            }
            else if (edge.Type == RelationshipType.ProvidedBy && node.NodeType == NodeType.Supplier)
            {
                peers = DependencyEdges(index, dependant).Where(p => p.Type == RelationshipType.ProvidedBy && p.RedundancyGroupId is null);
            }

            foreach (var peer in peers)
            {
                var other = peer.Type == RelationshipType.PartOf ? peer.SourceId : peer.TargetId;
                if (other != nodeId && index.TryGetNode(other, out var alternate))
                {
                    names.Add(alternate.Name);
                }
            }
        }

        return [.. names];
    }

    /// <summary>The dependant's edges to what it relies on: its non-PartOf edges out and its parts' PartOf edges in.</summary>
    private static IEnumerable<GraphEdge> DependencyEdges(GraphIndex index, int dependantId) =>
        index.OutgoingOf(dependantId).Where(e => e.Type != RelationshipType.PartOf)
            .Concat(index.IncomingOf(dependantId).Where(e => e.Type == RelationshipType.PartOf));
}
