using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Suppliers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Writes the catalog as Backstage catalog-info YAML (one document per entity, <c>backstage.io/v1alpha1</c>), the
/// mapping of <see cref="BackstageReader"/> read backwards (BACKSTAGE.md, "Export"): domains → Domain, business
/// services → System, application services → Component, technical services → API, configuration items → Resource,
/// suppliers → Group, and the people who own or are members of them → User. Importing the export into an empty portal
/// and exporting again gives the same text; importing it into the portal it came from changes nothing.
/// </summary>
public sealed partial class BackstageExporter(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public const string ApiVersion = "backstage.io/v1alpha1";

    /// <summary>The owner written when the portal knows none: Backstage requires one, and a re-import names it in a warning.</summary>
    public const string UnknownOwner = "group:default/unknown";

    /// <summary>What an API's spec.definition says: Backstage requires one and the portal keeps none.</summary>
    public const string NoDefinition = "# Exported from ServicePortal, which keeps no API definition.\n";

    private sealed record Ref(string Kind, string Namespace, string Name)
    {
        public override string ToString() => $"{Kind}:{Namespace}/{Name}";
    }

    public async Task<string> ExportYamlAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var domains = await db.Domains.AsNoTracking().OrderBy(d => d.Key).ToListAsync(cancellationToken);
        var nodes = (await db.Nodes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
        var relationships = await db.Relationships.AsNoTracking().Select(r => new { r.SourceId, r.Type, r.TargetId }).ToListAsync(cancellationToken);
        var today = Person.Today(clock);
        var people = (await db.People.AsNoTracking().ToListAsync(cancellationToken))
            .Where(p => !Person.HasLeft(p.LeftOn, today)).OrderBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToList();
        var serviceOwners = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.NodeId != null && a.Raci == Raci.Accountable && a.ScopeType == ScopeType.Service && a.Role!.Key.ToLower() == GovernanceRoleKeys.ServiceOwner)
            .Select(a => new { NodeId = a.NodeId!.Value, a.PersonId }).ToListAsync(cancellationToken);

        var byId = nodes.ToDictionary(n => n.Id);
        var refs = new Dictionary<int, Ref>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keyAnnotated = new HashSet<int>();
        Ref Name(string kind, string key, out bool annotate)
        {
            var (ns, name, exact) = BackstageReader.EntityNameOf(kind, key);
            annotate = !exact;
            for (var n = 2; !taken.Add($"{kind}:{ns}/{name}"); n++)
            {
                annotate = true;
                var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                name = (name.Length + suffix.Length > BackstageReader.MaxNameLength ? name[..(BackstageReader.MaxNameLength - suffix.Length)] : name) + suffix;
            }

            return new Ref(kind, ns, name);
        }

        var domainRefs = new Dictionary<int, Ref>();
        var annotatedDomains = new HashSet<int>();
        foreach (var d in domains)
        {
            domainRefs[d.Id] = Name("domain", d.Key, out var annotate);
            if (annotate)
            {
                annotatedDomains.Add(d.Id);
            }
        }

        foreach (var node in nodes)
        {
            refs[node.Id] = Name(KindOf(node), node.Key, out var annotate);
            if (annotate)
            {
                keyAnnotated.Add(node.Id);
            }
        }

        var owner = new Dictionary<int, Ref>();
        var system = new Dictionary<int, Ref>();
        var parent = new Dictionary<int, Ref>();
        var dependsOn = new Dictionary<int, SortedSet<string>>();
        var consumes = new Dictionary<int, SortedSet<string>>();
        var provides = new Dictionary<int, SortedSet<string>>();
        void Add(Dictionary<int, SortedSet<string>> map, int id, Ref target) =>
            (map.TryGetValue(id, out var set) ? set : map[id] = new SortedSet<string>(StringComparer.Ordinal)).Add(target.ToString());

        foreach (var r in relationships.Where(r => byId.ContainsKey(r.SourceId) && byId.ContainsKey(r.TargetId))
                     .OrderBy(r => byId[r.SourceId].Key, StringComparer.Ordinal).ThenBy(r => byId[r.TargetId].Key, StringComparer.Ordinal))
        {
            var (source, target) = (byId[r.SourceId], byId[r.TargetId]);
            var (sourceKind, targetKind) = (KindOf(source), KindOf(target));
            switch (r.Type)
            {
                case RelationshipType.ProvidedBy when targetKind == "group" && sourceKind != "group":
                    owner.TryAdd(source.Id, refs[target.Id]);
                    break;
                case RelationshipType.ProvidedBy when sourceKind == "api" && targetKind == "component":
                    Add(provides, target.Id, refs[source.Id]);
                    break;
                case RelationshipType.PartOf when targetKind == "system" && sourceKind is "component" or "api" or "resource":
                    system.TryAdd(source.Id, refs[target.Id]);
                    break;
                case RelationshipType.PartOf when sourceKind == "component" && targetKind == "component":
                    parent.TryAdd(source.Id, refs[target.Id]);
                    break;
                case RelationshipType.DependsOn when sourceKind == "component" && targetKind == "api":
                    Add(consumes, source.Id, refs[target.Id]);
                    break;
                case RelationshipType.DependsOn when sourceKind is "component" or "resource" && targetKind != "domain":
                    Add(dependsOn, source.Id, refs[target.Id]);
                    break;
                default:
                    break; // not expressible in Backstage's spec (BACKSTAGE.md, "Export")
            }
        }

        // People: the members of exported groups and the accountable service owners, named after their e-mail address.
        var groupIds = nodes.OfType<Supplier>().Select(s => s.Id).ToHashSet();
        // A person owner is written only where no group owns the node (Backstage has one owner).
        var ownerIds = serviceOwners.Where(o => !owner.ContainsKey(o.NodeId)).Select(o => o.PersonId).ToHashSet();
        var users = new Dictionary<int, Ref>();
        foreach (var person in people.Where(p => (p.SupplierId is { } s && groupIds.Contains(s)) || ownerIds.Contains(p.Id)))
        {
            users[person.Id] = Name("user", UserName(person.Email), out _);
        }

        var userOwners = serviceOwners.Where(o => users.ContainsKey(o.PersonId) && !owner.ContainsKey(o.NodeId))
            .GroupBy(o => o.NodeId).ToDictionary(g => g.Key, g => g.Select(o => users[o.PersonId]).OrderBy(r => r.Name, StringComparer.Ordinal).First());

        string OwnerOf(Node node) => (owner.GetValueOrDefault(node.Id) ?? userOwners.GetValueOrDefault(node.Id))?.ToString() ?? UnknownOwner;

        var documents = new List<YamlMappingNode>();
        foreach (var d in domains)
        {
            var reference = domainRefs[d.Id];
            documents.Add(Entity("Domain", Metadata(reference, d.Name, d.Description, null, annotatedDomains.Contains(d.Id) ? d.Key : null),
                Map(("owner", Scalar(UnknownOwner)))));
        }

        foreach (var node in nodes.Where(n => KindOf(n) == "system"))
        {
            documents.Add(Entity("System", Metadata(refs[node.Id], node.Name, node.Description, node.Descriptor, keyAnnotated.Contains(node.Id) ? node.Key : null),
                Map(("type", Scalar(node.Descriptor.Type)), ("owner", Scalar(OwnerOf(node))), ("domain", node.DomainId is { } dom && domainRefs.TryGetValue(dom, out var dr) ? Scalar(dr.ToString()) : null))));
        }

        foreach (var node in nodes.Where(n => KindOf(n) == "component").Concat(nodes.Where(n => KindOf(n) == "api")))
        {
            var isApi = KindOf(node) == "api";
            var spec = Map(
                ("type", Scalar(Effective(node, node.Descriptor).Type)),
                ("lifecycle", Scalar(LifecycleWord(node))),
                ("owner", Scalar(OwnerOf(node))),
                ("system", system.TryGetValue(node.Id, out var s) ? Scalar(s.ToString()) : null),
                ("subcomponentOf", !isApi && parent.TryGetValue(node.Id, out var p) ? Scalar(p.ToString()) : null),
                ("providesApis", List(provides.GetValueOrDefault(node.Id))),
                ("consumesApis", List(consumes.GetValueOrDefault(node.Id))),
                ("dependsOn", isApi ? null : List(dependsOn.GetValueOrDefault(node.Id))),
                ("definition", isApi ? new YamlScalarNode(NoDefinition) { Style = ScalarStyle.Literal } : null));
            documents.Add(Entity(isApi ? "API" : "Component", Metadata(refs[node.Id], node.Name, node.Description, node.Descriptor, keyAnnotated.Contains(node.Id) ? node.Key : null), spec));
        }

        foreach (var item in nodes.OfType<ConfigurationItem>())
        {
            documents.Add(Entity("Resource", Metadata(refs[item.Id], item.Name, item.Description, item.Descriptor, keyAnnotated.Contains(item.Id) ? item.Key : null),
                Map(
                    ("type", Scalar(ResourceType(item))),
                    ("owner", Scalar(OwnerOf(item))),
                    ("system", system.TryGetValue(item.Id, out var s) ? Scalar(s.ToString()) : null),
                    ("dependsOn", List(dependsOn.GetValueOrDefault(item.Id))))));
        }

        var members = people.Where(p => p.SupplierId is { } s && groupIds.Contains(s) && users.ContainsKey(p.Id)).ToLookup(p => p.SupplierId!.Value);
        foreach (var supplier in nodes.OfType<Supplier>())
        {
            documents.Add(Entity("Group", Metadata(refs[supplier.Id], supplier.Name, supplier.Description, supplier.Descriptor, keyAnnotated.Contains(supplier.Id) ? supplier.Key : null),
                Map(
                    ("type", Scalar(GroupType(supplier))),
                    ("profile", Map(("displayName", Scalar(supplier.Name)), ("email", Scalar(supplier.ContactEmail)))),
                    ("children", new YamlSequenceNode { Style = YamlDotNet.Core.Events.SequenceStyle.Flow }),
                    ("members", List(members[supplier.Id].Select(p => users[p.Id].ToString()))))));
        }

        foreach (var person in people.Where(p => users.ContainsKey(p.Id)))
        {
            var memberOf = person.SupplierId is { } group && refs.TryGetValue(group, out var groupRef)
                ? new YamlSequenceNode(Scalar(groupRef.ToString())!)
                : new YamlSequenceNode { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

            documents.Add(Entity("User", Metadata(users[person.Id], null, null, null, null),
                Map(("profile", Map(("displayName", Scalar(person.Name)), ("email", Scalar(person.Email)))), ("memberOf", memberOf))));
        }

        var text = new StringBuilder();
        foreach (var document in documents)
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
            var yaml = writer.ToString().TrimEnd();
            yaml = yaml.EndsWith("...", StringComparison.Ordinal) ? yaml[..^3].TrimEnd() : yaml;
            text.Append("---\n").Append(yaml.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The Backstage kind a node is written as.</summary>
    internal static string KindOf(Node node) => node switch
    {
        Service { Kind: ServiceKind.Business } => "system",
        Service { Kind: ServiceKind.Technical } => "api",
        Service => "component",
        ConfigurationItem => "resource",
        _ => "group",
    };

    /// <summary>
    /// What Backstage says about a node: the descriptor with the type and lifecycle words the export writes where none
    /// is kept (or the kept one no longer fits). An import compares these, so re-importing an export, which always
    /// writes both words, changes nothing.
    /// </summary>
    internal static NodeDescriptor Effective(Node node, NodeDescriptor descriptor)
    {
        var effective = descriptor.Copy();
        switch (node)
        {
            case Service { Kind: ServiceKind.Business }:
                break;
            case Service service:
                effective.Type ??= service.Kind == ServiceKind.Technical ? "openapi" : "service";
                effective.Lifecycle = LifecycleWord(node, descriptor.Lifecycle);
                break;
            case ConfigurationItem item:
                effective.Type = ResourceType(item, descriptor.Type);
                break;
            case Supplier supplier:
                effective.Type = GroupType(supplier, descriptor.Type);
                break;
        }

        return effective;
    }

    /// <summary>
    /// The spec.lifecycle written for a node: the word it was imported with while that word still says what the node is
    /// (the portal's lifecycle and deprecated mark), else production, deprecated, experimental or retired.
    /// </summary>
    public static string LifecycleWord(Node node) => LifecycleWord(node, node.Descriptor.Lifecycle);

    private static string LifecycleWord(Node node, string? kept)
    {
        if (kept is { } word && BackstageReader.LifecycleOf(word) == (node.Lifecycle, node.Deprecated))
        {
            return word;
        }

        return node.Lifecycle switch
        {
            Lifecycle.Pipeline => "experimental",
            Lifecycle.Retired => "retired",
            _ => node.Deprecated ? "deprecated" : "production",
        };
    }

    /// <summary>The spec.type written for a resource: the imported word while it still maps onto the item's type, else the type's own word.</summary>
    public static string ResourceType(ConfigurationItem item) => ResourceType(item, item.Descriptor.Type);

    /// <summary>The spec.type written for a group: the kept word while it still says internal or external as the supplier is, else team or supplier.</summary>
    public static string GroupType(Supplier supplier) => GroupType(supplier, supplier.Descriptor.Type);

    private static string GroupType(Supplier supplier, string? kept) =>
        kept is not null && BackstageReader.IsInternalGroupType(kept) == supplier.IsInternal ? kept : supplier.IsInternal ? "team" : "supplier";

    private static string ResourceType(ConfigurationItem item, string? kept) =>
        kept is { } type && BackstageReader.CiTypeOf(type) == item.CiType
            ? type
            : item.CiType switch
            {
                CiType.Database => "database",
                CiType.Server => "server",
                CiType.NetworkLink => "network",
                CiType.SaasTenant => "saas",
                CiType.Application => "application",
                _ => "cloud",
            };

    private static string UserName(string email)
    {
        var local = email.Split('@')[0];
        var name = NotNameCharacters().Replace(local, "-").Trim('-', '_', '.');
        return name.Length == 0 ? "user" : name;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotNameCharacters();

    private static YamlMappingNode Entity(string kind, YamlMappingNode metadata, YamlMappingNode spec) =>
        Map(("apiVersion", Scalar(ApiVersion)), ("kind", Scalar(kind)), ("metadata", metadata), ("spec", spec));

    private static YamlMappingNode Metadata(Ref reference, string? title, string? description, NodeDescriptor? descriptor, string? key)
    {
        var annotations = new List<(string, YamlNode?)>();
        if (key is not null)
        {
            annotations.Add((BackstageReader.KeyAnnotation, Scalar(key)));
        }

        foreach (var a in descriptor?.Annotations ?? [])
        {
            annotations.Add((a.Key, Scalar(a.Value, always: true)));
        }

        var links = new YamlSequenceNode();
        foreach (var link in descriptor?.Links ?? [])
        {
            links.Add(Map(("url", Scalar(link.Url)), ("title", Scalar(link.Title)), ("icon", Scalar(link.Icon)), ("type", Scalar(link.Type))));
        }

        return Map(
            ("name", Scalar(reference.Name)),
            ("namespace", reference.Namespace.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : Scalar(reference.Namespace)),
            ("title", Scalar(title)),
            ("description", Scalar(description)),
            ("tags", List(descriptor?.Tags)),
            ("links", links.Children.Count == 0 ? null : links),
            ("annotations", annotations.Count == 0 ? null : Map([.. annotations])));
    }

    private static YamlMappingNode Map(params (string Key, YamlNode? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            if (value is not null && value is not YamlMappingNode { Children.Count: 0 })
            {
                map.Add(new YamlScalarNode(key), value);
            }
        }

        return map;
    }

    private static YamlSequenceNode? List(IEnumerable<string>? items)
    {
        var list = items?.Select(i => (YamlNode)Scalar(i)!).ToList();
        return list is null || list.Count == 0 ? null : new YamlSequenceNode(list);
    }

    /// <summary>A string scalar; quoted when YAML would read it as something else (true, 12, null, ~…), so every reader gets text back.</summary>
    private static YamlScalarNode? Scalar(string? value, bool always = false)
    {
        if (value is null)
        {
            return always ? new YamlScalarNode("") { Style = ScalarStyle.DoubleQuoted } : null;
        }

        return new YamlScalarNode(value) { Style = LooksTyped().IsMatch(value) || value.Length == 0 ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?i:true|false|yes|no|on|off|y|n|null)|~|\d{4}-\d\d?-\d\d?.*)$")]
    private static partial Regex LooksTyped();
}
