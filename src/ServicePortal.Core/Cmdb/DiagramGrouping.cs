namespace ServicePortal.Core.Cmdb;

/// <summary>How a diagram groups its nodes.</summary>
public enum GraphGrouping
{
    None,
    NodeType,
    Domain,
}

/// <summary>
/// A collapsed group drawn as one box: <see cref="Id"/> is negative (never a node's id), <see cref="Members"/> the node
/// ids it stands for, <see cref="InnerEdges"/> the relationships between two of them (not drawn, but counted).
/// </summary>
public sealed record DiagramGroup(int Id, string Key, IReadOnlyList<int> Members, int InnerEdges);

/// <summary>A diagram with some groups collapsed; <see cref="EdgeCounts"/> says how many relationships each drawn edge stands for.</summary>
public sealed record GroupedDiagram(
    NeighbourhoodDiagram Diagram, IReadOnlyDictionary<int, DiagramGroup> Groups, IReadOnlyDictionary<(int Source, int Target, RelationshipType Type), int> EdgeCounts);

/// <summary>
/// Collapses groups of a neighbourhood (by node type or domain) into one node each before the layered layout runs.
/// No relationship is lost: one between a member and an outside node becomes one to the group (several of the same
/// type merge, counted in <see cref="GroupedDiagram.EdgeCounts"/>), one between two members is counted in
/// <see cref="DiagramGroup.InnerEdges"/>. The centre never collapses, and a group of one node is not a group.
/// </summary>
public static class DiagramGrouping
{
    /// <summary>The group a node belongs to: its kind for <see cref="GraphGrouping.NodeType"/> ("Business", "Application",
    /// "Technical", "ConfigurationItem", "Supplier"), its domain id for <see cref="GraphGrouping.Domain"/> ("none" without one).</summary>
    public static string? KeyOf(GraphNode node, GraphGrouping by) => by switch
    {
        GraphGrouping.NodeType => node.NodeType == Catalog.NodeType.Service ? (node.Kind?.ToString() ?? "Service") : node.NodeType.ToString(),
        GraphGrouping.Domain => node.DomainId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
        _ => null,
    };

    /// <summary>The groups of this neighbourhood with at least two nodes besides the centre, largest first.</summary>
    public static IReadOnlyList<(string Key, int Count)> GroupsOf(Neighbourhood neighbourhood, GraphGrouping by)
    {
        ArgumentNullException.ThrowIfNull(neighbourhood);
        return by == GraphGrouping.None
            ? []
            : [.. neighbourhood.Nodes.Where(n => n.Node.Id != neighbourhood.CentreId)
                .GroupBy(n => KeyOf(n.Node, by)!)
                .Where(g => g.Count() > 1)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count()))];
    }

    public static GroupedDiagram Collapse(Neighbourhood neighbourhood, GraphGrouping by, IReadOnlySet<string> collapsed, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(neighbourhood);
        ArgumentNullException.ThrowIfNull(collapsed);
        var groupKeys = GroupsOf(neighbourhood, by).Select(g => g.Key).Where(collapsed.Contains).ToList();
        var groupIds = groupKeys.Select((key, i) => (key, id: -(i + 1))).ToDictionary(x => x.key, x => x.id, StringComparer.Ordinal);
        var shownAs = new Dictionary<int, int>();
        var members = groupKeys.ToDictionary(k => groupIds[k], _ => new List<int>());
        var nodeIds = new List<int>();
        foreach (var entry in neighbourhood.Nodes)
        {
            var id = entry.Node.Id;
            if (id != neighbourhood.CentreId && KeyOf(entry.Node, by) is { } key && groupIds.TryGetValue(key, out var group))
            {
                shownAs[id] = group;
                if (members[group].Count == 0)
                {
                    nodeIds.Add(group);
                }

                members[group].Add(id);
            }
            else
            {
                shownAs[id] = id;
                nodeIds.Add(id);
            }
        }

        var inner = new Dictionary<int, int>();
        var counts = new Dictionary<(int, int, RelationshipType), int>();
        var edges = new List<GraphEdge>();
        foreach (var edge in neighbourhood.Edges)
        {
            var (source, target) = (shownAs[edge.SourceId], shownAs[edge.TargetId]);
            if (source == target)
            {
                inner[source] = inner.GetValueOrDefault(source) + 1;
                continue;
            }

            var pair = (source, target, edge.Type);
            if (counts.TryGetValue(pair, out var count))
            {
                counts[pair] = count + 1;
                continue;
            }

            counts[pair] = 1;
            edges.Add(source == edge.SourceId && target == edge.TargetId ? edge : edge with { SourceId = source, TargetId = target, RelationshipId = 0 });
        }

        var groups = groupKeys.ToDictionary(
            k => groupIds[k], k => new DiagramGroup(groupIds[k], k, members[groupIds[k]], inner.GetValueOrDefault(groupIds[k])));
        var layout = LayeredLayout.Arrange(nodeIds, edges, options);
        return new GroupedDiagram(new NeighbourhoodDiagram(neighbourhood, layout), groups, counts);
    }
}
