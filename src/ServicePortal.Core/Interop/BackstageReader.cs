using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
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
internal static partial class BackstageReader
{
    public const string KeyAnnotation = "serviceportal.io/key";

    /// <summary>Backstage's limit on metadata.name and metadata.namespace.</summary>
    public const int MaxNameLength = 63;

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["domain"] = "DOM-", ["system"] = "SYS-", ["component"] = "CMP-", ["resource"] = "RES-", ["api"] = "API-", ["group"] = "GRP-",
    };

    private sealed record Entity(string File, string Where, string Kind, string Namespace, string Name, YamlMappingNode Metadata, YamlMappingNode? Spec, YamlSequenceNode? Relations)
    {
        public (string Kind, string Namespace, string Name) Id => (Kind.ToLowerInvariant(), Namespace.ToLowerInvariant(), Name.ToLowerInvariant());
    }

    /// <summary>An entity of a kind the portal does not hold (User, Template, …); reported, by kind and file, as a warning, whatever else is wrong with it.</summary>
    private sealed record Skipped(string File, string Kind, string? ApiVersion);

    public static ImportSet Parse(IReadOnlyList<ImportFile> files)
    {
        var set = new ImportSet();
        var entities = new List<Entity>();
        var skipped = new List<Skipped>();
        var uploaded = files.Select(f => FileName(f.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (!Load(file, uploaded, set, entities, skipped))
            {
                return set;
            }
        }

        // Keys first, so that references can use the key annotation of the entity they point at. Backstage matches
        // references case-insensitively; the key keeps the spelling of the entity's own metadata.
        var keys = new Dictionary<(string Kind, string Namespace, string Name), string>();
        foreach (var e in entities.Where(e => Prefixes.ContainsKey(e.Kind)))
        {
            keys.TryAdd(e.Id, Text(Child(e.Metadata, "annotations"), KeyAnnotation) ?? DerivedKey(e.Kind, e.Namespace, e.Name));
        }

        string KeyOf(string kind, string ns, string name) =>
            keys.TryGetValue((kind.ToLowerInvariant(), ns.ToLowerInvariant(), name.ToLowerInvariant()), out var key) ? key : DerivedKey(kind, ns, name);

        bool Uploaded(string kind, string ns, string name) => keys.ContainsKey((kind.ToLowerInvariant(), ns.ToLowerInvariant(), name.ToLowerInvariant()));

        var relationships = new Dictionary<(string, RelationshipType, string), RelationshipDraft>();
        var warnings = new List<ImportIssue>();
        var people = People(entities, KeyOf, Uploaded, set, warnings);
        var assignments = new Dictionary<(string Email, string Role, string Node), AssignmentDraft>();

        // A domain named by a system: the domain of the system's services unless neither the upload nor the portal holds it.
        var systemDomains = new Dictionary<string, string>(StringComparer.Ordinal);
        var domainReferences = new List<(Entity Entity, string Reference, string Key)>();
        foreach (var e in entities.Where(e => e.Kind.Equals("system", StringComparison.OrdinalIgnoreCase)))
        {
            if (Text(e.Spec, "domain") is { } domainRef)
            {
                if (Ref(domainRef, "domain", e.Namespace) is { Kind: "domain" } d)
                {
                    var domainKey = KeyOf(d.Kind, d.Namespace, d.Name);
                    systemDomains[KeyOf("system", e.Namespace, e.Name)] = domainKey;
                    if (!Uploaded(d.Kind, d.Namespace, d.Name))
                    {
                        domainReferences.Add((e, domainRef, domainKey));
                    }
                }
                else
                {
                    warnings.Add(new ImportIssue(e.Where, "spec.domain", $"'{domainRef}' is not a reference to a Domain; the system is imported without a domain"));
                }
            }
        }

        var notKept = new SortedDictionary<(string File, string Field), int>();
        foreach (var e in entities)
        {
            var kind = e.Kind.ToLowerInvariant();
            var key = KeyOf(kind, e.Namespace, e.Name);
            foreach (var field in NotKept(e))
            {
                notKept[(e.File, field)] = notKept.GetValueOrDefault((e.File, field)) + 1;
            }

            var title = Text(e.Metadata, "title") ?? e.Name;
            var description = Text(e.Metadata, "description");
            var errors = new List<ImportIssue>();

            // field: where Backstage has it (spec.owner, relations.ownedBy); defaultKind: Backstage's default for it (null: the kind is required).
            void Relate(string field, string reference, string? defaultKind, Func<string, RelationshipDraft> make)
            {
                if (Ref(reference, defaultKind ?? "", e.Namespace) is not { } target)
                {
                    errors.Add(new ImportIssue(e.Where, field, $"'{reference}' is not an entity reference ([kind:][namespace/]name)"));
                    return;
                }

                if (target.Kind.Length == 0)
                {
                    // dependsOn needs a kind in Backstage; a component or resource of that name in the upload is meant.
                    var (ns, name) = (target.Namespace, target.Name);
                    if (new[] { "component", "resource" }.FirstOrDefault(k => Uploaded(k, ns, name)) is not { } uploadedKind)
                    {
                        warnings.Add(new ImportIssue(e.Where, field, $"'{reference}' names no kind (write component:{reference.Trim()} or resource:{reference.Trim()}) and no component or resource of that name is in the uploaded files; the relationship is skipped"));
                        return;
                    }

                    target = (uploadedKind, ns, name);
                }

                if (target.Kind == "user" && field is "spec.owner" or "relations.ownedBy")
                {
                    OwnedBy(field, reference, target);
                    return;
                }

                if (!Prefixes.ContainsKey(target.Kind) || target.Kind == "domain")
                {
                    warnings.Add(new ImportIssue(e.Where, field, $"'{reference}' points at a {target.Kind}, which is not a node of the portal; the relationship is skipped"));
                    return;
                }

                if (target.Kind == "group" && field is "spec.owner" or "relations.ownedBy")
                {
                    OwnedBy(field, reference, target);
                }

                var draft = make(KeyOf(target.Kind, target.Namespace, target.Name));
                if (!Uploaded(target.Kind, target.Namespace, target.Name))
                {
                    draft = draft with
                    {
                        SkipWhenMissing = new ImportIssue(e.Where, field,
                            $"'{reference}' ({target.Kind}:{target.Namespace}/{target.Name}) is neither in the uploaded files nor in the portal; the relationship is skipped"),
                    };
                }

                relationships.TryAdd((draft.From, draft.Type, draft.To), draft);
            }

            // An owner that is a User is the service's accountable owner; the members of an owning Group are its owning team.
            void OwnedBy(string field, string reference, (string Kind, string Namespace, string Name) owner)
            {
                var isService = kind is "component" or "api" or "system";
                var id = (owner.Kind, owner.Namespace.ToLowerInvariant(), owner.Name.ToLowerInvariant());
                if (owner.Kind == "user")
                {
                    if (!people.Emails.TryGetValue(id, out var email))
                    {
                        warnings.Add(new ImportIssue(e.Where, field, $"'{reference}' is a User that is not among the uploaded files (or has no spec.profile.email); the ownership is skipped"));
                    }
                    else if (!isService)
                    {
                        warnings.Add(new ImportIssue(e.Where, field, $"'{reference}' is a User; the portal holds no role over a {kind}, so the ownership is skipped"));
                    }
                    else
                    {
                        assignments.TryAdd((email, GovernanceRoleKeys.ServiceOwner, key), new AssignmentDraft(e.Where, email, GovernanceRoleKeys.ServiceOwner, key));
                    }

                    return;
                }

                foreach (var email in isService ? people.Members[id] : [])
                {
                    assignments.TryAdd((email, GovernanceRoleKeys.OwningTeam, key), new AssignmentDraft(e.Where, email, GovernanceRoleKeys.OwningTeam, key));
                }
            }

            void Owner()
            {
                if (Text(e.Spec, "owner") is { } owner)
                {
                    Relate("spec.owner", owner, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to));
                }
            }

            void Common()
            {
                Owner();
                if (Text(e.Spec, "system") is { } system)
                {
                    Relate("spec.system", system, "system", to => new RelationshipDraft(e.Where, key, RelationshipType.PartOf, to));
                }

                foreach (var dependency in Texts(e.Spec, "dependsOn"))
                {
                    Relate("spec.dependsOn", dependency, null, to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to));
                }
            }

            void Relations(bool ownerOnly)
            {
                foreach (var relation in e.Relations?.Children.OfType<YamlMappingNode>() ?? [])
                {
                    var type = Text(relation, "type");
                    var targetRef = Text(relation, "targetRef") ?? Text(relation, "target");
                    if (type is null || targetRef is null || (ownerOnly && type != "ownedBy"))
                    {
                        continue;
                    }

                    switch (type)
                    {
                        case "ownedBy": Relate("relations.ownedBy", targetRef, "group", to => new RelationshipDraft(e.Where, key, RelationshipType.ProvidedBy, to)); break;
                        case "dependsOn": Relate("relations.dependsOn", targetRef, null, to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to)); break;
                        case "partOf": Relate("relations.partOf", targetRef, "system", to => new RelationshipDraft(e.Where, key, RelationshipType.PartOf, to)); break;
                        case "providesApi": Relate("relations.providesApi", targetRef, "api", api => new RelationshipDraft(e.Where, api, RelationshipType.ProvidedBy, key)); break;
                        case "consumesApi": Relate("relations.consumesApi", targetRef, "api", to => new RelationshipDraft(e.Where, key, RelationshipType.DependsOn, to)); break;
                        default: break; // the inverse relations (ownerOf, hasPart, dependencyOf, apiProvidedBy, …) are covered by the other end
                    }
                }
            }

            string? SystemDomain() =>
                Text(e.Spec, "system") is { } s && Ref(s, "system", e.Namespace) is { } sr ? systemDomains.GetValueOrDefault(KeyOf(sr.Kind, sr.Namespace, sr.Name)) : null;

            switch (kind)
            {
                case "domain":
                    set.Domains.Add(new DomainDraft(e.Where, key, title, description));
                    if (Text(e.Spec, "owner") is not null)
                    {
                        warnings.Add(new ImportIssue(e.Where, "spec.owner", "the owner of a Domain is not imported (domain accountability is a governance role assignment)"));
                    }

                    if (Text(e.Spec, "subdomainOf") is not null)
                    {
                        warnings.Add(new ImportIssue(e.Where, "spec.subdomainOf", "the portal keeps no domain hierarchy; not imported"));
                    }

                    continue;

                case "system":
                    set.Nodes.Add(Node(e, key, NodeType.Service, title, description, warnings) with
                    {
                        Kind = ServiceKind.Business,
                        Domain = systemDomains.GetValueOrDefault(key),
                    });
                    Owner();
                    Relations(ownerOnly: true);
                    break;

                case "component":
                case "api":
                    var (lifecycle, deprecated) = Lifecycle(e, warnings);
                    set.Nodes.Add(Node(e, key, NodeType.Service, title, description, warnings) with
                    {
                        Kind = kind == "api" ? ServiceKind.Technical : ServiceKind.Application,
                        Lifecycle = lifecycle,
                        Deprecated = deprecated,
                        Domain = SystemDomain(),
                    });
                    Common();
                    Relations(ownerOnly: false);
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
                    var type = Text(e.Spec, "type");
                    if (CiTypeOf(type) is not { } ciType)
                    {
                        ciType = CiType.CloudResource;
                        warnings.Add(new ImportIssue(e.Where, "spec.type", $"'{type}' is not a resource type the portal maps; imported as a cloud resource"));
                    }

                    set.Nodes.Add(Node(e, key, NodeType.ConfigurationItem, title, description, warnings) with { CiType = ciType, Domain = SystemDomain() });
                    Common();
                    Relations(ownerOnly: false);
                    break;

                case "group":
                    var profile = Child(e.Spec, "profile");
                    set.Nodes.Add(Node(e, key, NodeType.Supplier, Text(profile, "displayName") ?? title, description, warnings) with
                    {
                        IsInternal = IsInternalGroupType(Text(e.Spec, "type")),
                        ContactEmail = Text(profile, "email"),
                    });
                    if (Text(e.Spec, "parent") is not null)
                    {
                        warnings.Add(new ImportIssue(e.Where, "spec.parent", "the portal keeps no team hierarchy; not imported"));
                    }

                    if (Texts(e.Spec, "children").Any())
                    {
                        warnings.Add(new ImportIssue(e.Where, "spec.children", "the portal keeps no team hierarchy; not imported"));
                    }

                    continue;

                default:
                    continue; // Users are people (see People); Location is followed and other kinds are counted in Read
            }

            if (errors.Count > 0)
            {
                set.Nodes.RemoveAll(n => n.Key == key && n.Where == e.Where);
                set.Invalid.Add(new ImportItem(e.Where, (kind == "resource" ? NodeType.ConfigurationItem : NodeType.Service).Title(), key, title, ImportChange.Error, [], errors));
            }
        }

        set.Relationships.AddRange(relationships.Values);
        set.Assignments.AddRange(assignments.Values);
        foreach (var group in skipped.GroupBy(s => (s.File, Kind: s.Kind.ToLowerInvariant(), s.ApiVersion)).OrderBy(g => g.Key.File, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var count = group.Count();
            var what = $"{count} {group.First().Kind} {(count == 1 ? "entity" : "entities")} ({group.Key.ApiVersion ?? "no apiVersion"}) {(count == 1 ? "is" : "are")} not imported";
            set.Warnings.Add(new ImportIssue(group.Key.File, "kind", group.Key.Kind == "user"
                ? what + ", nor their spec.memberOf: people and the roles they hold are kept under Governance."
                : what + ": the portal has no such concept."));
        }

        foreach (var ((file, field), count) in notKept)
        {
            set.Warnings.Add(new ImportIssue(file, field, $"{count} {(count == 1 ? "entity has" : "entities have")} {field}, which the portal does not keep."));
        }

        set.Warnings.AddRange(warnings);
        set.MatchStored = (db, ct) => MatchStoredAsync(db, set, domainReferences.Select(d => (d.Entity.Where, d.Reference, d.Key)).ToList(), ct);
        return set;
    }

    private sealed record PeopleOfUpload(
        Dictionary<(string Kind, string Namespace, string Name), string> Emails,
        ILookup<(string Kind, string Namespace, string Name), string> Members);

    /// <summary>
    /// Users become people (told apart by <c>spec.profile.email</c>; a User without one is a warning), named by
    /// <c>spec.profile.displayName</c>, title or name; their team (the person's supplier) is the first uploaded Group
    /// they are a member of, by their <c>spec.memberOf</c> or the group's <c>spec.members</c>. Returns each user's
    /// e-mail and each group's members' e-mails.
    /// </summary>
    private static PeopleOfUpload People(List<Entity> entities, Func<string, string, string, string> keyOf, Func<string, string, string, bool> uploaded, ImportSet set, List<ImportIssue> warnings)
    {
        var emails = new Dictionary<(string, string, string), string>();
        var users = entities.Where(e => e.Kind.Equals("user", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var user in users)
        {
            if (Text(Child(user.Spec, "profile"), "email") is { } email)
            {
                if (!emails.TryAdd(user.Id, email))
                {
                    warnings.Add(new ImportIssue(user.Where, "metadata.name", "the same User is also earlier in the upload; this one is ignored"));
                }
            }
            else
            {
                warnings.Add(new ImportIssue(user.Where, "spec.profile.email", "a User without an e-mail address is not imported: the portal tells people apart by e-mail"));
            }
        }

        var memberships = new List<((string, string, string) Group, (string, string, string) User)>();
        foreach (var user in users)
        {
            foreach (var group in Texts(user.Spec, "memberOf"))
            {
                if (Ref(group, "group", user.Namespace) is { Kind: "group" } g)
                {
                    memberships.Add(((g.Kind, g.Namespace.ToLowerInvariant(), g.Name.ToLowerInvariant()), user.Id));
                }
            }
        }

        foreach (var group in entities.Where(e => e.Kind.Equals("group", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var member in Texts(group.Spec, "members"))
            {
                if (Ref(member, "user", group.Namespace) is { Kind: "user" } u)
                {
                    memberships.Add((group.Id, (u.Kind, u.Namespace.ToLowerInvariant(), u.Name.ToLowerInvariant())));
                }
            }
        }

        memberships = memberships.Distinct().ToList();
        foreach (var user in users.Where(u => emails.TryGetValue(u.Id, out _)).DistinctBy(u => u.Id))
        {
            var profile = Child(user.Spec, "profile");
            var groups = memberships.Where(m => m.User == user.Id && uploaded(m.Group.Item1, m.Group.Item2, m.Group.Item3)).Select(m => m.Group).ToList();
            if (groups.Count > 1)
            {
                warnings.Add(new ImportIssue(user.Where, "spec.memberOf",
                    $"a person belongs to one team in the portal: {groups[0].Item3} is kept as the team, the other groups' ownership still makes the person part of their owning teams"));
            }

            set.People.Add(new PersonDraft(user.Where, emails[user.Id], Text(profile, "displayName") ?? Text(user.Metadata, "title") ?? user.Name,
                groups.Count == 0 ? null : keyOf(groups[0].Item1, groups[0].Item2, groups[0].Item3)));
        }

        return new PeopleOfUpload(emails, memberships.Where(m => emails.ContainsKey(m.User)).ToLookup(m => m.Group, m => emails[m.User]));
    }

    /// <summary>
    /// References to entities outside the upload matched against the portal as Backstage matches them (case-insensitively):
    /// a relationship end takes the stored key's spelling; a system's domain that is in neither is dropped with a warning.
    /// </summary>
    private static async Task<IReadOnlyList<ImportIssue>> MatchStoredAsync(Data.PortalDbContext db, ImportSet set, List<(string Where, string Reference, string Key)> domainReferences, CancellationToken ct)
    {
        var warnings = new List<ImportIssue>();
        var imported = set.Nodes.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var outside = set.Relationships.Where(r => r.SkipWhenMissing is not null).SelectMany(r => new[] { r.From, r.To }).Where(k => !imported.Contains(k))
            .Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (outside.Count > 0)
        {
            var stored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in outside.Chunk(500))
            {
                foreach (var storedKey in await db.Nodes.AsNoTracking().Where(n => chunk.Contains(n.Key.ToLower())).Select(n => n.Key).ToListAsync(ct))
                {
                    stored.TryAdd(storedKey, storedKey);
                }
            }

            for (var i = 0; i < set.Relationships.Count; i++)
            {
                var r = set.Relationships[i];
                if (r.SkipWhenMissing is not null && (stored.ContainsKey(r.From) || stored.ContainsKey(r.To)))
                {
                    set.Relationships[i] = r with { From = stored.GetValueOrDefault(r.From, r.From), To = stored.GetValueOrDefault(r.To, r.To) };
                }
            }
        }

        if (domainReferences.Count > 0)
        {
            var domains = (await db.Domains.AsNoTracking().Select(d => d.Key).ToListAsync(ct)).ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
            var missing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (where, reference, key) in domainReferences)
            {
                if (!domains.ContainsKey(key))
                {
                    missing.Add(key);
                    warnings.Add(new ImportIssue(where, "spec.domain", $"'{reference}' is neither in the uploaded files nor in the portal; the system's services are imported without a domain"));
                }
            }

            for (var i = 0; i < set.Nodes.Count; i++)
            {
                if (set.Nodes[i].Domain is { } domain)
                {
                    if (missing.Contains(domain))
                    {
                        set.Nodes[i] = set.Nodes[i] with { Domain = null };
                    }
                    else if (domains.TryGetValue(domain, out var storedKey) && storedKey != domain)
                    {
                        set.Nodes[i] = set.Nodes[i] with { Domain = storedKey };
                    }
                }
            }
        }

        return warnings;
    }

    /// <summary>
    /// The fields of an entity the portal reads but does not keep, named so that nothing is dropped silently. Tags,
    /// links, annotations and spec.type of a node are kept (<see cref="NodeDescriptor"/>); a Domain is not a node.
    /// </summary>
    private static IEnumerable<string> NotKept(Entity e)
    {
        if (e.Metadata.Children.TryGetValue(new YamlScalarNode("labels"), out var labels) && labels is YamlMappingNode { Children.Count: > 0 })
        {
            yield return "metadata.labels";
        }

        var kind = e.Kind.ToLowerInvariant();
        if (kind == "domain")
        {
            foreach (var field in new[] { "tags", "links" })
            {
                if (e.Metadata.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is YamlSequenceNode { Children.Count: > 0 })
                {
                    yield return "metadata." + field;
                }
            }

            if (Child(e.Metadata, "annotations") is { } annotations && annotations.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value != KeyAnnotation))
            {
                yield return "metadata.annotations";
            }

            if (Text(e.Spec, "type") is not null)
            {
                yield return "spec.type";
            }
        }

        if (kind == "api" && e.Spec?.Children.ContainsKey(new YamlScalarNode("definition")) == true)
        {
            yield return "spec.definition";
        }
    }

    private static bool Load(ImportFile file, IReadOnlySet<string> uploaded, ImportSet set, List<Entity> entities, List<Skipped> skipped)
    {
        var stream = new YamlStream();
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file.Content);
            stream.Load(YamlLimits.Checked(new Parser(new StringReader(text))));
        }
        catch (YamlLimitException ex)
        {
            set.FileError = $"{file.Name} is refused: {ex.Message}";
            return false;
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
            if (root is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document, e.g. after a trailing ---
            }

            // The catalog's REST API answers with a JSON array of entities or { "items": [...] }; JSON is YAML.
            var documents = root switch
            {
                YamlSequenceNode list => list.Children.Select((node, n) => (Node: node, At: $"{file.Name} item {n + 1} (line {node.Start.Line})")).ToList(),
                YamlMappingNode map when Text(map, "kind") is null && map.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlSequenceNode list =>
                    list.Children.Select((node, n) => (Node: node, At: $"{file.Name} items[{n}] (line {node.Start.Line})")).ToList(),
                _ => [(Node: root, At: $"{file.Name} document {i + 1} (line {root.Start.Line})")],
            };

            foreach (var (node, at) in documents)
            {
                Read(file, uploaded, node, at, set, entities, skipped);
            }
        }

        return true;
    }

    private static void Read(ImportFile file, IReadOnlySet<string> uploaded, YamlNode node, string at, ImportSet set, List<Entity> entities, List<Skipped> skipped)
    {
        if (node is not YamlMappingNode map)
        {
            set.Invalid.Add(new ImportItem(at, "Entity", "", "", ImportChange.Error, [], [new ImportIssue(at, "", "a document must be an entity (a mapping with apiVersion, kind, metadata)")]));
            return;
        }

        var kind = Text(map, "kind");
        var apiVersion = Text(map, "apiVersion");
        var metadata = Child(map, "metadata");
        var name = Text(metadata, "name");
        var ns = Text(metadata, "namespace") ?? "default";
        var where = $"{kind ?? "Entity"} {(ns.Equals("default", StringComparison.OrdinalIgnoreCase) ? "" : ns + "/")}{name} ({at})";
        if (kind is not null && !Prefixes.ContainsKey(kind) && !(kind.Equals("user", StringComparison.OrdinalIgnoreCase) && apiVersion?.StartsWith("backstage.io/", StringComparison.Ordinal) == true))
        {
            if (kind.Equals("location", StringComparison.OrdinalIgnoreCase))
            {
                FollowLocation(file, uploaded, where, map, set);
            }
            else
            {
                skipped.Add(new Skipped(file.Name, kind, apiVersion));
            }

            return;
        }

        var problems = new List<ImportIssue>();
        if (kind is null)
        {
            problems.Add(new ImportIssue(at, "kind", "kind is required"));
        }
        else if (apiVersion is null || !apiVersion.StartsWith("backstage.io/", StringComparison.Ordinal))
        {
            problems.Add(new ImportIssue(where, "apiVersion", $"apiVersion of a {kind} must be a backstage.io version, e.g. backstage.io/v1alpha1"));
        }

        if (metadata is null || name is null)
        {
            problems.Add(new ImportIssue(where, "metadata.name", "metadata.name is required"));
        }
        else if (!IsBackstageName(name))
        {
            problems.Add(new ImportIssue(where, "metadata.name", $"'{name}' is not a Backstage name: at most {MaxNameLength} characters, letters and digits separated by single '-', '_' or '.'"));
        }

        if (!IsBackstageNamespace(ns))
        {
            problems.Add(new ImportIssue(where, "metadata.namespace", $"'{ns}' is not a Backstage namespace: at most {MaxNameLength} characters, lower-case letters and digits separated by single '-'"));
        }

        if (problems.Count > 0 && kind!.Equals("user", StringComparison.OrdinalIgnoreCase))
        {
            // A User is a person, not a node: one the portal cannot read is a warning, never an error.
            set.Warnings.AddRange(problems.Select(p => p with { Message = p.Message + "; the User is not imported" }));
            return;
        }

        if (problems.Count > 0)
        {
            set.Invalid.Add(new ImportItem(where, kind ?? "Entity", name ?? "", name ?? "", ImportChange.Error, [], problems));
            return;
        }

        entities.Add(new Entity(file.Name, where, kind!, ns, name!, metadata!, Child(map, "spec"), map.Children.TryGetValue(new YamlScalarNode("relations"), out var r) ? r as YamlSequenceNode : null));
    }

    /// <summary>
    /// A Location's targets are followed when they are among the uploaded files (matched by path, or by file name, as a
    /// browser uploads names only); anything else (a URL, a file not uploaded) is named in a warning.
    /// </summary>
    private static void FollowLocation(ImportFile file, IReadOnlySet<string> uploaded, string where, YamlMappingNode map, ImportSet set)
    {
        var spec = Child(map, "spec");
        var targets = Texts(spec, "targets").Concat(Texts(spec, "target")).ToList();
        foreach (var target in targets)
        {
            if (!uploaded.Contains(FileName(target)))
            {
                set.Warnings.Add(new ImportIssue(where, target.Contains("://", StringComparison.Ordinal) ? "spec.target" : "spec.targets",
                    $"'{target}' is not among the uploaded files, so it is not followed; upload it with {file.Name} to import what it holds"));
            }
        }
    }

    private static string FileName(string target)
    {
        var path = target.Trim();
        var cut = path.IndexOfAny(['?', '#']);
        path = cut >= 0 ? path[..cut] : path;
        return path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
    }

    /// <summary>
    /// A node with what Backstage says about it beyond the portal's fields: tags, links, annotations (but the key
    /// annotation), <c>spec.type</c> and <c>spec.lifecycle</c> as written. A Backstage entity always gives them all, so
    /// a re-import without a tag removes it.
    /// </summary>
    private static NodeDraft Node(Entity e, string key, NodeType type, string name, string? description, List<ImportIssue> warnings) =>
        new(e.Where, type, key, name) { Description = description, Descriptor = Describe(e, warnings) };

    private static NodeDescriptor Describe(Entity e, List<ImportIssue> warnings)
    {
        var descriptor = new NodeDescriptor
        {
            Type = Text(e.Spec, "type"),
            Lifecycle = e.Kind.ToLowerInvariant() is "component" or "api" ? Text(e.Spec, "lifecycle") : null,
            Tags = Texts(e.Metadata, "tags").Distinct(StringComparer.Ordinal).ToList(),
        };
        if (e.Metadata.Children.TryGetValue(new YamlScalarNode("links"), out var links) && links is YamlSequenceNode list)
        {
            foreach (var link in list.Children)
            {
                if (link is YamlMappingNode map && Text(map, "url") is { } url)
                {
                    descriptor.Links.Add(new NodeWebLink { Url = url, Title = Text(map, "title"), Icon = Text(map, "icon"), Type = Text(map, "type") });
                }
                else
                {
                    warnings.Add(new ImportIssue(e.Where, "metadata.links", $"a link without a url (line {link.Start.Line}) is not imported"));
                }
            }
        }

        if (Child(e.Metadata, "annotations") is { } annotations)
        {
            descriptor.Annotations = annotations.Children
                .Where(a => a.Key is YamlScalarNode { Value: { Length: > 0 } k } && k != KeyAnnotation && a.Value is YamlScalarNode)
                .Select(a => new NodeAnnotation { Key = ((YamlScalarNode)a.Key).Value!, Value = ((YamlScalarNode)a.Value).Value ?? "" })
                .OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        }

        return WithinRules(e, descriptor, warnings);
    }

    /// <summary>
    /// Leaves out, each with a warning, the parts that break the descriptor's rules (<see cref="NodeDescriptor.Problems"/>),
    /// so that whatever an import keeps also passes a bundle's check and a backup loads again.
    /// </summary>
    private static NodeDescriptor WithinRules(Entity e, NodeDescriptor descriptor, List<ImportIssue> warnings)
    {
        void Warn(string field, string problem) => warnings.Add(new ImportIssue(e.Where, field, $"{problem}; it is not kept"));
        if (NodeDescriptor.WordProblem(descriptor.Type) is { } type)
        {
            Warn("spec.type", "the type word " + type);
            descriptor.Type = null;
        }

        if (NodeDescriptor.WordProblem(descriptor.Lifecycle) is { } lifecycle)
        {
            Warn("spec.lifecycle", "the lifecycle word " + lifecycle);
            descriptor.Lifecycle = null;
        }

        List<T> Within<T>(List<T> parts, string field, Func<T, string?> problem)
        {
            var kept = new List<T>();
            foreach (var part in parts)
            {
                if (problem(part) is { } text)
                {
                    Warn(field, text);
                }
                else
                {
                    kept.Add(part);
                }
            }

            return kept;
        }

        descriptor.Tags = Within(descriptor.Tags, "metadata.tags", t => NodeDescriptor.TagProblem(t) is { } p ? "the tag " + p : null);
        descriptor.Links = Within(descriptor.Links, "metadata.links", l => NodeDescriptor.LinkProblem(l) is { } p ? $"the link's {p.Field} {p.Message}" : null);
        descriptor.Annotations = Within(descriptor.Annotations, "metadata.annotations", a => NodeDescriptor.AnnotationProblem(a.Key, a.Value) is { } p ? "the annotation " + p : null);
        return descriptor;
    }

    /// <summary>
    /// The portal's lifecycle of a Backstage <c>spec.lifecycle</c> and whether it is deprecated: <c>deprecated</c> is a
    /// live node marked deprecated (still in service); the word itself is kept in the node's descriptor.
    /// </summary>
    internal static (Lifecycle? Lifecycle, bool? Deprecated) LifecycleOf(string? word) => word?.ToLowerInvariant() switch
    {
        null => (null, null),
        "production" or "live" or "stable" => (Catalog.Lifecycle.Live, false),
        "deprecated" => (Catalog.Lifecycle.Live, true),
        "experimental" or "development" or "beta" or "alpha" or "pipeline" => (Catalog.Lifecycle.Pipeline, false),
        "retired" or "end-of-life" => (Catalog.Lifecycle.Retired, false),
        _ => (Catalog.Lifecycle.Live, false),
    };

    private static (Lifecycle? Lifecycle, bool? Deprecated) Lifecycle(Entity e, List<ImportIssue> warnings)
    {
        var word = Text(e.Spec, "lifecycle");
        if (word is not null && LifecycleOf(word) is var known && !IsKnownLifecycle(word))
        {
            warnings.Add(new ImportIssue(e.Where, "spec.lifecycle", $"'{word}' is not a lifecycle the portal knows; imported as Live (the word is kept)"));
            return known;
        }

        return LifecycleOf(word);
    }

    private static bool IsKnownLifecycle(string word) => word.ToLowerInvariant() is
        "production" or "live" or "stable" or "deprecated" or "experimental" or "development" or "beta" or "alpha" or "pipeline" or "retired" or "end-of-life";

    /// <summary>A Group whose <c>spec.type</c> names an outside company is an external supplier; any other group is an internal team.</summary>
    internal static bool IsInternalGroupType(string? type) => type?.ToLowerInvariant() is not ("supplier" or "vendor" or "external" or "partner");

    /// <summary>The configuration item type of a Resource's spec.type; null when the portal maps no type onto it.</summary>
    internal static CiType? CiTypeOf(string? type) => type?.ToLowerInvariant() switch
    {
        null => CiType.CloudResource,
        var t when t.Contains("database", StringComparison.Ordinal) || t is "db" or "postgres" or "postgresql" or "mysql" or "mongodb" or "redis" => CiType.Database,
        var t when t.Contains("server", StringComparison.Ordinal) || t is "vm" or "host" or "virtual-machine" => CiType.Server,
        var t when t.Contains("network", StringComparison.Ordinal) || t is "vpn" or "link" or "mpls" => CiType.NetworkLink,
        var t when t.Contains("saas", StringComparison.Ordinal) => CiType.SaasTenant,
        "application" => CiType.Application,
        "cloud" or "cloud-resource" or "bucket" or "s3-bucket" or "storage" or "queue" or "topic" or "kubernetes-cluster" or "cluster" or "cache" or "function" or "cdn" => CiType.CloudResource,
        _ => null,
    };

    /// <summary>
    /// Parses "[kind:][namespace/]name" as Backstage does: the kind defaults to the field's kind ("" when the field
    /// has none), the namespace to the referring entity's. Kind is lower-cased; matching is case-insensitive.
    /// </summary>
    private static (string Kind, string Namespace, string Name)? Ref(string reference, string defaultKind, string defaultNamespace)
    {
        var text = reference.Trim();
        var kind = defaultKind;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = text[..colon];
            text = text[(colon + 1)..];
            if (kind.Length == 0)
            {
                return null;
            }
        }

        var ns = defaultNamespace;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = text[..slash];
            text = text[(slash + 1)..];
        }

        return ns.Length == 0 || text.Length == 0 ? null : (kind.ToLowerInvariant(), ns, text);
    }

    /// <summary>
    /// The portal key of a Backstage entity: prefix + name in the default namespace, prefix + namespace + ".." + name in
    /// another. Backstage names never hold two separators in a row and namespaces hold no '.', so different entities
    /// never share a key. When that is longer than a key may be, the key is shortened and ends in "--" and a hash of the
    /// entity's reference (a readable key never holds "--").
    /// </summary>
    internal static string DerivedKey(string kind, string ns, string name)
    {
        var prefix = Prefixes.GetValueOrDefault(kind, kind.ToUpperInvariant() + "-");
        var key = prefix + (ns.Equals("default", StringComparison.OrdinalIgnoreCase) ? "" : ns.ToLowerInvariant() + "..") + name;
        if (key.Length <= FieldLengths.Key)
        {
            return key;
        }

        var reference = $"{kind}:{ns}/{name}".ToLowerInvariant();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)))[..12];
        return key[..(FieldLengths.Key - hash.Length - 2)] + "--" + hash;
    }

    /// <summary>
    /// The namespace and name an exported entity gets from a portal key: the reverse of <see cref="DerivedKey"/> when the
    /// key is a derived one (<c>Exact</c>), else a Backstage name made from the key, and the export carries the key
    /// annotation so that a re-import finds the same entry.
    /// </summary>
    internal static (string Namespace, string Name, bool Exact) EntityNameOf(string kind, string key)
    {
        if (Prefixes.TryGetValue(kind, out var prefix) && key.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = key[prefix.Length..];
            var cut = rest.IndexOf("..", StringComparison.Ordinal);
            var (ns, name) = cut < 0 ? ("default", rest) : (rest[..cut], rest[(cut + 2)..]);
            if (IsBackstageName(name) && IsBackstageNamespace(ns) && DerivedKey(kind, ns, name) == key)
            {
                return (ns, name, true);
            }
        }

        var made = NameSeparators().Replace(key, m => m.Value[..1]).Trim('-', '_', '.');
        made = made.Length > MaxNameLength ? made[..MaxNameLength].TrimEnd('-', '_', '.') : made;
        return ("default", made.Length == 0 ? "entity" : made, false);
    }

    [GeneratedRegex("[-_.]{2,}")]
    private static partial Regex NameSeparators();

    internal static bool IsBackstageName(string name) => name.Length <= MaxNameLength && BackstageName().IsMatch(name);

    internal static bool IsBackstageNamespace(string ns) => ns.Length <= MaxNameLength && BackstageNamespace().IsMatch(ns);

    [GeneratedRegex("^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")]
    private static partial Regex BackstageName();

    // Backstage asks for lower case; matching is case-insensitive, so upper case is accepted and compared lower-cased.
    [GeneratedRegex("^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")]
    private static partial Regex BackstageNamespace();

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
