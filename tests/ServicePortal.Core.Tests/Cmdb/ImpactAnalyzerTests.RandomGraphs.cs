using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>
/// The engine against a plain reference on large random graphs: levels by repeating the propagation rules over
/// every edge until nothing changes, distances by Bellman-Ford over the edges that explain a level.
/// </summary>
public sealed partial class ImpactAnalyzerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Analyze_MatchesABruteForceReferenceOnALargeRandomGraph(int seed)
    {
        var (nodes, edges, groups) = RandomGraph(seed, nodeCount: 5_000, edgeCount: 25_000);
        var analyzer = new ImpactAnalyzer(GraphIndex.Build(nodes, edges, groups));
        var random = new Random(seed * 7919);
        var seeds = Enumerable.Range(0, 1 + random.Next(4))
            .Select(_ => new ImpactSeed(nodes[random.Next(nodes.Count)].Id, random.Next(4) == 0 ? ImpactLevel.Degraded : ImpactLevel.Down))
            .ToList();

        var result = analyzer.Analyze(seeds);

        var (levels, distances) = Reference(nodes, edges, groups, seeds);
        var edgeSet = edges.ToHashSet();
        Assert.True(levels.Count > 50, $"the random graph should spread a failure (it reached {levels.Count} nodes)");
        Assert.Equal(levels.OrderBy(x => x.Key), result.Affected.Select(a => KeyValuePair.Create(a.NodeId, a.Level)).OrderBy(x => x.Key));
        Assert.Equal(distances.OrderBy(x => x.Key), result.Affected.Select(a => KeyValuePair.Create(a.NodeId, a.Distance)).OrderBy(x => x.Key));
        foreach (var affected in result.Affected)
        {
            var path = result.PathTo(affected.NodeId);
            Assert.Equal(affected.Distance, path.Length);
            Assert.Equal(affected.NodeId, path.NodeIds[^1]);
            Assert.Equal(0, distances[path.NodeIds[0]]);
            for (var i = 0; i < path.Length; i++)
            {
                Assert.Contains(path.Edges[i], edgeSet);
                Assert.Equal(i + 1, distances[path.NodeIds[i + 1]]);
            }
        }
    }

    [Fact]
    public void SupplyChain_MatchesABruteForceReferenceOnALargeRandomGraph()
    {
        var (nodes, edges, groups) = RandomGraph(seed: 4, nodeCount: 5_000, edgeCount: 25_000);
        var analyzer = new ImpactAnalyzer(GraphIndex.Build(nodes, edges, groups));
        var start = nodes[17].Id;

        var chain = analyzer.SupplyChain(start);

        // Reference: relax "a node is reached one step after anything it relies on through one edge" to a fixpoint.
        var distance = new Dictionary<int, int> { [start] = 0 };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var edge in edges)
            {
                var (from, to) = edge.Type == RelationshipType.PartOf ? (edge.TargetId, edge.SourceId) : (edge.SourceId, edge.TargetId);
                if (distance.TryGetValue(from, out var d) && (!distance.TryGetValue(to, out var known) || d + 1 < known))
                {
                    distance[to] = d + 1;
                    changed = true;
                }
            }
        }

        Assert.Equal(distance.Keys.Order(), chain.NodeIds.Order());
        Assert.All(distance, x => Assert.Equal(x.Value, chain.DistanceOf(x.Key)));
        Assert.Equal(
            distance.Keys.Where(id => nodes[id - 1] is { NodeType: NodeType.Supplier, IsInternal: false }).Order(),
            chain.ExternalSuppliers.Order());
    }

    /// <summary>
    /// A random CMDB-like graph: ids 1 … n, all five relationship types (DependsOn most often), cycles allowed, a
    /// fifth of the edges in redundancy groups of 2–4 members per dependant with MinimumUp 1 … size.
    /// </summary>
    private static (List<GraphNode> Nodes, List<GraphEdge> Edges, List<RedundancyGroupInfo> Groups) RandomGraph(int seed, int nodeCount, int edgeCount)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(1, nodeCount)
            .Select(id => new GraphNode(
                id, $"N{id}", $"Node {id}", (NodeType)random.Next(3), IsInternal: random.Next(3) == 0))
            .ToList();
        RelationshipType[] types =
            [RelationshipType.DependsOn, RelationshipType.DependsOn, RelationshipType.DependsOn, RelationshipType.RunsOn,
             RelationshipType.ProvidedBy, RelationshipType.PartOf, RelationshipType.ConnectsTo];
        var edges = new List<GraphEdge>(edgeCount);
        var groups = new List<RedundancyGroupInfo>();
        var existing = new HashSet<(int, int, RelationshipType)>();
        while (edges.Count < edgeCount)
        {
            var source = 1 + random.Next(nodeCount);
            var type = types[random.Next(types.Length)];
            if (random.Next(5) == 0)
            {
                // A redundancy group: one dependant, several dependencies (for PartOf: several parts of one whole).
                var size = 2 + random.Next(3);
                var groupId = groups.Count + 1;
                groups.Add(new RedundancyGroupInfo(groupId, 1 + random.Next(size)));
                for (var i = 0; i < size; i++)
                {
                    var other = 1 + random.Next(nodeCount);
                    var edge = type == RelationshipType.PartOf
                        ? new GraphEdge(other, source, type, groupId, edges.Count + 1)
                        : new GraphEdge(source, other, type, groupId, edges.Count + 1);
                    if (existing.Add((edge.SourceId, edge.TargetId, type)))
                    {
                        edges.Add(edge);
                    }
                }
            }
            else
            {
                var target = 1 + random.Next(nodeCount);
                if (existing.Add((source, target, type)))
                {
                    edges.Add(new GraphEdge(source, target, type, null, edges.Count + 1));
                }
            }
        }

        return (nodes, edges, groups);
    }

    /// <summary>
    /// The propagation rules written as plainly as possible, one edge at a time, repeated to a fixpoint. Levels are
    /// 0 none, 1 contained risk, 2 risk passed on, 3 degraded (seeds only), 4 down.
    /// </summary>
    private static (Dictionary<int, ImpactLevel> Levels, Dictionary<int, int> Distances) Reference(
        List<GraphNode> nodes, List<GraphEdge> edges, List<RedundancyGroupInfo> groups, List<ImpactSeed> seeds)
    {
        const int Contained = 1, Risk = 2, Degraded = 3, Down = 4;
        var minimumUp = groups.ToDictionary(g => g.Id, g => g.MinimumUp);
        bool Hard(RelationshipType type) => type is RelationshipType.DependsOn or RelationshipType.RunsOn or RelationshipType.ProvidedBy;
        (int Dependency, int Dependant) Ends(GraphEdge e) => e.Type == RelationshipType.PartOf ? (e.SourceId, e.TargetId) : (e.TargetId, e.SourceId);
        var members = edges.Where(e => e.RedundancyGroupId is not null)
            .GroupBy(e => (Ends(e).Dependant, e.RedundancyGroupId!.Value))
            .ToDictionary(g => g.Key, g => g.ToList());

        var seedLevel = new Dictionary<int, int>();
        foreach (var seed in seeds)
        {
            var at = seed.Level switch { ImpactLevel.Down => Down, ImpactLevel.Degraded => Degraded, _ => 0 };
            seedLevel[seed.NodeId] = Math.Max(seedLevel.GetValueOrDefault(seed.NodeId), at);
        }

        var level = nodes.ToDictionary(n => n.Id, n => seedLevel.GetValueOrDefault(n.Id));
        int Effect(GraphEdge e)
        {
            var d = level[Ends(e).Dependency];
            if (e.RedundancyGroupId is not { } groupId)
            {
                return e.Type switch
                {
                    _ when Hard(e.Type) => d == Down ? Down : d >= Risk ? Risk : 0,
                    RelationshipType.PartOf => d >= Degraded ? Contained : 0,
                    _ => d == Down ? Contained : 0,
                };
            }

            var group = members[(Ends(e).Dependant, groupId)];
            var minimum = Math.Clamp(minimumUp[groupId], 1, group.Count);
            if (group.All(m => m.Type == RelationshipType.ConnectsTo))
            {
                return d == Down ? Contained : 0;
            }

            var up = group.Count(m => level[Ends(m).Dependency] != Down);
            var sound = group.Count(m => level[Ends(m).Dependency] < Risk);
            return d switch
            {
                Down when up < minimum => Down,
                >= Risk when sound < minimum => Risk,
                >= Degraded => Contained,
                _ => 0,
            };
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var edge in edges)
            {
                var dependant = Ends(edge).Dependant;
                var effect = Effect(edge);
                if (effect > level[dependant])
                {
                    level[dependant] = effect;
                    changed = true;
                }
            }
        }

        var distance = new Dictionary<int, int>();
        foreach (var (id, seedAt) in seedLevel)
        {
            if (seedAt != 0 && level[id] == seedAt)
            {
                distance[id] = 0;
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var edge in edges)
            {
                var (dependency, dependant) = Ends(edge);
                if (distance.TryGetValue(dependency, out var d) && level[dependency] > Contained && Effect(edge) == level[dependant] && level[dependant] != 0
                    && (!distance.TryGetValue(dependant, out var known) || d + 1 < known))
                {
                    distance[dependant] = d + 1;
                    changed = true;
                }
            }
        }

        ImpactLevel Public(int l) => l switch { Down => ImpactLevel.Down, Degraded => ImpactLevel.Degraded, 0 => ImpactLevel.None, _ => ImpactLevel.AtRisk };
        return (level.Where(x => x.Value != 0).ToDictionary(x => x.Key, x => Public(x.Value)), distance);
    }
}
