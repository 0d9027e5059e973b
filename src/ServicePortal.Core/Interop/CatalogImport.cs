using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Imports domains, services, configuration items, suppliers, redundancy groups and relationships from CSV, the JSON
/// bundle or Backstage catalog YAML. Every format is parsed into one normalised set, then planned against the database
/// with the catalog's rules (the same validation as the dialogs and the API; node keys unique across the CMDB; supplier
/// names unique; references must name an entity in the portal or in the same input; no self-links, no "part of" cycles).
/// <para><see cref="PreviewAsync"/> reports per entity: add / update (naming the changed fields) / unchanged, or its
/// errors. <see cref="CommitAsync"/> parses and plans again outside the write transaction, then stores everything or nothing in
/// one short transaction (<see cref="PlannedCommit"/>: planned again inside it when someone changed what the plan read
/// meanwhile); it refuses input with any error. Entities are matched by key and only changed fields are written, so importing the same
/// input twice changes nothing the second time (no new versions, no audit entries).</para>
/// <para>A Backstage import may name its source (<see cref="ImportSync"/>): the nodes and relationships it names take
/// that source, and those the source imported earlier and no longer holds are planned as removals (deleted, or retired
/// when the portal keeps something about them), applied in the same transaction unless kept. See BACKSTAGE.md.</para>
/// </summary>
public sealed class CatalogImport(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public const long MaxInputBytes = 10 * 1024 * 1024;

    public Task<ImportPreview> PreviewAsync(ImportFormat format, byte[] input, CancellationToken cancellationToken = default) =>
        PreviewAsync(format, [new ImportFile("input", input)], cancellationToken);

    public Task<ImportResult> CommitAsync(ImportFormat format, byte[] input, CancellationToken cancellationToken = default) =>
        CommitAsync(format, [new ImportFile("input", input)], cancellationToken);

    public Task<ImportPreview> PreviewAsync(ImportFormat format, IReadOnlyList<ImportFile> files, CancellationToken cancellationToken = default) =>
        PreviewAsync(format, files, ImportSync.None, cancellationToken);

    public Task<ImportResult> CommitAsync(ImportFormat format, IReadOnlyList<ImportFile> files, CancellationToken cancellationToken = default) =>
        CommitAsync(format, files, ImportSync.None, cancellationToken);

    /// <summary>What importing <paramref name="files"/> would do; with a source (<paramref name="sync"/>), also what it removes.</summary>
    public async Task<ImportPreview> PreviewAsync(ImportFormat format, IReadOnlyList<ImportFile> files, ImportSync sync, CancellationToken cancellationToken = default)
    {
        var set = Parse(format, files, sync);
        if (set.FileError is not null)
        {
            return ImportPreview.Refused(set.FileError);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var preview = (await Planner.PlanAsync(db, set, track: false, cancellationToken)).Preview;
        if (set.Bundle is { IsWhole: true } bundle && await IsEmptyAsync(db, cancellationToken))
        {
            var problems = SeedLoader.Validate(bundle);
            return problems.Count > 0
                ? ImportPreview.Refused(WholeBundleRefusal(problems))
                : preview with { Warnings = [WholeBundleNotice] };
        }

        return preview;
    }

    /// <summary>Imports <paramref name="files"/> all or nothing; with a source (<paramref name="sync"/>), also removes what the source no longer holds, except the removals it keeps.</summary>
    public async Task<ImportResult> CommitAsync(ImportFormat format, IReadOnlyList<ImportFile> files, ImportSync sync, CancellationToken cancellationToken = default)
    {
        using var activity = PortalTelemetry.Source.StartActivity("import")?.SetTag("format", format.ToString());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await CommitUntimedAsync(format, files, sync, cancellationToken);
        PortalTelemetry.RecordImport(format.ToString(), result.Committed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<ImportResult> CommitUntimedAsync(ImportFormat format, IReadOnlyList<ImportFile> files, ImportSync sync, CancellationToken cancellationToken)
    {
        var set = Parse(format, files, sync);
        if (set.FileError is not null)
        {
            return new ImportResult(false, "Nothing was imported: " + set.FileError, ImportPreview.Refused(set.FileError));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (set.Bundle is { IsWhole: true } bundle && await IsEmptyAsync(db, cancellationToken))
        {
            return await LoadWholeBundleAsync(db, set, bundle, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await PlannedCommit.RunAsync(
            db,
            ct => Planner.PlanAsync(db, set, track: true, ct),
            plan => plan.Preview.CanCommit,
            (plan, change) => plan.ReliesOn(change),
            plan => plan.Apply(db, now),
            cancellationToken);
        var preview = outcome.Plan.Preview;
        return outcome.Status switch
        {
            PlannedCommitStatus.Refused => new ImportResult(false, $"Nothing was imported: {(preview.Items.Count == 0 ? "the input holds nothing to import" : $"{preview.ErrorCount} of {preview.Items.Count} entities have errors")}.", preview),
            PlannedCommitStatus.Conflict => new ImportResult(false, "Nothing was imported: someone else changed the catalog meanwhile. Preview again and retry.", preview),
            _ => new ImportResult(true, $"Imported: {preview.AddCount} added, {preview.UpdateCount} updated, {preview.UnchangedCount} unchanged{Removed(preview)}.", preview),
        };
    }

    /// <summary>
    /// A complete bundle (every section) into a database without catalog, score or governance data is loaded whole by
    /// the seed loader: contracts, SLA targets, measurements, the operating model and governance come with it. The
    /// bundle as read from the upload is checked once, by the seed folder's reader and with its messages (a bad row is
    /// refused as in a seed folder), and the loader stores what that check built.
    /// </summary>
    private async Task<ImportResult> LoadWholeBundleAsync(PortalDbContext db, ImportSet set, PortalBundle bundle, CancellationToken cancellationToken)
    {
        SeedGraph checkedBundle;
        try
        {
            checkedBundle = SeedReader.Read(bundle);
        }
        catch (SeedDataException ex)
        {
            var error = WholeBundleRefusal(ex.Problems);
            return new ImportResult(false, "Nothing was imported. " + error, ImportPreview.Refused(error));
        }

        var preview = (await Planner.PlanAsync(db, set, track: false, cancellationToken)).Preview with { Warnings = [WholeBundleNotice] };
        if (!preview.CanCommit)
        {
            return new ImportResult(false, $"Nothing was imported: {preview.ErrorCount} of {preview.Items.Count} entities have errors.", preview);
        }

        var loaded = await SeedLoader.LoadAsync(db, checkedBundle, cancellationToken);
        return loaded.Loaded
            ? new ImportResult(true, $"Imported the whole bundle: {loaded.Nodes} nodes, {loaded.Relationships} relationships, {loaded.Contracts} contracts, {loaded.SlaMeasurements} measurements, {loaded.People} people.", preview)
            : new ImportResult(false, "Nothing was imported: " + loaded.Message, preview);
    }

    private static string Removed(ImportPreview preview) =>
        preview.RemoveCount + preview.KeepCount == 0 ? ""
        : $", {preview.RemoveCount} removed ({preview.RetireCount} of them retired), {preview.KeepCount} kept";

    private static readonly ImportIssue WholeBundleNotice = new("bundle", "", "The database is empty, so the whole bundle is loaded: with the catalog come its contracts, SLA targets, measurements, operating model and governance.");

    private static string WholeBundleRefusal(IReadOnlyList<string> problems) => "The bundle cannot be loaded: " + string.Join("; ", problems);

    private static async Task<bool> IsEmptyAsync(PortalDbContext db, CancellationToken ct) =>
        !await db.Domains.AnyAsync(ct) && !await db.Nodes.AnyAsync(ct) && !await db.Stages.AnyAsync(ct) && !await db.ScoreVersions.AnyAsync(ct)
        && !await db.GovernanceRoles.AnyAsync(ct) && !await db.People.AnyAsync(ct);

    internal static ImportSet Parse(ImportFormat format, IReadOnlyList<ImportFile> files, ImportSync sync)
    {
        using var activity = PortalTelemetry.Source.StartActivity("import.read");
        if (sync.Source is not null && format != ImportFormat.Backstage)
        {
            return new ImportSet { FileError = "Only a Backstage import names a source." };
        }

        if (ImportSync.SourceProblem(sync.Source) is { } problem)
        {
            return new ImportSet { FileError = problem };
        }

        var set = Parse(format, files);
        set.Source = sync.Source?.Trim();
        set.Keep = (sync.Keep ?? []).ToHashSet(StringComparer.Ordinal);
        return set;
    }

    internal static ImportSet Parse(ImportFormat format, IReadOnlyList<ImportFile> files)
    {
        if (files.Count == 0 || files.All(f => f.Content.Length == 0))
        {
            return new ImportSet { FileError = "The input is empty." };
        }

        if (files.Sum(f => f.Content.LongLength) > MaxInputBytes)
        {
            return new ImportSet { FileError = $"The input is larger than {MaxInputBytes / (1024 * 1024)} MB." };
        }

        if (format == ImportFormat.Backstage)
        {
            return BackstageReader.Parse(files);
        }

        if (files.Count > 1)
        {
            return new ImportSet { FileError = $"A {format} import takes one file." };
        }

        var input = files[0].Content;
        return format switch
        {
            ImportFormat.ServicesCsv => CatalogCsvReader.Parse(CsvEntity.Services, input),
            ImportFormat.ConfigurationItemsCsv => CatalogCsvReader.Parse(CsvEntity.ConfigurationItems, input),
            ImportFormat.SuppliersCsv => CatalogCsvReader.Parse(CsvEntity.Suppliers, input),
            ImportFormat.DomainsCsv => CatalogCsvReader.Parse(CsvEntity.Domains, input),
            ImportFormat.Bundle => BundleReader.Parse(input),
            _ => new ImportSet { FileError = $"Unknown format {format}." },
        };
    }

    /// <summary>The plan of one import against one context: the preview, and the changes to apply.</summary>
    private sealed class Planner
    {
        private readonly List<ImportItem> _items = [];
        private readonly List<Action<Context>> _changes = [];
        private readonly List<ImportIssue> _warnings = []; // this plan's own (a commit may plan the same set twice)

        private sealed record Context(PortalDbContext Db, DateTime Now, Dictionary<string, Domain> Domains, Dictionary<string, Node> Nodes, Dictionary<string, RedundancyGroup> Groups);

        private Dictionary<string, Domain> _domains = [];
        private Dictionary<string, Node> _nodes = [];
        private Dictionary<string, RedundancyGroup> _groups = [];
        private HashSet<string> _storedNodeIds = [];

        // Sync with a source: the upload's relationships (by key), and the stored rows the plan changes or removes,
        // loaded tracked after planning (a commit only) and looked up by id when applied.
        private readonly HashSet<(string From, RelationshipType Type, string To)> _uploadEdges = [];
        private readonly HashSet<int> _edgeIdsToLoad = [];
        private readonly HashSet<int> _nodeIdsToLoad = [];
        private readonly Dictionary<int, Relationship> _edges = [];
        private readonly Dictionary<int, Node> _removedNodes = [];
        private bool _removesNodes;

        public ImportPreview Preview { get; private set; } = ImportPreview.Refused("not planned");

        public static async Task<Planner> PlanAsync(PortalDbContext db, ImportSet set, bool track, CancellationToken ct)
        {
            using var activity = PortalTelemetry.Source.StartActivity("import.plan");
            var planner = new Planner();
            if (set.MatchStored is { } matchStored)
            {
                planner._warnings.AddRange(await matchStored(db, ct));
            }

            var nodeKeys = set.Nodes.Select(n => n.Key).Concat(set.Relationships.SelectMany(r => new[] { r.From, r.To })).Distinct().ToList();
            var groupKeys = set.Groups.Select(g => g.Key).Concat(set.Relationships.Where(r => r.Group != null).Select(r => r.Group!)).Distinct().ToList();
            IQueryable<T> Q<T>(IQueryable<T> q) where T : class => track ? q : q.AsNoTracking();

            // Domains are few: all of them, so that a node's current domain is known by key.
            planner._domains = await Q(db.Domains).ToDictionaryAsync(d => d.Key, StringComparer.Ordinal, ct);
            planner._nodes = await Q(db.Nodes).Where(n => nodeKeys.Contains(n.Key)).ToDictionaryAsync(n => n.Key, StringComparer.Ordinal, ct);
            planner._groups = await Q(db.RedundancyGroups).Where(g => groupKeys.Contains(g.Key)).ToDictionaryAsync(g => g.Key, StringComparer.Ordinal, ct);
            var domainNames = await db.Domains.AsNoTracking().Select(d => new { d.Key, d.Name }).ToListAsync(ct);
            var supplierNames = await db.Suppliers.AsNoTracking().Select(s => new { s.Key, s.Name }).ToListAsync(ct);
            var nodeIds = planner._nodes.Values.Select(n => n.Id).ToList();
            planner._storedNodeIds = nodeIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
            var edges = await db.Relationships.AsNoTracking().Where(r => nodeIds.Contains(r.SourceId) && nodeIds.Contains(r.TargetId))
                .Select(r => new { r.Id, r.SourceId, r.Type, r.TargetId, r.ImportSource }).ToListAsync(ct);
            var partOf = await db.Relationships.AsNoTracking().Where(r => r.Type == RelationshipType.PartOf)
                .Select(r => new { From = r.Source!.Key, To = r.Target!.Key }).ToListAsync(ct);

            planner._items.AddRange(set.Invalid);
            planner.PlanDomains(set, domainNames.ToDictionary(d => d.Key, d => d.Name, StringComparer.Ordinal));
            planner.PlanNodes(set, supplierNames.ToDictionary(s => s.Key, s => s.Name, StringComparer.Ordinal));
            planner.PlanGroups(set);
            planner.PlanRelationships(set, edges.ToDictionary(e => (e.SourceId, e.Type, e.TargetId), e => (e.Id, e.ImportSource)), partOf.Select(p => (p.From, p.To)).ToList());
            if (set.People.Count > 0 || set.Assignments.Count > 0)
            {
                await planner.LoadPeopleAsync(db, set, track, ct);
                planner.PlanPeople(set);
                planner.PlanAssignments(set);
            }

            await planner.PlanRemovalsAsync(db, set, ct);
            if (track)
            {
                await planner.LoadChangedAsync(db, ct);
            }

            planner.Preview = new ImportPreview(null, planner._items, [.. set.Warnings, .. planner._warnings]);
            return planner;
        }

        /// <summary>
        /// Whether a change saved after planning may make this plan wrong: any domain, relationship or redundancy
        /// group (all are read), a node created or deleted (it may take or free a key of this input), an edit of a
        /// node this input names, or a supplier's name (names are unique). An edit of any other node is not.
        /// </summary>
        public bool ReliesOn(FeedChange change) => change.EntityType switch
        {
            nameof(Domain) or nameof(Relationship) or nameof(RedundancyGroup) => true,
            nameof(Person) or nameof(RoleAssignment) or nameof(GovernanceRole) => _people.Count > 0 || _roles.Count > 0 || _items.Any(i => i.EntityType == "Person"),
            nameof(Service) or nameof(ConfigurationItem) or nameof(Supplier) =>
                change.Action is not (AuditAction.Updated or AuditAction.Retired)
                || _storedNodeIds.Contains(change.EntityId)
                || (change.EntityType == nameof(Supplier) && change.Touches(SupplierName)),
            // Whether a removed node is deleted or retired depends on what refers to it.
            nameof(Slas.SlaTarget) or nameof(Contract) or nameof(Governance.RoleAssignment) or nameof(Governance.Person) => _removesNodes,
            _ => false,
        };

        private static readonly HashSet<string> SupplierName = new(StringComparer.Ordinal) { nameof(Node.Name) };

        private readonly Dictionary<string, Person> _people = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, GovernanceRole> _roles = new(StringComparer.OrdinalIgnoreCase);
        private HashSet<(int Person, int Role, int Node)> _storedAssignments = [];

        private async Task LoadPeopleAsync(PortalDbContext db, ImportSet set, bool track, CancellationToken ct)
        {
            IQueryable<T> Q<T>(IQueryable<T> q) where T : class => track ? q : q.AsNoTracking();
            var emails = set.People.Select(p => p.Email).Concat(set.Assignments.Select(a => a.Email)).Select(e => e.ToLowerInvariant()).Distinct().ToList();
            foreach (var chunk in emails.Chunk(500))
            {
                foreach (var person in await Q(db.People).Where(p => chunk.Contains(p.Email.ToLower())).ToListAsync(ct))
                {
                    _people.TryAdd(person.Email, person);
                }
            }

            var roleKeys = set.Assignments.Select(a => a.Role).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var role in await Q(db.GovernanceRoles).ToListAsync(ct))
            {
                if (roleKeys.Contains(role.Key))
                {
                    _roles.TryAdd(role.Key, role);
                }
            }

            var personIds = _people.Values.Select(p => p.Id).ToList();
            _storedAssignments = (await db.RoleAssignments.AsNoTracking()
                    .Where(a => personIds.Contains(a.PersonId) && a.NodeId != null && a.ScopeType == ScopeType.Service && a.Raci == Raci.Accountable)
                    .Select(a => new { a.PersonId, a.RoleId, NodeId = a.NodeId!.Value }).ToListAsync(ct))
                .Select(a => (a.PersonId, a.RoleId, a.NodeId)).ToHashSet();
        }

        /// <summary>People by e-mail: added, or their name and team updated; a team that is not a supplier here or in the input is a warning.</summary>
        private void PlanPeople(ImportSet set)
        {
            var first = FirstPlaces(set.People, p => p.Email.ToLowerInvariant(), p => p.Where);
            var suppliers = _items.Where(i => i.Change != ImportChange.Error && i.EntityType == NodeType.Supplier.Title()).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var draft in set.People)
            {
                var errors = new List<ImportIssue>();
                if (first[draft.Email.ToLowerInvariant()] != draft.Where)
                {
                    errors.Add(new ImportIssue(draft.Where, "spec.profile.email", $"'{draft.Email}' is also at {first[draft.Email.ToLowerInvariant()]}"));
                }

                _people.TryGetValue(draft.Email, out var existing);
                var form = existing is null ? new PersonForm { Email = draft.Email, Name = "" } : PersonForm.From(existing);
                form.Name = Clean(draft.Name) ?? form.Name;
                errors.AddRange(Annotations(draft.Where, form));
                var team = draft.Supplier;
                if (team is { Length: > 0 } && !suppliers.Contains(team) && !(_nodes.TryGetValue(team, out var stored) && stored is Supplier))
                {
                    _warnings.Add(new ImportIssue(draft.Where, "spec.memberOf", $"'{team}' is not a group in the portal or in this import; the person's team is left as it is"));
                    team = null;
                }

                int? teamId = team is null ? existing?.SupplierId : team.Length == 0 ? null : _nodes.TryGetValue(team, out var node) ? node.Id : -1;
                var changed = existing is null ? [] : Changes(("name", existing.Name, form.Name)).Concat(existing.SupplierId == teamId ? [] : ["team"]).ToList();
                var change = Outcome(errors, existing is null, changed);
                _items.Add(new ImportItem(draft.Where, "Person", draft.Email, form.Name.Trim(), change, changed, errors));
                if (change is ImportChange.Add or ImportChange.Update)
                {
                    _changes.Add(c =>
                    {
                        var person = existing ?? c.Db.People.Add(new Person { Name = form.Name.Trim(), Email = draft.Email.Trim() }).Entity;
                        person.Name = form.Name.Trim();
                        if (team is not null)
                        {
                            person.SupplierId = null;
                            person.Supplier = team.Length == 0 ? null : (Supplier)c.Nodes[team];
                        }

                        _people[draft.Email] = person;
                    });
                }
            }
        }

        /// <summary>
        /// Accountable roles over services (an owner, a member of the owning team): added when missing, with the role
        /// itself when the portal has none under its key; never given to someone who has left.
        /// </summary>
        private void PlanAssignments(ImportSet set)
        {
            var people = _items.Where(i => i.Change != ImportChange.Error && i.EntityType == "Person").Select(i => i.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var nodes = _items.Where(i => i.Change != ImportChange.Error && i.EntityType == NodeType.Service.Title()).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var roleKey in set.Assignments.Select(a => a.Role).Distinct(StringComparer.OrdinalIgnoreCase).Where(k => !_roles.ContainsKey(k)).ToList())
            {
                var name = roleKey == GovernanceRoleKeys.ServiceOwner ? "Service owner" : "Owning team";
                _items.Add(new ImportItem(roleKey, "Governance role", roleKey, name, ImportChange.Add, [], []));
                _changes.Add(c => _roles[roleKey] = c.Db.GovernanceRoles.Add(new GovernanceRole
                {
                    Key = roleKey, Name = name,
                    Description = roleKey == GovernanceRoleKeys.OwningTeam ? "A member of the team that owns the service; called when it is hit." : null,
                }).Entity);
            }

            foreach (var draft in set.Assignments)
            {
                if (!people.Contains(draft.Email) || !nodes.Contains(draft.Node))
                {
                    continue; // the person or the service has an error of its own, or is not imported
                }

                _people.TryGetValue(draft.Email, out var person);
                if (person is not null && Person.HasLeft(person.LeftOn, today))
                {
                    _warnings.Add(new ImportIssue(draft.Where, "spec.owner", $"{person.Name} has left, so they are not given the role '{draft.Role}' over {draft.Node}"));
                    continue;
                }

                var label = $"{draft.Email} {draft.Role} {draft.Node}";
                var exists = person is not null && _roles.TryGetValue(draft.Role, out var role) && _nodes.TryGetValue(draft.Node, out var node)
                    && _storedAssignments.Contains((person.Id, role.Id, node.Id));
                _items.Add(new ImportItem(draft.Where, "Role assignment", label, label, exists ? ImportChange.Unchanged : ImportChange.Add, [], []));
                if (!exists)
                {
                    _changes.Add(c => c.Db.RoleAssignments.Add(new RoleAssignment
                    {
                        Person = _people[draft.Email], Role = _roles[draft.Role], ScopeType = ScopeType.Service, Node = c.Nodes[draft.Node], Raci = Raci.Accountable,
                    }));
                }
            }
        }

        public void Apply(PortalDbContext db, DateTime now)
        {
            using var activity = PortalTelemetry.Source.StartActivity("import.apply");
            var context = new Context(db, now, _domains, _nodes, _groups);
            foreach (var change in _changes)
            {
                change(context);
            }
        }

        private static Dictionary<string, string> FirstPlaces<T>(IEnumerable<T> drafts, Func<T, string> key, Func<T, string> where)
        {
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var draft in drafts)
            {
                first.TryAdd(key(draft), where(draft));
            }

            return first;
        }

        private void PlanDomains(ImportSet set, Dictionary<string, string> namesByKey)
        {
            var first = FirstPlaces(set.Domains, d => d.Key, d => d.Where);
            var importedNames = new Dictionary<string, string>(UniqueNames.Comparer);
            foreach (var draft in set.Domains)
            {
                var errors = new List<ImportIssue>();
                if (first[draft.Key] != draft.Where)
                {
                    errors.Add(new ImportIssue(draft.Where, "key", $"domain '{draft.Key}' is also at {first[draft.Key]}"));
                }

                _domains.TryGetValue(draft.Key, out var existing);
                var form = new DomainForm
                {
                    Key = draft.Key,
                    Name = Clean(draft.Name) ?? existing?.Name ?? "",
                    Description = draft.Description is null ? existing?.Description : Clean(draft.Description),
                };
                errors.AddRange(Annotations(draft.Where, form));
                var clash = namesByKey.FirstOrDefault(d => d.Key != draft.Key && UniqueNames.Same(d.Value, form.Name)).Key;
                if (clash is not null && !set.Domains.Any(d => d.Key == clash && !UniqueNames.Same(Clean(d.Name), form.Name)))
                {
                    errors.Add(new ImportIssue(draft.Where, "name", $"a domain named '{form.Name}' already exists ({clash})"));
                }

                if (form.Name.Length > 0 && !importedNames.TryAdd(form.Name, draft.Key) && importedNames[form.Name] != draft.Key)
                {
                    errors.Add(new ImportIssue(draft.Where, "name", $"'{form.Name}' is also the name of domain {importedNames[form.Name]} in this import"));
                }

                var changed = existing is null ? [] : Changes(("name", existing.Name, form.Name), ("description", existing.Description, form.Description));
                var change = Outcome(errors, existing is null, changed);
                _items.Add(new ImportItem(draft.Where, "Domain", draft.Key, form.Name, change, changed, errors));
                if (change == ImportChange.Add)
                {
                    _changes.Add(c => c.Domains[draft.Key] = c.Db.Domains.Add(new Domain { Key = draft.Key, Name = form.Name, Description = form.Description }).Entity);
                }
                else if (change == ImportChange.Update)
                {
                    _changes.Add(_ =>
                    {
                        existing!.Name = form.Name;
                        existing.Description = form.Description;
                    });
                }
            }
        }

        private void PlanNodes(ImportSet set, Dictionary<string, string> supplierNames)
        {
            var first = FirstPlaces(set.Nodes, n => n.Key, n => n.Where);
            var validDomains = _items.Where(i => i.EntityType == "Domain" && i.Change != ImportChange.Error).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var importedSupplierNames = new Dictionary<string, string>(UniqueNames.Comparer);
            foreach (var draft in set.Nodes)
            {
                var errors = new List<ImportIssue>();
                var entityType = Describe(draft.Type);
                if (first[draft.Key] != draft.Where)
                {
                    errors.Add(new ImportIssue(draft.Where, "key", $"'{draft.Key}' is also at {first[draft.Key]}"));
                }

                _nodes.TryGetValue(draft.Key, out var existing);
                if (existing is not null && existing.NodeType != draft.Type)
                {
                    errors.Add(new ImportIssue(draft.Where, "key", $"'{draft.Key}' is already used by {Describe(existing.NodeType)} '{existing.Name}'"));
                    _items.Add(new ImportItem(draft.Where, entityType, draft.Key, draft.Name ?? "", ImportChange.Error, [], errors));
                    continue;
                }

                var before = existing is null ? null : NodeForm.From(existing);
                var form = before?.Copy() ?? NodeForm.Blank(draft.Type);
                form.Key = draft.Key;
                Fill(form, draft);
                string? domainKey = existing?.DomainId is { } id ? _domains.Values.FirstOrDefault(d => d.Id == id)?.Key ?? $"#{id}" : null;
                if (draft.Domain is not null)
                {
                    domainKey = draft.Domain.Length == 0 ? null : draft.Domain;
                    if (domainKey is not null && !_domains.ContainsKey(domainKey) && !validDomains.Contains(domainKey))
                    {
                        errors.Add(new ImportIssue(draft.Where, "domain", $"'{domainKey}' is not a domain in the portal or in this import"));
                    }
                }

                form.DomainId = null; // resolved by key when applied
                errors.AddRange(Annotations(draft.Where, form));
                if (form is SupplierForm supplier && supplier.Name.Length > 0)
                {
                    var clash = supplierNames.FirstOrDefault(s => s.Key != draft.Key && UniqueNames.Same(s.Value, supplier.Name)).Key;
                    if (clash is not null)
                    {
                        errors.Add(new ImportIssue(draft.Where, "name", $"'{supplier.Name}' is already the name of supplier {clash}"));
                    }
                    else if (!importedSupplierNames.TryAdd(supplier.Name.Trim(), draft.Key) && importedSupplierNames[supplier.Name.Trim()] != draft.Key)
                    {
                        errors.Add(new ImportIssue(draft.Where, "name", $"'{supplier.Name}' is also the name of supplier {importedSupplierNames[supplier.Name.Trim()]} in this import"));
                    }
                }

                var beforeDomain = existing?.DomainId is { } d0 ? _domains.Values.FirstOrDefault(d => d.Id == d0)?.Key ?? $"#{d0}" : null;
                var descriptor = draft.Descriptor ?? existing?.Descriptor.Copy() ?? new NodeDescriptor();
                var deprecated = draft.Deprecated ?? existing?.Deprecated ?? false;
                var changed = before is null ? [] : Compare(before, form).Concat(Changes(("domain", beforeDomain, domainKey)))
                    .Concat(NodeDescriptor.Differences(BackstageExporter.Effective(existing!, existing!.Descriptor), BackstageExporter.Effective(existing!, descriptor)))
                    .Concat(existing.Deprecated == deprecated ? [] : ["deprecated"]).ToList();
                if (existing is not null && set.Source is not null && existing.ImportSource != set.Source)
                {
                    changed.Add(SourceField); // made in the portal or by another source: this source takes it over
                }

                var change = Outcome(errors, existing is null, changed);
                _items.Add(new ImportItem(draft.Where, entityType, draft.Key, form.Name.Trim(), change, changed, errors));
                if (change is ImportChange.Add or ImportChange.Update)
                {
                    var keepDomain = draft.Domain is null && existing is not null;
                    _changes.Add(c =>
                    {
                        var node = existing ?? c.Db.Nodes.Add(form.NewNode()).Entity;
                        var wasRetired = existing?.Lifecycle == Lifecycle.Retired;
                        var domainId = node.DomainId;
                        form.ApplyTo(node);
                        node.Deprecated = deprecated;
                        if (existing is null || NodeDescriptor.Differences(existing.Descriptor, descriptor).Any())
                        {
                            node.Descriptor = descriptor.Copy();
                        }

                        node.RetiredAt = node.Lifecycle == Lifecycle.Retired ? (wasRetired ? node.RetiredAt : c.Now) : null;
                        if (keepDomain)
                        {
                            node.DomainId = domainId;
                        }
                        else if (domainKey is null)
                        {
                            node.DomainId = null;
                            node.Domain = null;
                        }
                        else
                        {
                            node.Domain = c.Domains[domainKey];
                        }

                        node.ImportSource = set.Source ?? (existing is null ? draft.ExportedSource : node.ImportSource);
                        c.Nodes[draft.Key] = node;
                    });
                }
            }
        }

        private void PlanGroups(ImportSet set)
        {
            var first = FirstPlaces(set.Groups, g => g.Key, g => g.Where);
            foreach (var draft in set.Groups)
            {
                var errors = new List<ImportIssue>();
                if (first[draft.Key] != draft.Where)
                {
                    errors.Add(new ImportIssue(draft.Where, "key", $"redundancy group '{draft.Key}' is also at {first[draft.Key]}"));
                }

                _groups.TryGetValue(draft.Key, out var existing);
                var name = Clean(draft.Name) ?? existing?.Name;
                var minimum = draft.MinimumUp ?? existing?.MinimumUp ?? 1;
                if (!TextRules.IsKey(draft.Key) || draft.Key.Length > FieldLengths.Key)
                {
                    errors.Add(new ImportIssue(draft.Where, "key", TextRules.KeyMessage));
                }

                if (string.IsNullOrEmpty(name) || name.Length > FieldLengths.Name)
                {
                    errors.Add(new ImportIssue(draft.Where, "name", $"name is required, at most {FieldLengths.Name} characters"));
                }

                if (minimum < 1)
                {
                    errors.Add(new ImportIssue(draft.Where, "minimumUp", "minimumUp must be at least 1"));
                }

                var changed = existing is null ? [] : Changes(("name", existing.Name, name), ("minimumUp", existing.MinimumUp.ToString(System.Globalization.CultureInfo.InvariantCulture), minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var change = Outcome(errors, existing is null, changed);
                _items.Add(new ImportItem(draft.Where, "Redundancy group", draft.Key, name ?? "", change, changed, errors));
                if (change == ImportChange.Add)
                {
                    _changes.Add(c => c.Groups[draft.Key] = c.Db.RedundancyGroups.Add(new RedundancyGroup { Key = draft.Key, Name = name!, MinimumUp = minimum }).Entity);
                }
                else if (change == ImportChange.Update)
                {
                    _changes.Add(_ =>
                    {
                        existing!.Name = name!;
                        existing.MinimumUp = minimum;
                    });
                }
            }
        }

        private void PlanRelationships(ImportSet set, Dictionary<(int, RelationshipType, int), (int Id, string? Source)> stored, List<(string From, string To)> storedPartOf)
        {
            var validNodes = _items.Where(i => i.Change != ImportChange.Error && Enum.GetValues<NodeType>().Any(t => t.Title() == i.EntityType)).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var validGroups = _items.Where(i => i.Change != ImportChange.Error && i.EntityType == "Redundancy group").Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var seen = new Dictionary<(string, RelationshipType, string), string>();
            var importedKeys = set.Nodes.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
            var partOf = storedPartOf.GroupBy(p => p.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.To).ToList(), StringComparer.Ordinal);
            foreach (var draft in set.Relationships)
            {
                if (draft.SkipWhenMissing is { } skipped && new[] { draft.From, draft.To }.Any(k => !_nodes.ContainsKey(k) && !importedKeys.Contains(k)))
                {
                    _warnings.Add(skipped);
                    continue;
                }

                _uploadEdges.Add((draft.From, draft.Type, draft.To));

                var errors = new List<ImportIssue>();
                var label = Label(draft.From, draft.Type, draft.To);
                foreach (var (field, key) in new[] { ("from", draft.From), ("to", draft.To) })
                {
                    if (!_nodes.ContainsKey(key) && !validNodes.Contains(key))
                    {
                        errors.Add(new ImportIssue(draft.Where, field, $"'{key}' is not a service, configuration item or supplier in the portal or in this import"));
                    }
                }

                if (draft.Group is not null && !_groups.ContainsKey(draft.Group) && !validGroups.Contains(draft.Group))
                {
                    errors.Add(new ImportIssue(draft.Where, "redundancyGroup", $"'{draft.Group}' is not a redundancy group in the portal or in this import"));
                }

                if (draft.From == draft.To)
                {
                    errors.Add(new ImportIssue(draft.Where, "to", $"'{draft.From}' cannot be related to itself"));
                }

                if (!seen.TryAdd((draft.From, draft.Type, draft.To), draft.Where))
                {
                    errors.Add(new ImportIssue(draft.Where, "", $"the same relationship is also at {seen[(draft.From, draft.Type, draft.To)]}"));
                }

                (int Id, string? Source) storedEdge = default;
                var exists = _nodes.TryGetValue(draft.From, out var source) && _nodes.TryGetValue(draft.To, out var target)
                    && source.Id != 0 && stored.TryGetValue((source.Id, draft.Type, target.Id), out storedEdge);
                if (!exists && draft.Type == RelationshipType.PartOf && errors.Count == 0)
                {
                    if (KeyGraph.PathBetween(partOf, draft.To, draft.From) is { } cycle)
                    {
                        errors.Add(new ImportIssue(draft.Where, "type", $"'part of' would form a cycle: {draft.From} → {string.Join(" → ", cycle)}"));
                    }
                    else
                    {
                        (partOf.TryGetValue(draft.From, out var list) ? list : partOf[draft.From] = []).Add(draft.To);
                    }
                }

                var claim = exists && set.Source is not null && storedEdge.Source != set.Source; // made in the portal or by another source
                var change = errors.Count > 0 ? ImportChange.Error : !exists ? ImportChange.Add : claim ? ImportChange.Update : ImportChange.Unchanged;
                _items.Add(new ImportItem(draft.Where, "Relationship", label, label, change, claim ? [SourceField] : [], errors));
                if (change == ImportChange.Update)
                {
                    _edgeIdsToLoad.Add(storedEdge.Id);
                    _changes.Add(_ => _edges[storedEdge.Id].ImportSource = set.Source);
                }
                else if (change == ImportChange.Add)
                {
                    _changes.Add(c => c.Db.Relationships.Add(new Relationship
                    {
                        Source = c.Nodes[draft.From],
                        Target = c.Nodes[draft.To],
                        Type = draft.Type,
                        RedundancyGroup = draft.Group is null ? null : c.Groups[draft.Group],
                        Description = Clean(draft.Description),
                        ImportSource = set.Source ?? draft.ExportedSource,
                    }));
                }
            }
        }


        /// <summary>The field a changed source shows as in the preview.</summary>
        private const string SourceField = "source";

        /// <summary>At most this many of a retired node's references are named in the preview.</summary>
        private const int NamedReasons = 3;

        /// <summary>
        /// With a source: the nodes and relationships it imported earlier that the upload no longer holds. A
        /// relationship is deleted. A node is deleted as the node editor deletes one, when nothing refers to it: no
        /// relationship stays (one made in the portal or by another source, one this removal keeps, one of this upload),
        /// and no SLA target, contract, role or contact refers to it. Otherwise it is retired (kept for history, as a
        /// retired node is), and one already retired is left alone. A removal in <see cref="ImportSet.Keep"/> is listed as kept.
        /// </summary>
        private async Task PlanRemovalsAsync(PortalDbContext db, ImportSet set, CancellationToken ct)
        {
            if (set.Source is not { } source)
            {
                return;
            }

            var where = $"no longer in {source}";
            var present = set.Nodes.Select(n => n.Key).Concat(set.Invalid.Select(i => i.Key)).ToHashSet(StringComparer.Ordinal);
            var goneNodes = (await db.Nodes.AsNoTracking().Where(n => n.ImportSource == source)
                    .Select(n => new { n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle }).ToListAsync(ct))
                .Where(n => !present.Contains(n.Key)).OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
            var goneEdges = (await db.Relationships.AsNoTracking().Where(r => r.ImportSource == source)
                    .Select(r => new { r.Id, From = r.Source!.Key, r.Type, To = r.Target!.Key }).ToListAsync(ct))
                .Where(r => !_uploadEdges.Contains((r.From, r.Type, r.To))).Select(r => (r.Id, Label: Label(r.From, r.Type, r.To)))
                .OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var removedEdges = new HashSet<int>();
            foreach (var (id, label) in goneEdges)
            {
                var keep = set.Keep.Contains(label);
                listed.Add(label);
                _items.Add(new ImportItem(where, "Relationship", label, label, keep ? ImportChange.Keep : ImportChange.Remove, [], []));
                if (!keep)
                {
                    removedEdges.Add(id);
                    _edgeIdsToLoad.Add(id);
                    _changes.Add(c => c.Db.Relationships.Remove(_edges[id]));
                }
            }

            if (goneNodes.Count > 0)
            {
                var ids = goneNodes.Select(n => n.Id).ToList();
                _storedNodeIds.UnionWith(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                _removesNodes = true;
                var reasons = await ReasonsToKeepAsync(db, ids, goneNodes.ToDictionary(n => n.Key, n => n.Id, StringComparer.Ordinal), removedEdges, ct);
                foreach (var node in goneNodes)
                {
                    var why = reasons.GetValueOrDefault(node.Id);
                    if (why is not null && node.Lifecycle == Lifecycle.Retired)
                    {
                        continue; // retired already: nothing to do
                    }

                    var keep = set.Keep.Contains(node.Key);
                    listed.Add(node.Key);
                    var change = keep ? ImportChange.Keep : why is null ? ImportChange.Remove : ImportChange.Retire;
                    var note = why is null ? null
                        : "retired, not deleted: " + string.Join("; ", why.Take(NamedReasons)) + (why.Count > NamedReasons ? $" and {why.Count - NamedReasons} more" : "");
                    _items.Add(new ImportItem(where, node.NodeType.Title(), node.Key, node.Name, change, why is null ? [] : ["lifecycle"], [], note));
                    if (keep)
                    {
                        continue;
                    }

                    var id = node.Id;
                    _nodeIdsToLoad.Add(id);
                    _changes.Add(c =>
                    {
                        var stored = _removedNodes[id];
                        if (change == ImportChange.Retire)
                        {
                            stored.Lifecycle = Lifecycle.Retired;
                            stored.RetiredAt = c.Now;
                        }
                        else
                        {
                            c.Db.Nodes.Remove(stored);
                        }
                    });
                }
            }

            foreach (var key in set.Keep.Where(k => !listed.Contains(k)).Order(StringComparer.Ordinal))
            {
                _warnings.Add(new ImportIssue("keep", "keep", $"'{key}' is not among this import's removals, so there is nothing to keep"));
            }
        }

        /// <summary>Per removed node, what keeps it from being deleted: relationships that stay, and what else the portal keeps about it.</summary>
        private async Task<Dictionary<int, List<string>>> ReasonsToKeepAsync(
            PortalDbContext db, List<int> ids, Dictionary<string, int> idsByKey, HashSet<int> removedEdges, CancellationToken ct)
        {
            var reasons = new Dictionary<int, List<string>>();
            void Add(int id, string reason) => (reasons.TryGetValue(id, out var list) ? list : reasons[id] = []).Add(reason);
            var staying = new Dictionary<int, (int SourceId, int TargetId, string Label)>();
            foreach (var chunk in ids.Chunk(500))
            {
                var touching = await db.Relationships.AsNoTracking().Where(r => chunk.Contains(r.SourceId) || chunk.Contains(r.TargetId))
                    .Select(r => new { r.Id, r.SourceId, r.TargetId, From = r.Source!.Key, r.Type, To = r.Target!.Key }).ToListAsync(ct);
                foreach (var r in touching.Where(r => !removedEdges.Contains(r.Id)))
                {
                    staying[r.Id] = (r.SourceId, r.TargetId, Label(r.From, r.Type, r.To));
                }
            }

            var removed = ids.ToHashSet();
            foreach (var (sourceId, targetId, label) in staying.Values.OrderBy(e => e.Label, StringComparer.Ordinal))
            {
                foreach (var end in new[] { sourceId, targetId }.Distinct().Where(removed.Contains))
                {
                    Add(end, $"relationship {label} stays");
                }
            }

            foreach (var (from, type, to) in _uploadEdges)
            {
                foreach (var end in new[] { from, to }.Distinct(StringComparer.Ordinal))
                {
                    if (idsByKey.TryGetValue(end, out var id) && !staying.Values.Any(e => e.Label == Label(from, type, to)))
                    {
                        Add(id, $"this import relates {Label(from, type, to)}");
                    }
                }
            }

            foreach (var (id, references) in await NodeReferences.ReasonsAsync(db, ids, ct))
            {
                references.ForEach(r => Add(id, r));
            }

            return reasons;
        }

        /// <summary>Loads, tracked, the stored rows the plan changes by id (a commit only; a preview applies nothing).</summary>
        public async Task LoadChangedAsync(PortalDbContext db, CancellationToken ct)
        {
            foreach (var chunk in _edgeIdsToLoad.Chunk(500))
            {
                foreach (var edge in await db.Relationships.Where(r => chunk.Contains(r.Id)).ToListAsync(ct))
                {
                    _edges[edge.Id] = edge;
                }
            }

            foreach (var chunk in _nodeIdsToLoad.Chunk(500))
            {
                foreach (var node in await db.Nodes.Where(n => chunk.Contains(n.Id)).ToListAsync(ct))
                {
                    _removedNodes[node.Id] = node;
                }
            }
        }

        private static string Label(string from, RelationshipType type, string to) => $"{from} {type} {to}";

        private static ImportChange Outcome(List<ImportIssue> errors, bool isNew, IReadOnlyCollection<string> changed) =>
            errors.Count > 0 ? ImportChange.Error : isNew ? ImportChange.Add : changed.Count > 0 ? ImportChange.Update : ImportChange.Unchanged;
    }

    private static void Fill(NodeForm form, NodeDraft d)
    {
        form.Name = d.Name ?? form.Name;
        form.Description = d.Description ?? form.Description;
        form.Lifecycle = d.Lifecycle ?? form.Lifecycle;
        form.Status = d.Status ?? form.Status;
        switch (form)
        {
            case ServiceForm s:
                s.Kind = d.Kind ?? s.Kind;
                s.Tier = d.Tier ?? s.Tier;
                s.Sourcing = d.Sourcing ?? s.Sourcing;
                break;
            case ConfigurationItemForm c:
                c.CiType = d.CiType ?? c.CiType;
                c.Location = d.Location ?? c.Location;
                break;
            case SupplierForm s:
                s.IsInternal = d.IsInternal ?? s.IsInternal;
                s.Category = d.Category ?? s.Category;
                s.RiskRating = d.RiskRating ?? s.RiskRating;
                s.Website = d.Website ?? s.Website;
                s.ContactName = d.ContactName ?? s.ContactName;
                s.ContactEmail = d.ContactEmail ?? s.ContactEmail;
                s.ContactPhone = d.ContactPhone ?? s.ContactPhone;
                break;
        }
    }

    /// <summary>The fields whose stored value (as the form would store it: trimmed, blank = none) differs.</summary>
    private static IEnumerable<string> Compare(NodeForm before, NodeForm after)
    {
        var pairs = new List<(string, string?, string?)>
        {
            ("name", before.Name, after.Name),
            ("description", before.Description, after.Description),
            ("lifecycle", before.Lifecycle.ToString(), after.Lifecycle.ToString()),
            ("status", before.Status.ToString(), after.Status.ToString()),
        };
        switch ((before, after))
        {
            case (ServiceForm b, ServiceForm a):
                pairs.AddRange([("kind", b.Kind.ToString(), a.Kind.ToString()), ("tier", b.Tier.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Tier.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sourcing", b.Sourcing.ToString(), a.Sourcing.ToString())]);
                break;
            case (ConfigurationItemForm b, ConfigurationItemForm a):
                pairs.AddRange([("ciType", b.CiType.ToString(), a.CiType.ToString()), ("location", b.Location, a.Location)]);
                break;
            case (SupplierForm b, SupplierForm a):
                pairs.AddRange(
                [
                    ("internal", b.IsInternal.ToString(), a.IsInternal.ToString()), ("category", b.Category.ToString(), a.Category.ToString()),
                    ("riskRating", b.RiskRating.ToString(), a.RiskRating.ToString()), ("website", b.Website, a.Website),
                    ("contactName", b.ContactName, a.ContactName), ("contactEmail", b.ContactEmail, a.ContactEmail), ("contactPhone", b.ContactPhone, a.ContactPhone),
                ]);
                break;
        }

        return Changes([.. pairs]);
    }

    private static List<string> Changes(params (string Field, string? Before, string? After)[] pairs) =>
        pairs.Where(p => !string.Equals(Clean(p.Before), Clean(p.After), StringComparison.Ordinal)).Select(p => p.Field).ToList();

    private static IEnumerable<ImportIssue> Annotations(string where, object form) =>
        new ValidationErrors().Annotations(form).ToDictionary()
            .SelectMany(e => e.Value.Select(m => new ImportIssue(where, e.Key.Length == 0 ? "" : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], m)));

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The type as an import row's first column shows it: "Service", "Configuration item", "Supplier".</summary>
    internal static string Describe(NodeType type) => type.Title();
}
