using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>
/// A patched index must answer exactly as a fresh build of the same rows: random edit sequences (relationships added,
/// removed, retyped, moved in and out of redundancy groups; nodes added, changed, retired, deleted; group minimums
/// changed) are applied both ways and compared by content and by the impact analyses run on them.
/// </summary>
public class GraphIndexPatchTests
{
    private static readonly RelationshipType[] Types = Enum.GetValues<RelationshipType>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomEditSequences_LeaveThePatchedIndexEqualToAFreshBuild(int seed)
    {
        var random = new Random(seed);
        var model = Model.Random(random, nodes: 60, edges: 150, groups: 6);
        var index = model.Build();

        for (var step = 0; step < 40; step++)
        {
            var delta = model.RandomEdit(random);
            index = index.Patch(delta);

            AssertSameGraph(model.Build(), index, random);
        }
    }

    [Fact]
    public void AStatusChange_SharesTheEdgeArraysAndCopiesOnlyWhatChanged()
    {
        var model = Model.Random(new Random(7), nodes: 30, edges: 60, groups: 2);
        var index = model.Build();
        var node = index.Nodes.First();

        var patched = index.Patch(new GraphDelta { Nodes = [node with { Status = OperationalStatus.Down }] });

        Assert.Same(index.OutLinks, patched.OutLinks);
        Assert.Same(index.InEdges, patched.InEdges);
        Assert.Equal(OperationalStatus.Down, patched.Node(node.Id).Status);
        Assert.Equal(node.Status, index.Node(node.Id).Status); // the original is untouched
    }

    [Fact]
    public void AnEmptyDelta_ReturnsTheSameIndex()
    {
        var index = Model.Random(new Random(3), nodes: 10, edges: 10, groups: 1).Build();

        Assert.Same(index, index.Patch(new GraphDelta()));
    }

    private static void AssertSameGraph(GraphIndex expected, GraphIndex actual, Random random)
    {
        Assert.Equal(expected.Nodes.ToList(), actual.Nodes.ToList());
        Assert.Equal(expected.Edges.OrderBy(e => e.RelationshipId).ToList(), actual.Edges.OrderBy(e => e.RelationshipId).ToList());
        foreach (var node in expected.Nodes)
        {
            Assert.Equal(
                expected.IncomingOf(node.Id).Select(e => e.RelationshipId).Order(),
                actual.IncomingOf(node.Id).Select(e => e.RelationshipId).Order());
        }

        // Redundancy slots and traversal order are internal: compare what they decide, the impact of failures.
        var ids = expected.Nodes.Select(n => n.Id).ToList();
        for (var i = 0; i < 6 && ids.Count > 0; i++)
        {
            var failed = Enumerable.Range(0, random.Next(1, 3)).Select(_ => ids[random.Next(ids.Count)]).Distinct().ToList();
            Assert.Equal(Impact(expected, failed), Impact(actual, failed));
        }
    }

    private static List<(int, ImpactLevel, int)> Impact(GraphIndex index, IReadOnlyList<int> failed) =>
        [.. new ImpactAnalyzer(index).Analyze(failed).Affected.Select(a => (a.NodeId, a.Level, a.Distance)).Order()];

    /// <summary>The rows of a CMDB, edited at random; each edit also returns the delta a patch needs.</summary>
    private sealed class Model
    {
        private readonly SortedDictionary<int, GraphNode> _nodes = [];
        private readonly SortedDictionary<int, GraphEdge> _edges = [];
        private readonly SortedDictionary<int, int> _groups = [];
        private int _nextNode = 1;
        private int _nextEdge = 1;
        private int _nextGroup = 1;

        public static Model Random(Random random, int nodes, int edges, int groups)
        {
            var model = new Model();
            for (var g = 0; g < groups; g++)
            {
                model._groups[model._nextGroup++] = random.Next(1, 3);
            }

            for (var n = 0; n < nodes; n++)
            {
                model.AddNode(random);
            }

            for (var e = 0; e < edges; e++)
            {
                model.AddEdge(random);
            }

            return model;
        }

