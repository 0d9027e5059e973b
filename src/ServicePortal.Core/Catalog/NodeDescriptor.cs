namespace ServicePortal.Core.Catalog;

/// <summary>
/// What a developer catalog such as Backstage says about a node beyond the portal's own fields: its type and lifecycle
/// in the catalog's own words, its tags, links and annotations. Kept (one JSON column) so that an import drops nothing
/// and an export gives it back; shown on the node page.
/// </summary>
public sealed class NodeDescriptor
{
    /// <summary>The catalog's type word (Backstage <c>spec.type</c>: service, website, openapi, database, team…).</summary>
    public string? Type { get; set; }

    /// <summary>The catalog's lifecycle word (Backstage <c>spec.lifecycle</c>: production, experimental, deprecated, beta…).</summary>
    public string? Lifecycle { get; set; }

    // A row stored before descriptors existed holds "{}" (the migration's default): its lists read as empty, not null.
    // The fields are named so that EF does not find them by convention and goes through the setters.
    private List<string> _tagList = [];
    private List<NodeWebLink> _linkList = [];
    private List<NodeAnnotation> _annotationList = [];

    public List<string> Tags { get => _tagList; set => _tagList = value ?? []; }

    public List<NodeWebLink> Links { get => _linkList; set => _linkList = value ?? []; }

    /// <summary>Annotations, ordered by key.</summary>
    public List<NodeAnnotation> Annotations { get => _annotationList; set => _annotationList = value ?? []; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Type is null && Lifecycle is null && Tags.Count == 0 && Links.Count == 0 && Annotations.Count == 0;

    public NodeDescriptor Copy() => new()
    {
        Type = Type,
        Lifecycle = Lifecycle,
        Tags = [.. Tags],
        Links = [.. Links.Select(l => new NodeWebLink { Url = l.Url, Title = l.Title, Icon = l.Icon, Type = l.Type })],
        Annotations = [.. Annotations.Select(a => new NodeAnnotation { Key = a.Key, Value = a.Value })],
    };

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The descriptor as stored: JSON text; "{}" (a row from before descriptors) reads as an empty one.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static NodeDescriptor FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new NodeDescriptor() : System.Text.Json.JsonSerializer.Deserialize<NodeDescriptor>(json, Json) ?? new NodeDescriptor();

    /// <summary>How EF stores a descriptor: its JSON text.</summary>
    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<NodeDescriptor, string> Converter { get; } =
        new(d => d.ToJson(), json => FromJson(json));

    /// <summary>Two descriptors are the same when their JSON is; a snapshot is a copy, so a tag added in place is a change.</summary>
    public static Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<NodeDescriptor> Comparer { get; } = new(
        (a, b) => ReferenceEquals(a, b) || (a != null && b != null && a.ToJson() == b.ToJson()),
        d => d.ToJson().GetHashCode(StringComparison.Ordinal),
        d => d.Copy());

    /// <summary>The fields (type, lifecycle word, tags, links, annotations) in which two descriptors differ, for an import's preview.</summary>
    public static IEnumerable<string> Differences(NodeDescriptor before, NodeDescriptor after)
    {
        if (!string.Equals(before.Type, after.Type, StringComparison.Ordinal))
        {
            yield return "type";
        }

        if (!string.Equals(before.Lifecycle, after.Lifecycle, StringComparison.Ordinal))
        {
            yield return "lifecycleText";
        }

        if (!before.Tags.SequenceEqual(after.Tags, StringComparer.Ordinal))
        {
            yield return "tags";
        }

        if (!before.Links.Select(l => (l.Url, l.Title, l.Icon, l.Type)).SequenceEqual(after.Links.Select(l => (l.Url, l.Title, l.Icon, l.Type))))
        {
            yield return "links";
        }

        if (!before.Annotations.Select(a => (a.Key, a.Value)).SequenceEqual(after.Annotations.Select(a => (a.Key, a.Value))))
        {
            yield return "annotations";
        }
    }
}

/// <summary>A link of a node (Backstage <c>metadata.links</c>): documentation, a dashboard, the repository.</summary>
public sealed class NodeWebLink
{
    public required string Url { get; set; }

    public string? Title { get; set; }

    public string? Icon { get; set; }

    public string? Type { get; set; }

    /// <summary>Only absolute http and https addresses are shown as links; anything else (javascript:, file:, relative) is shown as text.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSafe => IsSafeUrl(Url);

    public static bool IsSafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>One annotation of a node (Backstage <c>metadata.annotations</c>), e.g. <c>github.com/project-slug: acme/orders</c>.</summary>
public sealed class NodeAnnotation
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
