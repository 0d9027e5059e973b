using System.Text;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Suppliers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Reads Backstage catalog files (catalog-info.yaml, one or more YAML documents each) and maps them onto the portal's
/// concepts; the mapping is documented in BACKSTAGE.md beside this file. Keys are derived from kind, namespace and name
/// (e.g. component "checkout" → CMP-checkout) unless the entity carries the annotation <c>serviceportal.io/key</c>, so a
/// re-import finds the same entries. What the portal does not model (users and their groups' membership, locations,
/// templates, domain ownership) is named in warnings, never dropped silently.
/// </summary>
internal static class BackstageReader
{
    public const string KeyAnnotation = "serviceportal.io/key";

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["domain"] = "DOM-", ["system"] = "SYS-", ["component"] = "CMP-", ["resource"] = "RES-", ["api"] = "API-", ["group"] = "GRP-",
    };

    private sealed record Entity(string Where, string Kind, string Namespace, string Name, YamlMappingNode Metadata, YamlMappingNode? Spec, YamlSequenceNode? Relations);

    public static ImportSet Parse(IReadOnlyList<ImportFile> files)
    {
        var set = new ImportSet();
        var entities = new List<Entity>();
        foreach (var file in files)
        {
            if (!Load(file, set, entities))
            {
                return set;
            }
        }

        // Keys first, so that references can use the key annotation of the entity they point at.
        var keys = new Dictionary<(string Kind, string Namespace, string Name), string>();
        foreach (var e in entities.Where(e => Prefixes.ContainsKey(e.Kind)))
        {
            keys.TryAdd((e.Kind.ToLowerInvariant(), e.Namespace, e.Name), Text(Child(e.Metadata, "annotations"), KeyAnnotation) ?? DerivedKey(e.Kind, e.Namespace, e.Name));
        }

        string KeyOf(string kind, string ns, string name) =>
            keys.TryGetValue((kind.ToLowerInvariant(), ns, name), out var key) ? key : DerivedKey(kind, ns, name);

        var systemDomains = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entities.Where(e => e.Kind.Equals("system", StringComparison.OrdinalIgnoreCase)))
        {
            if (Text(e.Spec, "domain") is { } domainRef && Ref(domainRef, "domain", e.Namespace) is { } d)
            {
                systemDomains[KeyOf("system", e.Namespace, e.Name)] = KeyOf(d.Kind, d.Namespace, d.Name);
            }
        }

        var relationships = new Dictionary<(string, RelationshipType, string), RelationshipDraft>();
        var users = 0;
        var skippedKinds = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var unsupported = new List<string>();

        foreach (var e in entities)
        {
            var kind = e.Kind.ToLowerInvariant();
            var key = Prefixes.ContainsKey(kind) ? KeyOf(kind, e.Namespace, e.Name) : "";
            var title = Text(e.Metadata, "title") ?? e.Name;
            var description = Text(e.Metadata, "description");
            var errors = new List<ImportIssue>();

            void Relate(string field, string reference, string defaultKind, Func<string, RelationshipDraft> make)
            {
                if (Ref(reference, defaultKind, e.Namespace) is not { } target)
                {
                    errors.Add(new ImportIssue(e.Where, field, $"'{reference}' is not an entity reference ([kind:][namespace/]name)"));
                    return;
                }

                if (!Prefixes.ContainsKey(target.Kind) || target.Kind.Equals("domain", StringComparison.OrdinalIgnoreCase))
                {
                    unsupported.Add($"{e.Where}: {field} '{reference}' points at a {target.Kind}, which is not a node of the portal");
                    return;
                }

                var draft = make(KeyOf(target.Kind, target.Namespace, target.Name));
                relationships.TryAdd((draft.From, draft.Type, draft.To), draft);
            }

            void Common()
            {
                if (Text(e.Spec, "owner") is { } owner)
                {
                    Relate("spec.owner", owner, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to));
                }

                if (Text(e.Spec, "system") is { } system)
                {
                    Relate("spec.system", system, "system", to => new RelationshipDraft(e.Where, key, RelationshipType.PartOf, to));
                }

                foreach (var dependency in Texts(e.Spec, "dependsOn"))
                {
                    Relate("spec.dependsOn", dependency, "component", to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to));
                }

                foreach (var relation in e.Relations?.Children.OfType<YamlMappingNode>() ?? [])
                {
                    var type = Text(relation, "type");
                    var targetRef = Text(relation, "targetRef") ?? Text(relation, "target");
                    if (type is null || targetRef is null)
                    {
                        continue;
                    }

                    switch (type)
                    {
                        case "ownedBy": Relate("relations.ownedBy", targetRef, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to)); break;
                        case "dependsOn": Relate("relations.dependsOn", targetRef, "component", to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to)); break;
                        case "partOf": Relate("relations.partOf", targetRef, "system", to => new RelationshipDraft(e.Where, key, RelationshipType.PartOf, to)); break;
                        case "providesApi": Relate("relations.providesApi", targetRef, "api", api => new RelationshipDraft(e.Where, api, RelationshipType.ProvidedBy, key)); break;
                        case "consumesApi": Relate("relations.consumesApi", targetRef, "api", to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to)); break;
                        case "memberOf": break; // users are not imported; reported once below
                        default: break; // the inverse relations (ownerOf, hasPart, dependencyOf, apiProvidedBy, …) are covered by the other end
                    }
                }
            }

            switch (kind)
            {
                case "domain":
                    set.Domains.Add(new DomainDraft(e.Where, key, title, description));
                    if (Text(e.Spec, "owner") is not null || Text(e.Spec, "subdomainOf") is not null)
                    {
                        unsupported.Add($"{e.Where}: spec.owner / spec.subdomainOf of a Domain are not imported (domain accountability is a governance role assignment)");
                    }

                    continue;

                case "system":
                    set.Nodes.Add(Node(e, key, NodeType.Service, title, description) with
                    {
                        Kind = ServiceKind.Business,
                        Domain = systemDomains.GetValueOrDefault(key),
                    });
                    if (Text(e.Spec, "owner") is { } systemOwner)
                    {
                        Relate("spec.owner", systemOwner, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to));
                    }

                    foreach (var relation in e.Relations?.Children.OfType<YamlMappingNode>() ?? [])
                    {
                        if (Text(relation, "type") == "ownedBy" && Text(relation, "targetRef") is { } r)
                        {
                            Relate("relations.ownedBy", r, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to));
                        }
                    }

                    break;

                case "component":
                case "api":
                    var system0 = Text(e.Spec, "system") is { } s0 && Ref(s0, "system", e.Namespace) is { } sr ? KeyOf(sr.Kind, sr.Namespace, sr.Name) : null;
                    set.Nodes.Add(Node(e, key, NodeType.Service, title, description) with
                    {
                        Kind = kind == "api" ? ServiceKind.Technical : ServiceKind.Application,
                        Lifecycle = Lifecycle(e, unsupported),
                        Domain = system0 is not null ? systemDomains.GetValueOrDefault(system0) : null,
                    });
                    Common();
                    if (Text(e.Spec, "subcomponentOf") is { } parent)
                    {
                        Relate("spec.subcomponentOf", parent, "component", to => new RelationshipDraft(e.Where, key, RelationshipType.PartOf, to));
                    }

                    foreach (var api in Texts(e.Spec, "providesApis"))
                    {
                        Relate("spec.providesApis", api, "api", apiKey => new RelationshipDraft(e.Where, apiKey, RelationshipType.ProvidedBy, key));
                    }

                    foreach (var api in Texts(e.Spec, "consumesApis"))
                    {
                        Relate("spec.consumesApis", api, "api", to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to));
                    }

                    break;

                case "resource":
                    var system1 = Text(e.Spec, "system") is { } s1 && Ref(s1, "system", e.Namespace) is { } sr1 ? KeyOf(sr1.Kind, sr1.Namespace, sr1.Name) : null;
                    set.Nodes.Add(Node(e, key, NodeType.ConfigurationItem, title, description) with
                    {
                        CiType = CiTypeOf(Text(e.Spec, "type")),
                        Domain = system1 is not null ? systemDomains.GetValueOrDefault(system1) : null,
                    });
                    Common();
                    break;

                case "group":
                    var profile = Child(e.Spec, "profile");
                    set.Nodes.Add(Node(e, key, NodeType.Supplier, Text(profile, "displayName") ?? title, description) with
                    {
                        IsInternal = true,
                        ContactEmail = Text(profile, "email"),
                    });
                    if (Text(e.Spec, "parent") is not null)
                    {
                        unsupported.Add($"{e.Where}: spec.parent is not imported (the portal keeps no team hierarchy)");
                    }

                    continue;

                case "user":
                    users++;
                    continue;

                default:
                    skippedKinds[e.Kind] = skippedKinds.GetValueOrDefault(e.Kind) + 1;
                    continue;
            }

            if (errors.Count > 0)
            {
                set.Nodes.RemoveAll(n => n.Key == key && n.Where == e.Where);
                set.Invalid.Add(new ImportItem(e.Where, (kind == "resource" ? NodeType.ConfigurationItem : NodeType.Service).Title(), key, title, ImportChange.Error, [], errors));
            }
        }

        set.Relationships.AddRange(relationships.Values);
        if (users > 0)
        {
            set.Warnings.Add(new ImportIssue("catalog", "", $"{users} User entities and their memberOf relations are not imported: people and the roles they hold are kept under Governance."));
        }

        foreach (var (kind, count) in skippedKinds)
        {
            set.Warnings.Add(new ImportIssue("catalog", "", $"{count} {kind} entities are not imported: the portal has no such concept."));
        }

        set.Warnings.AddRange(unsupported.Select(u => new ImportIssue("catalog", "", u)));
        return set;
    }

    private static bool Load(ImportFile file, ImportSet set, List<Entity> entities)
    {
        var stream = new YamlStream();
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file.Content);
            if (YamlLimits.Check(text) is { } tooCostly)
            {
                set.FileError = $"{file.Name} is refused: {tooCostly}";
                return false;
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            set.FileError = $"{file.Name} is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}";
            return false;
        }
        catch (DecoderFallbackException)
        {
            set.FileError = $"{file.Name} is not UTF-8 text.";
            return false;
        }

        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            var at = $"{file.Name} document {i + 1} (line {root.Start.Line})";
            if (root is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document, e.g. after a trailing ---
            }

            if (root is not YamlMappingNode map)
            {
                set.Invalid.Add(new ImportItem(at, "Entity", "", "", ImportChange.Error, [], [new ImportIssue(at, "", "a document must be an entity (a mapping with apiVersion, kind, metadata)")]));
                continue;
            }

            var kind = Text(map, "kind");
            var metadata = Child(map, "metadata");
            var name = Text(metadata, "name");
            var problems = new List<ImportIssue>();
            if (Text(map, "apiVersion") is not { } apiVersion || !apiVersion.StartsWith("backstage.io/", StringComparison.Ordinal))
            {
                problems.Add(new ImportIssue(at, "apiVersion", "apiVersion must be a backstage.io version, e.g. backstage.io/v1alpha1"));
            }

            if (kind is null)
            {
                problems.Add(new ImportIssue(at, "kind", "kind is required"));
            }

            if (metadata is null || name is null)
            {
                problems.Add(new ImportIssue(at, "metadata.name", "metadata.name is required"));
            }

            if (problems.Count > 0)
            {
                set.Invalid.Add(new ImportItem(at, kind ?? "Entity", name ?? "", name ?? "", ImportChange.Error, [], problems));
                continue;
            }

            var ns = Text(metadata, "namespace") ?? "default";
            entities.Add(new Entity($"{kind} {(ns == "default" ? "" : ns + "/")}{name} ({file.Name} document {i + 1})", kind!, ns, name!, metadata!, Child(map, "spec"), map.Children.TryGetValue(new YamlScalarNode("relations"), out var r) ? r as YamlSequenceNode : null));
        }

        return true;
    }

    private static NodeDraft Node(Entity e, string key, NodeType type, string name, string? description) =>
        new(e.Where, type, key, name) { Description = description };

    private static Lifecycle? Lifecycle(Entity e, List<string> unsupported)
    {
        switch (Text(e.Spec, "lifecycle")?.ToLowerInvariant())
        {
            case null:
                return null;
            case "production" or "live" or "stable":
                return Catalog.Lifecycle.Live;
            case "experimental" or "development" or "beta" or "alpha" or "pipeline":
                return Catalog.Lifecycle.Pipeline;
            case "deprecated" or "retired" or "end-of-life":
                return Catalog.Lifecycle.Retired;
            case var other:
                unsupported.Add($"{e.Where}: spec.lifecycle '{other}' is not a lifecycle the portal knows; imported as Live");
                return Catalog.Lifecycle.Live;
        }
    }

    private static CiType CiTypeOf(string? type) => type?.ToLowerInvariant() switch
    {
        null => CiType.CloudResource,
        var t when t.Contains("database", StringComparison.Ordinal) || t is "db" or "postgres" or "postgresql" or "mysql" or "mongodb" or "redis" => CiType.Database,
        var t when t.Contains("server", StringComparison.Ordinal) || t is "vm" or "host" or "virtual-machine" => CiType.Server,
        var t when t.Contains("network", StringComparison.Ordinal) || t is "vpn" or "link" or "mpls" => CiType.NetworkLink,
        var t when t.Contains("saas", StringComparison.Ordinal) => CiType.SaasTenant,
        "application" => CiType.Application,
        _ => CiType.CloudResource,
    };

    /// <summary>Parses "[kind:][namespace/]name".</summary>
    private static (string Kind, string Namespace, string Name)? Ref(string reference, string defaultKind, string defaultNamespace)
    {
        var text = reference.Trim();
        var kind = defaultKind;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = text[..colon];
            text = text[(colon + 1)..];
        }

        var ns = defaultNamespace;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = text[..slash];
            text = text[(slash + 1)..];
        }

        return kind.Length == 0 || ns.Length == 0 || text.Length == 0 ? null : (kind.ToLowerInvariant(), ns, text);
    }

    private static string DerivedKey(string kind, string ns, string name) =>
        Prefixes.GetValueOrDefault(kind, kind.ToUpperInvariant() + "-") + (ns == "default" ? "" : ns + ".") + name;

    private static YamlMappingNode? Child(YamlMappingNode? map, string name) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node as YamlMappingNode : null;

    private static string? Text(YamlMappingNode? map, string name) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(name), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : null;

    private static IEnumerable<string> Texts(YamlMappingNode? map, string name) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(name), out var node)
            ? node switch
            {
                YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()),
                YamlScalarNode { Value: { Length: > 0 } single } => [single.Trim()],
                _ => [],
            }
            : [];
}