        public GraphIndex Build() =>
            GraphIndex.Build([.. _nodes.Values], [.. _edges.Values], [.. _groups.Select(g => new RedundancyGroupInfo(g.Key, g.Value))]);

        public GraphDelta RandomEdit(Random random)
        {
            switch (random.Next(10))
            {
                case 0:
                    return new GraphDelta { Nodes = [AddNode(random)] };
                case 1 when _nodes.Count > 5:
                {
                    var id = Pick(random, _nodes.Keys);
                    _nodes.Remove(id);
                    var gone = _edges.Values.Where(e => e.SourceId == id || e.TargetId == id).Select(e => e.RelationshipId).ToList();
                    gone.ForEach(r => _edges.Remove(r));
                    // As a database cascade would: the feed may or may not report the edges, so report only some.
                    return new GraphDelta { RemovedNodes = [id], RemovedEdges = [.. gone.Where(_ => random.Next(2) == 0)] };
                }

                case 2:
                {
                    var id = Pick(random, _nodes.Keys);
                    var changed = _nodes[id] with
                    {
                        Status = (OperationalStatus)random.Next(4),
                        Lifecycle = random.Next(4) == 0 ? Lifecycle.Retired : Lifecycle.Live,
                        Name = $"N{id}-{random.Next(100)}",
                        Tier = _nodes[id].NodeType == NodeType.Service ? random.Next(1, 5) : null,
                    };
                    _nodes[id] = changed;
                    return new GraphDelta { Nodes = [changed] };
                }

                case 3 when _edges.Count > 0:
                {
                    var id = Pick(random, _edges.Keys);
                    _edges.Remove(id);
                    return new GraphDelta { RemovedEdges = [id] };
                }

                case 4 when _edges.Count > 0:
                {
                    var id = Pick(random, _edges.Keys);
                    var retyped = _edges[id] with { Type = Types[random.Next(Types.Length)], RedundancyGroupId = RandomGroup(random) };
                    _edges[id] = retyped;
                    return new GraphDelta { Edges = [retyped] };
                }

                case 5 when _groups.Count > 0:
                {
                    var id = Pick(random, _groups.Keys);
                    _groups[id] = random.Next(1, 4);
                    return new GraphDelta { Groups = [new RedundancyGroupInfo(id, _groups[id])] };
                }

                case 6:
                {
                    var id = _nextGroup++;
                    _groups[id] = random.Next(1, 3);
                    var member = AddEdge(random) with { RedundancyGroupId = id };
                    _edges[member.RelationshipId] = member;
                    return new GraphDelta { Groups = [new RedundancyGroupInfo(id, _groups[id])], Edges = [member] };
                }

                default:
                    var edges = Enumerable.Range(0, random.Next(1, 4)).Select(_ => AddEdge(random)).ToList();
                    return new GraphDelta { Edges = edges };
            }
        }

        private GraphNode AddNode(Random random)
        {
            var id = _nextNode;
            _nextNode += random.Next(1, 3); // ids with holes, as deletions leave them
            var type = (NodeType)random.Next(3);
            var node = new GraphNode(
                id, $"K{id}", $"N{id}", type, Lifecycle.Live, (OperationalStatus)random.Next(4), random.Next(3) == 0 ? null : random.Next(1, 4),
                type == NodeType.Service ? ServiceKind.Business : null, type == NodeType.Service ? random.Next(1, 5) : null,
                type == NodeType.Supplier ? random.Next(2) == 0 : null);
            _nodes[id] = node;
            return node;
        }

        private GraphEdge AddEdge(Random random)
        {
            var source = Pick(random, _nodes.Keys);
            var target = Pick(random, _nodes.Keys);
            var edge = new GraphEdge(source, target, Types[random.Next(Types.Length)], RandomGroup(random), _nextEdge++);
            _edges[edge.RelationshipId] = edge;
            return edge;
        }

        private int? RandomGroup(Random random) => _groups.Count > 0 && random.Next(3) == 0 ? Pick(random, _groups.Keys) : null;

        private static int Pick(Random random, ICollection<int> keys) => keys.ElementAt(random.Next(keys.Count));
    }
}
