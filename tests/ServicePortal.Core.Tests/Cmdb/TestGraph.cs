using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>
/// Builds small CMDB graphs by key for readable tests: <c>new TestGraph().DependsOn("Checkout", "Payments")</c>.
/// A node named by an edge before it was declared becomes a configuration item. Ids are 1, 2, 3 … in order of first mention.
/// </summary>
internal sealed class TestGraph
{
    private readonly List<GraphNode> _nodes = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly List<RedundancyGroupInfo> _groups = [];

    public int this[string key] => _ids[key];

    public TestGraph Service(string key, ServiceKind kind = ServiceKind.Business, int tier = 3, int? domainId = null) =>
        Add(key, NodeType.Service, kind: kind, tier: tier, domainId: domainId);

    public TestGraph Ci(string key, int? domainId = null) => Add(key, NodeType.ConfigurationItem, domainId: domainId);

    public TestGraph Supplier(string key, bool isInternal = false) => Add(key, NodeType.Supplier, isInternal: isInternal);

    public TestGraph Group(int id, int minimumUp)
    {
        _groups.Add(new RedundancyGroupInfo(id, minimumUp));
        return this;
    }

    public TestGraph DependsOn(string source, string target, int? group = null) => Edge(source, RelationshipType.DependsOn, target, group);

    public TestGraph RunsOn(string source, string target, int? group = null) => Edge(source, RelationshipType.RunsOn, target, group);

    public TestGraph ProvidedBy(string source, string target, int? group = null) => Edge(source, RelationshipType.ProvidedBy, target, group);

    public TestGraph PartOf(string part, string whole, int? group = null) => Edge(part, RelationshipType.PartOf, whole, group);

    public TestGraph ConnectsTo(string source, string target, int? group = null) => Edge(source, RelationshipType.ConnectsTo, target, group);

    public TestGraph Edge(string source, RelationshipType type, string target, int? group = null)
    {
        var sourceId = IdOf(source);
        var targetId = IdOf(target);
        _edges.Add(new GraphEdge(sourceId, targetId, type, group, RelationshipId: _edges.Count + 1));
        return this;
    }

    public GraphIndex Build() => GraphIndex.Build(_nodes, _edges, _groups);

    public int[] Ids(params string[] keys) => [.. keys.Select(k => _ids[k])];

    private int IdOf(string key)
    {
        if (!_ids.ContainsKey(key))
        {
            Ci(key);
        }

        return _ids[key];
    }

    private TestGraph Add(
        string key, NodeType type, ServiceKind? kind = null, int? tier = null, int? domainId = null, bool? isInternal = null)
    {
        var id = _nodes.Count + 1;
        _ids.Add(key, id);
        _nodes.Add(new GraphNode(id, key, key, type, DomainId: domainId, Kind: kind, Tier: tier, IsInternal: isInternal));
        return this;
    }
}
