using ServicePortal.Core.Cmdb;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>
/// A dependency path worded as a sentence with the Core's relationship wording (<see cref="RelationshipText"/>):
/// "Parcel tracking depends on Parcel carrier API." or, over several hops, "Checkout depends on Payments, which
/// depends on Payment gateway."
/// </summary>
public static class PathText
{
    public static string Sentence(DependencyPath path, GraphIndex index)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(index);
        if (path.Edges.Count == 0)
        {
            return path.NodeIds.Count == 0 ? "" : Name(index, path.NodeIds[0]) + ".";
        }

        // Read from the end whose edge starts there (the dependant), so the chain reads "A depends on B, which …".
        var edges = path.Edges[^1].SourceId == path.NodeIds[^1] ? path.Edges.Reverse() : path.Edges;
        var text = new System.Text.StringBuilder();
        int? previousTarget = null;
        foreach (var edge in edges)
        {
            var verb = RelationshipText.Verb(edge.Type);
            if (previousTarget == edge.SourceId)
            {
                text.Append(", which ").Append(verb).Append(' ').Append(Name(index, edge.TargetId));
            }
            else
            {
                if (previousTarget is not null)
                {
                    text.Append("; ");
                }

                text.Append(Name(index, edge.SourceId)).Append(' ').Append(verb).Append(' ').Append(Name(index, edge.TargetId));
            }

            previousTarget = edge.TargetId;
        }

        return text.Append('.').ToString();
    }

    private static string Name(GraphIndex index, int id) => index.TryGetNode(id, out var node) ? node.Name : $"#{id}";
}
