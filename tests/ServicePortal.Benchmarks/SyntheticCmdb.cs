using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>
/// A deterministic CMDB of realistic shape for the graph benchmarks (to be replaced by the Bogus ScaleGenerator in
/// Core/Seeding once it lands). Layers, top to bottom: business services → application services → technical
/// (platform) services → application and database CIs → servers (in redundant pairs and clusters) → network and
/// cloud resources, with suppliers providing services and CIs. Picks are skewed towards the first items of a layer,
/// so a few platform services, network links and suppliers become hubs, as in real estates. DependsOn cycles
/// occur between application services. Ids are 1 … nodeCount; no duplicate (source, target, type).
/// </summary>
public sealed class SyntheticCmdb
{
    private readonly Random _random;
    private readonly HashSet<(int, int, RelationshipType)> _seen = [];
    private readonly List<GraphEdge> _edges;
    private readonly List<RedundancyGroupInfo> _groups = [];
    private readonly int _edgeLimit;

    private SyntheticCmdb(int seed, int edgeLimit)
    {
        _random = new Random(seed);
        _edgeLimit = edgeLimit;
        _edges = new List<GraphEdge>(edgeLimit);
    }

    public required IReadOnlyList<GraphNode> Nodes { get; init; }

    public IReadOnlyList<GraphEdge> Edges => _edges;

    public IReadOnlyList<RedundancyGroupInfo> Groups => _groups;

    public const int DomainCount = 20;

    public static SyntheticCmdb Generate(int nodeCount = 100_000, int edgeCount = 500_000, int seed = 20261121)
    {
        // Layer sizes as shares of the nodes.
        var suppliers = Range(1, nodeCount / 100);
        var business = Range(suppliers.End, nodeCount * 5 / 100);
        var applications = Range(business.End, nodeCount * 15 / 100);
        var platform = Range(applications.End, nodeCount * 10 / 100);
        var appCis = Range(platform.End, nodeCount * 30 / 100);
        var servers = Range(appCis.End, nodeCount * 30 / 100);
        var network = Range(servers.End, nodeCount + 1 - servers.End);

        var random = new Random(seed);
        var nodes = new List<GraphNode>(nodeCount);
        for (var id = 1; id <= nodeCount; id++)
        {
            int? domain = 1 + random.Next(DomainCount);
            var node = id switch
            {
                _ when suppliers.Contains(id) => new GraphNode(id, $"SUP-{id}", $"Supplier {id}", NodeType.Supplier, IsInternal: random.Next(10) < 3),
                _ when business.Contains(id) => Service(id, ServiceKind.Business, domain),
                _ when applications.Contains(id) => Service(id, ServiceKind.Application, domain),
                _ when platform.Contains(id) => Service(id, ServiceKind.Technical, domain),
                _ => new GraphNode(id, $"CI-{id}", $"Configuration item {id}", NodeType.ConfigurationItem, DomainId: domain),
            };
            nodes.Add(node);
        }

        GraphNode Service(int id, ServiceKind kind, int? domain) =>
            new(id, $"SVC-{id}", $"{kind} service {id}", NodeType.Service, DomainId: domain, Kind: kind, Tier: 1 + random.Next(4));

        var cmdb = new SyntheticCmdb(seed, edgeCount) { Nodes = nodes };
        cmdb.Wire(suppliers, business, applications, platform, appCis, servers, network, edgeCount);
        return cmdb;
    }

    private void Wire(Layer suppliers, Layer business, Layer applications, Layer platform, Layer appCis, Layer servers, Layer network, int edgeCount)
    {
        foreach (var b in business.Ids)
        {
            Many(b, applications, 4, 10, RelationshipType.DependsOn, skew: 1.5);
        }

        foreach (var a in applications.Ids)
        {
            Many(a, platform, 3, 6, RelationshipType.DependsOn, skew: 3);
            Many(a, appCis, 2, 4, RelationshipType.RunsOn, skew: 1);
            Many(a, applications, 1, 3, RelationshipType.ConnectsTo, skew: 2);
            if (_random.Next(4) == 0)
            {
                Many(a, applications, 1, 1, RelationshipType.DependsOn, skew: 1); // makes DependsOn cycles
            }
        }

        foreach (var p in platform.Ids)
        {
            Many(p, platform, 1, 3, RelationshipType.DependsOn, skew: 3);
            Group(p, servers, 3, RelationshipType.RunsOn, minimumUp: 2);
        }

        foreach (var c in appCis.Ids)
        {
            Group(c, servers, 2, RelationshipType.RunsOn, minimumUp: 1);
        }

        foreach (var s in servers.Ids)
        {
            Many(s, network, 1, 2, RelationshipType.ConnectsTo, skew: 4);
            Many(s, network, 1, 1, RelationshipType.RunsOn, skew: 2);
            if (_random.Next(3) == 0)
            {
                Many(s, network, 1, 1, RelationshipType.PartOf, skew: 1); // servers grouped into clusters
            }
        }

        foreach (var n in network.Ids)
        {
            Many(n, suppliers, 1, 1, RelationshipType.ProvidedBy, skew: 3);
        }

        // Suppliers of services and CIs fill up to the wanted edge count.
        var providedByCandidates = Range(business.Start, servers.End - business.Start);
        while (_edges.Count < edgeCount)
        {
            Many(providedByCandidates.Pick(_random, skew: 1), suppliers, 1, 1, RelationshipType.ProvidedBy, skew: 3);
        }
    }

    private void Many(int source, Layer targets, int min, int max, RelationshipType type, double skew)
    {
        var count = min + _random.Next(max - min + 1);
        for (var i = 0; i < count; i++)
        {
            Add(source, targets.Pick(_random, skew), type, null);
        }
    }

    private void Group(int source, Layer targets, int size, RelationshipType type, int minimumUp)
    {
        var groupId = _groups.Count + 1;
        _groups.Add(new RedundancyGroupInfo(groupId, minimumUp));
        for (var i = 0; i < size; i++)
        {
            Add(source, targets.Pick(_random, skew: 1), type, groupId);
        }
    }

    private void Add(int source, int target, RelationshipType type, int? groupId)
    {
        if (source != target && _edges.Count < _edgeLimit && _seen.Add((source, target, type)))
        {
            _edges.Add(new GraphEdge(source, target, type, groupId, _edges.Count + 1));
        }
    }

    private static Layer Range(int start, int count) => new(start, count);

    private readonly record struct Layer(int Start, int Count)
    {
        public int End => Start + Count;

        public IEnumerable<int> Ids => Enumerable.Range(Start, Count);

        public bool Contains(int id) => id >= Start && id < End;

        /// <summary>Skew 1 is uniform; higher skews favour the first ids (hubs).</summary>
        public int Pick(Random random, double skew) => Start + (int)(Count * Math.Pow(random.NextDouble(), skew));
    }
}
