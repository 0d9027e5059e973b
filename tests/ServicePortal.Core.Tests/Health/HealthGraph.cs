using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Health;

/// <summary>Small graphs with recorded statuses and SLA outcomes for health tests; ids 1, 2, 3 … in order of declaration.</summary>
internal sealed class HealthGraph
{
    private readonly List<GraphNode> _nodes = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly List<RedundancyGroupInfo> _groups = [];
    private readonly List<SlaOutcome> _outcomes = [];

    public static readonly DateOnly Month = new(2026, 11, 1);

    public int this[string key] => _ids[key];

    public HealthGraph Service(string key, int tier = 3, int? domain = null, OperationalStatus status = OperationalStatus.Healthy,
        ServiceKind kind = ServiceKind.Business, Lifecycle lifecycle = Lifecycle.Live) =>
        Add(new GraphNode(0, key, key, NodeType.Service, lifecycle, status, domain, kind, tier));

    public HealthGraph Ci(string key, OperationalStatus status = OperationalStatus.Healthy, int? domain = null) =>
        Add(new GraphNode(0, key, key, NodeType.ConfigurationItem, Lifecycle.Live, status, domain));

    public HealthGraph Supplier(string key, OperationalStatus status = OperationalStatus.Healthy) =>
        Add(new GraphNode(0, key, key, NodeType.Supplier, Lifecycle.Live, status, IsInternal: false));

    public HealthGraph Group(int id, int minimumUp)
    {
        _groups.Add(new RedundancyGroupInfo(id, minimumUp));
        return this;
    }

    public HealthGraph Edge(string source, RelationshipType type, string target, int? group = null)
    {
        _edges.Add(new GraphEdge(_ids[source], _ids[target], type, group, _edges.Count + 1));
        return this;
    }

    public HealthGraph DependsOn(string source, string target, int? group = null) => Edge(source, RelationshipType.DependsOn, target, group);

    /// <summary>An SLA outcome of <paramref name="service"/> for the month, from supplier <paramref name="supplier"/> (declared first).</summary>
    public HealthGraph Sla(string service, SlaResult result, string supplier = "Supplier", string? key = null)
    {
        if (!_ids.ContainsKey(supplier))
        {
            Supplier(supplier);
        }

        _outcomes.Add(new SlaOutcome(
            _outcomes.Count + 1, key ?? $"{service}-SLA{_outcomes.Count + 1}", $"{service} availability", _ids[service], _ids[supplier], supplier, Month,
            result, result == SlaResult.NoData ? null : 99.0, 99.5, TargetDirection.AtLeast, "%"));
        return this;
    }

    public GraphIndex Build() => GraphIndex.Build(_nodes, _edges, _groups);

    public HealthReport Compute(bool recordedApplies = true, params int[] whatIf) =>
        HealthEngine.Compute(Build(), new HealthInputs(Month, recordedApplies, _outcomes) { WhatIfFailed = whatIf });

    private HealthGraph Add(GraphNode node)
    {
        var id = _nodes.Count + 1;
        _ids.Add(node.Key, id);
        _nodes.Add(node with { Id = id });
        return this;
    }
}
