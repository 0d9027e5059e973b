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

    /// <summary>Backstage's own bound on a tag.</summary>
    public const int MaxTagLength = 63;

    /// <summary>Backstage's own bound on an annotation key: a 253-character prefix, '/', and a 63-character name.</summary>
    public const int MaxAnnotationKeyLength = 317;

    public const int MaxUrlLength = 2048;

    // The one set of rules for what a descriptor may hold, whichever way it comes: a Backstage import leaves out (with
    // a warning) a part that breaks them, a bundle refuses it, so whatever is stored exports and loads again.

    /// <summary>What is wrong with a type or lifecycle word ("is 120 characters long; …"), or null.</summary>
    public static string? WordProblem(string? word) =>
        word is null ? null
        : word.Length > FieldLengths.Short ? $"is {word.Length} characters long; at most {FieldLengths.Short} are allowed"
        : TextRules.Problem(word);

    /// <summary>What is wrong with a tag, or null.</summary>
    public static string? TagProblem(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? "is empty"
        : tag.Length > MaxTagLength ? $"'{Shorten(tag)}' is {tag.Length} characters long; at most {MaxTagLength} are allowed"
        : tag.Any(char.IsWhiteSpace) ? $"'{tag}' must not contain spaces"
        : TextRules.Problem(tag) is { } text ? $"'{Shorten(tag)}' {text}"
        : null;

    /// <summary>What is wrong with a link, as (its field: url, title, icon or type; the problem), or null.</summary>
    public static (string Field, string Message)? LinkProblem(NodeWebLink link)
    {
        if (string.IsNullOrWhiteSpace(link.Url))
        {
            return ("url", "is required");
        }

        if (link.Url.Length > MaxUrlLength)
        {
            return ("url", $"is {link.Url.Length} characters long; at most {MaxUrlLength} are allowed");
        }

        if (TextRules.Problem(link.Url) is { } text)
        {
            return ("url", text);
        }

        if (link.Url.Any(char.IsWhiteSpace) || !Uri.TryCreate(link.Url, UriKind.Absolute, out _))
        {
            return ("url", $"'{Shorten(link.Url)}' is not an absolute address (e.g. https://docs.example/orders)");
        }

        foreach (var (field, value, max) in new[] { ("title", link.Title, FieldLengths.Name), ("icon", link.Icon, FieldLengths.Short), ("type", link.Type, FieldLengths.Short) })
        {
            if (value is not null && value.Length > max)
            {
                return (field, $"is {value.Length} characters long; at most {max} are allowed");
            }

            if (TextRules.Problem(value) is { } problem)
            {
                return (field, problem);
            }
        }

        return null;
    }

    /// <summary>What is wrong with an annotation, or null.</summary>
    public static string? AnnotationProblem(string? key, string? value) =>
        string.IsNullOrWhiteSpace(key) ? "has an empty key"
        : key.Length > MaxAnnotationKeyLength ? $"key '{Shorten(key)}' is {key.Length} characters long; at most {MaxAnnotationKeyLength} are allowed"
        : TextRules.Problem(key) is { } keyText ? $"key '{Shorten(key)}' {keyText}"
        : value is null ? $"'{key}' has no value"
        : value.Length > FieldLengths.Description ? $"'{key}' has a value of {value.Length} characters; at most {FieldLengths.Description} are allowed"
        : TextRules.Problem(value, allowLineBreaks: true) is { } valueText ? $"'{key}' value {valueText}"
        : null;

    /// <summary>
    /// Every problem of this descriptor as (field, problem): <c>type</c>, <c>lifecycle</c>, <c>tags item 2</c>,
    /// <c>links item 1 url</c>, <c>annotations</c>. Empty when it may be stored.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        foreach (var (field, word) in new[] { ("type", Type), ("lifecycle", Lifecycle) })
        {
            if (WordProblem(word) is { } problem)
            {
                yield return (field, problem);
            }
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Tags.Count; i++)
        {
            if (TagProblem(Tags[i]) is { } problem)
            {
                yield return ($"tags item {i + 1}", problem);
            }
            else if (!tags.Add(Tags[i]))
            {
                yield return ($"tags item {i + 1}", $"'{Tags[i]}' is repeated");
            }
        }

        for (var i = 0; i < Links.Count; i++)
        {
            if (LinkProblem(Links[i]) is { } problem)
            {
                yield return ($"links item {i + 1} {problem.Field}", problem.Message);
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var annotation in Annotations)
        {
            if (AnnotationProblem(annotation.Key, annotation.Value) is { } problem)
            {
                yield return ("annotations", problem);
            }
            else if (!keys.Add(annotation.Key))
            {
                yield return ("annotations", $"'{annotation.Key}' is repeated");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

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
