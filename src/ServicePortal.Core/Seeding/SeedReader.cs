using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Seeding;

/// <summary>Everything a seed folder describes, as entities wired by navigation properties (no ids yet).</summary>
internal sealed class SeedGraph
{
    public List<Domain> Domains { get; } = [];

    public List<Supplier> Suppliers { get; } = [];

    public List<Service> Services { get; } = [];

    public List<ConfigurationItem> ConfigurationItems { get; } = [];

    public List<RedundancyGroup> RedundancyGroups { get; } = [];

    public List<Relationship> Relationships { get; } = [];

    public List<Contract> Contracts { get; } = [];

    public List<ValueStreamStage> Stages { get; } = [];

    public List<ScoreVersion> ScoreVersions { get; } = [];

    /// <summary>Score version → the version it was drafted from (a second save sets the id).</summary>
    public List<(ScoreVersion Version, ScoreVersion BasedOn)> BasedOn { get; } = [];

    public List<GovernanceRole> GovernanceRoles { get; } = [];

    public List<Person> People { get; } = [];

    public List<RoleAssignment> RoleAssignments { get; } = [];

    public List<KpiMeasurement> KpiMeasurements { get; } = [];

    public SeedResult Counts(bool loaded, string message) => new()
    {
        Loaded = loaded,
        Message = message,
        Domains = Domains.Count,
        Suppliers = Suppliers.Count,
        Services = Services.Count,
        ConfigurationItems = ConfigurationItems.Count,
        RedundancyGroups = RedundancyGroups.Count,
        Relationships = Relationships.Count,
        Contracts = Contracts.Count,
        SlaTargets = Contracts.Sum(c => c.SlaTargets.Count),
        SlaMeasurements = Contracts.Sum(c => c.SlaTargets.Sum(t => t.Measurements.Count)),
        Stages = Stages.Count,
        ScoreVersions = ScoreVersions.Count,
        Practices = ScoreVersions.Sum(v => v.Practices.Count),
        PracticeKpis = ScoreVersions.Sum(v => v.Practices.Sum(p => p.Kpis.Count)),
        KpiMeasurements = KpiMeasurements.Count,
        GovernanceRoles = GovernanceRoles.Count,
        People = People.Count,
        RoleAssignments = RoleAssignments.Count,
    };
}

/// <summary>
/// Checks a bundle (<see cref="PortalBundle"/>: a seed folder or a JSON bundle) before anything is stored: JSON syntax, required fields, lengths
/// (<see cref="FieldLengths"/>), enum names, dates, duplicate keys, references between files, tiers and
/// "part of" cycles. Every problem is collected, as "file item N (key): problem", so that one run shows them all.
/// </summary>
internal sealed partial class SeedReader
{
    public const string DomainsFile = "domains.json";
    public const string SuppliersFile = "suppliers.json";
    public const string ServicesFile = "services.json";
    public const string ConfigurationItemsFile = "configuration-items.json";
    public const string RelationshipsFile = "relationships.json";
    public const string ContractsFile = "contracts.json";
    public const string MeasurementsFile = "measurements.json";
    public const string OperatingModelFile = "operating-model.json";
    public const string GovernanceFile = "governance.json";

    public static readonly IReadOnlyList<string> Files =
    [
        DomainsFile, SuppliersFile, ServicesFile, ConfigurationItemsFile, RelationshipsFile, ContractsFile,
        MeasurementsFile, OperatingModelFile, GovernanceFile,
    ];

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private readonly List<string> _problems = [];
    private readonly SeedGraph _graph = new();
    private readonly Dictionary<string, Domain> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Node Node, string Where)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RedundancyGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SlaTarget> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueStreamStage> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Practice> _latestPractices = new(StringComparer.Ordinal);

    private SeedReader()
    {
    }

    /// <summary>Reads and checks <paramref name="folder"/>; throws <see cref="SeedDataException"/> listing every problem.</summary>
    public static SeedGraph Read(string folder)
    {
        var problems = new List<string>();
        var bundle = PortalBundle.FromFolder(folder, problems);

        // References across files only make sense once every file has been read: stop at syntax problems.
        return problems.Count > 0 ? throw new SeedDataException(problems) : Read(bundle);
    }

    /// <summary>Checks <paramref name="bundle"/>, whatever its source; throws <see cref="SeedDataException"/> listing every problem.</summary>
    public static SeedGraph Read(PortalBundle bundle)
    {
        var reader = new SeedReader();
        reader.ReadBundle(bundle);
        return reader._problems.Count > 0 ? throw new SeedDataException(reader._problems) : reader._graph;
    }

    private void ReadBundle(PortalBundle bundle)
    {
        foreach (var (file, expected) in bundle.MissingSections())
        {
            _problems.Add($"{file}: the section is missing; expected {expected}");
        }

        if (_problems.Count > 0)
        {
            return;
        }

        ReadDomains(bundle.Domains!);
        ReadSuppliers(bundle.Suppliers!);
        ReadServices(bundle.Services!);
        ReadConfigurationItems(bundle.ConfigurationItems!);
        ReadRelationships(bundle.Relationships!);
        ReadContracts(bundle.Contracts!);
        ReadMeasurements(bundle.Measurements!);
        ReadOperatingModel(bundle.OperatingModel!);
        ReadGovernance(bundle.Governance!);
        ReadKpiMeasurements(bundle.KpiMeasurements ?? []);
    }

    // ----- catalog

    private void ReadDomains(List<DomainFile> domains)
    {
        var names = new Dictionary<string, string>(UniqueNames.Comparer);
        foreach (var (d, at, _) in Items(domains, DomainsFile, d => d.Key))
        {
            var domain = new Domain
            {
                Key = Key(at, "key", d.Key),
                Name = Required(at, "name", d.Name, FieldLengths.Name),
                Description = Optional(at, "description", d.Description, FieldLengths.Description),
            };
            Unique(at, "name", domain.Name, names);
            if (domain.Key.Length > 0 && !_domains.TryAdd(domain.Key, domain))
            {
                Problem(at, $"key '{domain.Key}' is defined twice in {DomainsFile}");
            }

            _graph.Domains.Add(domain);
        }
    }

    private void ReadSuppliers(List<SupplierFile> suppliers)
    {
        var names = new Dictionary<string, string>(UniqueNames.Comparer);
        foreach (var (s, at, _) in Items(suppliers, SuppliersFile, s => s.Key))
        {
            var supplier = new Supplier
            {
                Key = Key(at, "key", s.Key),
                Name = Required(at, "name", s.Name, FieldLengths.Name),
                Description = Optional(at, "description", s.Description, FieldLengths.Description),
                IsInternal = s.Internal ?? RequiredValue<bool>(at, "internal (true for an internal team, false for an external company)"),
                Category = Enum(at, "category", s.Category, SupplierCategory.Operational, required: true),
                RiskRating = Enum(at, "riskRating", s.RiskRating, RiskRating.Low, required: true),
                Lifecycle = Enum(at, "lifecycle", s.Lifecycle, Lifecycle.Live, required: false),
                Status = Enum(at, "status", s.Status, OperationalStatus.Healthy, required: false),
                Website = Optional(at, "website", s.Website, FieldLengths.Name),
                ContactName = Optional(at, "contactName", s.ContactName, FieldLengths.Name),
                ContactEmail = Email(at, "contactEmail", s.ContactEmail, required: false),
                ContactPhone = Optional(at, "contactPhone", s.ContactPhone, FieldLengths.Short),
                Domain = DomainRef(at, s.Domain, required: false),
            };
            Unique(at, "name", supplier.Name, names);
            Kept(at, supplier, s.Deprecated, s.Backstage, s.Source);
            AddNode(at, supplier);
            _graph.Suppliers.Add(supplier);
        }
    }

    private void ReadServices(List<ServiceFile> services)
    {
        foreach (var (s, at, _) in Items(services, ServicesFile, s => s.Key))
        {
            var service = new Service
            {
                Key = Key(at, "key", s.Key),
                Name = Required(at, "name", s.Name, FieldLengths.Name),
                Description = Optional(at, "description", s.Description, FieldLengths.Description),
                Kind = Enum(at, "kind", s.Kind, ServiceKind.Application, required: true),
                Lifecycle = Enum(at, "lifecycle", s.Lifecycle, Lifecycle.Live, required: false),
                Status = Enum(at, "status", s.Status, OperationalStatus.Healthy, required: false),
                Tier = Tier(at, s.Tier),
                Sourcing = Enum(at, "sourcing", s.Sourcing, Sourcing.Internal, required: true),
                Domain = DomainRef(at, s.Domain, required: false), // optional, as in the service dialog (a Backstage component without a system has none)
            };
            Kept(at, service, s.Deprecated, s.Backstage, s.Source);
            AddNode(at, service);
            _graph.Services.Add(service);
        }
    }

    private void ReadConfigurationItems(List<ConfigurationItemFile> items)
    {
        foreach (var (c, at, _) in Items(items, ConfigurationItemsFile, c => c.Key))
        {
            var item = new ConfigurationItem
            {
                Key = Key(at, "key", c.Key),
                Name = Required(at, "name", c.Name, FieldLengths.Name),
                Description = Optional(at, "description", c.Description, FieldLengths.Description),
                CiType = Enum(at, "ciType", c.CiType, CiType.Application, required: true),
                Lifecycle = Enum(at, "lifecycle", c.Lifecycle, Lifecycle.Live, required: false),
                Status = Enum(at, "status", c.Status, OperationalStatus.Healthy, required: false),
                Location = Optional(at, "location", c.Location, FieldLengths.Name),
                Domain = DomainRef(at, c.Domain, required: false),
            };
            Kept(at, item, c.Deprecated, c.Backstage, c.Source);
            AddNode(at, item);
            _graph.ConfigurationItems.Add(item);
        }
    }

    /// <summary>
    /// What a node keeps from a Backstage import: the deprecated mark, the descriptor (checked by its own rules) and the
    /// source, which a whole-bundle load keeps so that a later sync of that source still removes what left it.
    /// </summary>
    private void Kept(string at, Node node, bool? deprecated, BackstageFile? backstage, string? source)
    {
        node.Deprecated = deprecated ?? false;
        if (backstage is not null)
        {
            var problems = new List<(string Field, string Message)>();
            node.Descriptor = backstage.ToDescriptor(problems);
            problems.ForEach(p => Problem(at, $"{p.Field} {p.Message}"));
        }

        node.ImportSource = Source(at, source);
    }

    /// <summary>An optional import source, by the rule every import's source follows (<see cref="Interop.ImportSync.SourceProblem"/>).</summary>
    private string? Source(string at, string? source)
    {
        if (Interop.ImportSync.SourceProblem(source) is { } problem)
        {
            Problem(at, $"source '{source}': {problem}");
        }

        return source?.Trim();
    }

    private void AddNode(string at, Node node)
    {
        if (node.Key.Length == 0)
        {
            return;
        }

        if (_nodes.TryGetValue(node.Key, out var existing))
        {
            Problem(at, $"key '{node.Key}' is already used by {existing.Where} (service, configuration item and supplier keys share one namespace)");
            return;
        }

        _nodes[node.Key] = (node, at);
    }

    private int Tier(string at, int? tier)
    {
        if (tier is null)
        {
            Problem(at, $"tier is required ({Service.HighestTier} = business-critical … {Service.LowestTier} = low)");
            return Service.LowestTier;
        }

        if (tier is < Service.HighestTier or > Service.LowestTier)
        {
            Problem(at, $"tier {tier} is outside {Service.HighestTier}–{Service.LowestTier}");
        }

        return tier.Value;
    }

    private Domain? DomainRef(string at, string? key, bool required)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            if (required)
            {
                Problem(at, $"domain is required (a key from {DomainsFile})");
            }

            return null;
        }

        if (_domains.TryGetValue(key, out var domain))
        {
            return domain;
        }

        Problem(at, $"domain '{key}' is not defined in {DomainsFile}");
        return null;
    }

    // ----- relationships

    private void ReadRelationships(RelationshipsFile file)
    {
        foreach (var (g, at, _) in Items(file.RedundancyGroups, RelationshipsFile + " redundancyGroups", g => g.Key))
        {
            var group = new RedundancyGroup
            {
                Key = Key(at, "key", g.Key),
                Name = Required(at, "name", g.Name, FieldLengths.Name),
                MinimumUp = g.MinimumUp ?? 1,
            };
            if (group.MinimumUp < 1)
            {
                Problem(at, $"minimumUp {group.MinimumUp} must be at least 1");
            }

            if (group.Key.Length > 0 && !_groups.TryAdd(group.Key, group))
            {
                Problem(at, $"key '{group.Key}' is defined twice");
            }

            _graph.RedundancyGroups.Add(group);
        }

        if (file.Relationships is null)
        {
            Problem(RelationshipsFile, "'relationships' is required (a list, possibly empty)");
            return;
        }

        var seen = new Dictionary<(string, string, RelationshipType), int>();
        var partOf = new List<(string Source, string Target)>();
        var partOfItems = new List<int>();
        foreach (var (r, at, i) in Items(file.Relationships, RelationshipsFile + " relationships", r => $"{r.From} {r.Type} {r.To}"))
        {
            var source = NodeRef(at, "from", r.From);
            var target = NodeRef(at, "to", r.To);
            var type = Enum(at, "type", r.Type, RelationshipType.DependsOn, required: true);
            var relationship = new Relationship
            {
                Source = source,
                Target = target,
                Type = type,
                Description = Optional(at, "description", r.Description, FieldLengths.Description),
                ImportSource = Source(at, r.Source),
            };
            if (!string.IsNullOrWhiteSpace(r.RedundancyGroup))
            {
                relationship.RedundancyGroup = _groups.GetValueOrDefault(r.RedundancyGroup);
                if (relationship.RedundancyGroup is null)
                {
                    Problem(at, $"redundancyGroup '{r.RedundancyGroup}' is not defined in redundancyGroups");
                }
            }

            if (source is null || target is null || r.Type is null || !System.Enum.TryParse<RelationshipType>(r.Type, true, out _))
            {
                _graph.Relationships.Add(relationship);
                continue;
            }

            if (ReferenceEquals(source, target))
            {
                Problem(at, $"'{source.Key}' cannot be related to itself");
            }
            else if (seen.TryGetValue((source.Key, target.Key, type), out var first))
            {
                Problem(at, $"repeats item {first + 1}: at most one {type} relationship from '{source.Key}' to '{target.Key}'");
            }
            else
            {
                seen[(source.Key, target.Key, type)] = i;
            }

            // The CMDB's own rules (RelationshipValidator: no self-links, no duplicates, no PartOf cycles) and no more: the
            // relationship editor and the imports store, for example, an API ProvidedBy the component that offers it
            // (Backstage's providesApis), and a bundle must load whatever the portal holds.
            if (type == RelationshipType.PartOf)
            {
                partOf.Add((source.Key, target.Key));
                partOfItems.Add(i);
            }

            _graph.Relationships.Add(relationship);
        }

        foreach (var cycle in KeyGraph.Find(partOf))
        {
            var item = partOfItems[cycle.ClosingEdge];
            var (source, target) = partOf[cycle.ClosingEdge];
            Problem(
                Item(RelationshipsFile + " relationships", item, $"{source} PartOf {target}"),
                $"closes a PartOf cycle {string.Join(" → ", cycle.Path)} (a part cannot contain its whole)");
        }

        foreach (var group in _graph.RedundancyGroups)
        {
            var members = _graph.Relationships.Count(r => ReferenceEquals(r.RedundancyGroup, group));
            if (members < group.MinimumUp)
            {
                Problem(
                    Item(RelationshipsFile + " redundancyGroups", _graph.RedundancyGroups.IndexOf(group), group.Key),
                    $"has {members} member relationship(s) but minimumUp is {group.MinimumUp}");
            }
        }
    }

    private static string Describe(Node node) => NodeTypeText.TypeOf(node).Describe();

    private Node? NodeRef(string at, string field, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Problem(at, $"{field} is required (a service, configuration item or supplier key)");
            return null;
        }

        if (_nodes.TryGetValue(key, out var node))
        {
            return node.Node;
        }

        Problem(at, $"{field} '{key}' is not defined in {ServicesFile}, {ConfigurationItemsFile} or {SuppliersFile}");
        return null;
    }

    private T? NodeRef<T>(string at, string field, string? key, string file, bool required)
        where T : Node
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            if (required)
            {
                Problem(at, $"{field} is required (a key from {file})");
            }

            return null;
        }

        if (!_nodes.TryGetValue(key, out var node))
        {
            Problem(at, $"{field} '{key}' is not defined in {file}");
            return null;
        }

        if (node.Node is T typed)
        {
            return typed;
        }

        Problem(at, $"{field} '{key}' is a {Describe(node.Node)}, not defined in {file}");
        return null;
    }

    // ----- contracts, SLA targets and measurements

    private void ReadContracts(List<ContractFile> contracts)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (c, at, _) in Items(contracts, ContractsFile, c => c.Reference))
        {
            var start = Date(at, "startDate", c.StartDate, required: true);
            var end = Date(at, "endDate", c.EndDate, required: true);
            var contract = new Contract
            {
                Reference = Key(at, "reference", c.Reference),
                Title = Required(at, "title", c.Title, FieldLengths.Name),
                Supplier = NodeRef<Supplier>(at, "supplier", c.Supplier, SuppliersFile, required: true),
                StartDate = start ?? default,
                EndDate = end ?? default,
                NoticePeriodDays = c.NoticePeriodDays ?? 0,
                AnnualValue = c.AnnualValue ?? 0,
                Currency = c.Currency ?? "EUR",
                Status = Enum(at, "status", c.Status, ContractStatus.Active, required: false),
            };
            Unique(at, "reference", contract.Reference, references);
            if (end < start)
            {
                Problem(at, $"endDate {contract.EndDate:yyyy-MM-dd} is before startDate {contract.StartDate:yyyy-MM-dd}");
            }

            if (contract.NoticePeriodDays < 0)
            {
                Problem(at, "noticePeriodDays cannot be negative");
            }

            if (contract.AnnualValue < 0)
            {
                Problem(at, "annualValue cannot be negative");
            }

            if (contract.Currency.Length != FieldLengths.Currency || !contract.Currency.All(char.IsAsciiLetterUpper))
            {
                Problem(at, $"currency '{contract.Currency}' is not a three-letter ISO code such as EUR");
            }

            foreach (var key in c.Services ?? [])
            {
                if (NodeRef<Service>(at, "services", key, ServicesFile, required: true) is not { } service)
                {
                    continue;
                }

                if (contract.Services.Contains(service))
                {
                    Problem(at, $"services lists '{service.Key}' twice");
                    continue;
                }

                contract.Services.Add(service);
            }

            foreach (var (t, j) in (c.SlaTargets ?? []).Select((t, j) => (t, j)))
            {
                if (ReadSlaTarget($"{at} slaTargets item {j + 1} ({t?.Key ?? "no key"})", t, contract) is { } target)
                {
                    contract.SlaTargets.Add(target);
                }
            }

            _graph.Contracts.Add(contract);
        }
    }

    private SlaTarget? ReadSlaTarget(string at, SlaTargetFile? t, Contract contract)
    {
        if (t is null)
        {
            Problem(at, "the item is null");
            return null;
        }

        var target = new SlaTarget
        {
            Key = Key(at, "key", t.Key),
            Name = Required(at, "name", t.Name, FieldLengths.Name),
            Contract = contract,
            Service = NodeRef<Service>(at, "service", t.Service, ServicesFile, required: true),
            Metric = Enum(at, "metric", t.Metric, SlaMetric.Custom, required: true),
            Unit = Required(at, "unit", t.Unit, FieldLengths.Short),
            Target = t.Target ?? RequiredValue<double>(at, "target"),
            Direction = Enum(at, "direction", t.Direction, TargetDirection.AtLeast, required: true),
            Period = Enum(at, "period", t.Period, MeasurementPeriod.Monthly, required: false),
            WarningBand = t.WarningBand ?? 0,
            ServiceCreditPercent = t.ServiceCreditPercent ?? 0,
        };
        if (target.Service is { } service && !contract.Services.Contains(service))
        {
            Problem(at, $"service '{service.Key}' is not in the contract's services");
        }

        if (target.WarningBand < 0)
        {
            Problem(at, "warningBand cannot be negative");
        }

        if (target.ServiceCreditPercent is < 0 or > 100)
        {
            Problem(at, $"serviceCreditPercent {target.ServiceCreditPercent} is outside 0–100");
        }

        if (target.Key.Length > 0 && !_targets.TryAdd(target.Key, target))
        {
            Problem(at, $"SLA target key '{target.Key}' is already used by another target in {ContractsFile}");
        }

        return target;
    }

    private void ReadMeasurements(List<MeasurementsFile> measurements)
    {
        foreach (var (m, at, _) in Items(measurements, MeasurementsFile, m => m.Target))
        {
            if (string.IsNullOrWhiteSpace(m.Target))
            {
                Problem(at, $"target is required (an SLA target key from {ContractsFile})");
                continue;
            }

            if (!_targets.TryGetValue(m.Target, out var target))
            {
                Problem(at, $"target '{m.Target}' is not an SLA target in {ContractsFile}");
                continue;
            }

            var recordedBy = Email(at, "recordedBy", m.RecordedBy, required: false);
            foreach (var (period, value) in m.Values ?? [])
            {
                if (!DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                {
                    Problem(at, $"period '{period}' is not a month (use yyyy-MM)");
                    continue;
                }

                if (target.Period == MeasurementPeriod.Quarterly && (start.Month - 1) % 3 != 0)
                {
                    Problem(at, $"period '{period}' is not the first month of a quarter, but target '{target.Key}' is measured quarterly");
                }

                if (!double.IsFinite(value))
                {
                    Problem(at, $"value for {period} is not a finite number");
                }

                if (target.Measurements.Any(x => x.PeriodStart == start))
                {
                    Problem(at, $"target '{target.Key}' already has a value for {period}");
                    continue;
                }

                target.Measurements.Add(new SlaMeasurement
                {
                    SlaTarget = target,
                    PeriodStart = start,
                    Value = value,
                    RecordedBy = recordedBy,
                    Note = m.Notes is not null && m.Notes.TryGetValue(period, out var note)
                        ? Optional(at, $"notes.{period}", note, FieldLengths.Description)
                        : null,
                });
            }

            foreach (var period in (m.Notes ?? []).Keys.Where(p => m.Values is null || !m.Values.ContainsKey(p)))
            {
                Problem(at, $"notes has '{period}', which has no value in values");
            }
        }
    }

    // ----- operating model

    private void ReadOperatingModel(OperatingModelFile file)
    {
        var orders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (s, at, _) in Items(file.Stages, OperatingModelFile + " stages", s => s.Key))
        {
            var stage = new ValueStreamStage
            {
                Key = Key(at, "key", s.Key),
                Name = Required(at, "name", s.Name, FieldLengths.Name),
                Order = s.Order ?? RequiredValue<int>(at, "order"),
                Description = Optional(at, "description", s.Description, FieldLengths.Description),
            };
            if (s.Order is not null)
            {
                Unique(at, "order", stage.Order.ToString(CultureInfo.InvariantCulture), orders);
            }

            if (stage.Key.Length > 0 && !_stages.TryAdd(stage.Key, stage))
            {
                Problem(at, $"key '{stage.Key}' is defined twice");
            }

            _graph.Stages.Add(stage);
        }

        var versions = new Dictionary<int, (ScoreVersion Version, int? BasedOn, string At)>();
        foreach (var (v, at, _) in Items(file.ScoreVersions, OperatingModelFile + " scoreVersions", v => v.Number is { } n ? $"v{n}" : null))
        {
            var version = new ScoreVersion
            {
                Number = v.Number ?? RequiredValue<int>(at, "number"),
                Title = Required(at, "title", v.Title, FieldLengths.Name),
                Status = Enum(at, "status", v.Status, ScoreVersionStatus.Draft, required: true),
                ChangeNote = Optional(at, "changeNote", v.ChangeNote, FieldLengths.Description),
                CreatedBy = Email(at, "createdBy", v.CreatedBy, required: false),
                PublishedBy = Email(at, "publishedBy", v.PublishedBy, required: false),
                PublishedAt = Timestamp(at, "publishedAt", v.PublishedAt),
            };
            if (v.Number is < 1)
            {
                Problem(at, "number must be 1 or more");
            }
            else if (v.Number is { } number && !versions.TryAdd(number, (version, v.BasedOn, at)))
            {
                Problem(at, $"version number {number} is defined twice");
            }

            if (version.Status != ScoreVersionStatus.Draft && version.PublishedAt is null)
            {
                Problem(at, $"publishedAt is required for a {version.Status} version");
            }

            ReadPractices(at, v.Practices, version);
            _graph.ScoreVersions.Add(version);
        }

        foreach (var status in new[] { ScoreVersionStatus.Draft, ScoreVersionStatus.Published })
        {
            if (_graph.ScoreVersions.Count(v => v.Status == status) > 1)
            {
                Problem(OperatingModelFile, $"more than one score version is {status}; there is at most one at a time");
            }
        }

        foreach (var (version, basedOn, at) in versions.Values)
        {
            if (basedOn is null)
            {
                continue;
            }

            if (versions.TryGetValue(basedOn.Value, out var earlier) && basedOn < version.Number)
            {
                _graph.BasedOn.Add((version, earlier.Version));
            }
            else
            {
                Problem(at, $"basedOn {basedOn} is not an earlier version in scoreVersions");
            }
        }

        if (versions.Count > 0)
        {
            foreach (var practice in versions[versions.Keys.Max()].Version.Practices)
            {
                _latestPractices.TryAdd(practice.Key, practice);
            }
        }
    }

    private void ReadPractices(string versionAt, List<PracticeFile>? practices, ScoreVersion version)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var positions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (p, i) in (practices ?? []).Select((p, i) => (p, i)))
        {
            var at = $"{versionAt} practices item {i + 1} ({p?.Key ?? "no key"})";
            if (p is null)
            {
                Problem(at, "the item is null");
                continue;
            }

            var practice = new Practice
            {
                ScoreVersion = version,
                Key = Key(at, "key", p.Key),
                Name = Required(at, "name", p.Name, FieldLengths.Name),
                Order = p.Order ?? RequiredValue<int>(at, "order"),
                Purpose = Optional(at, "purpose", p.Purpose, FieldLengths.Description),
                Policies = Optional(at, "policies", p.Policies, FieldLengths.Description),
            };
            if (string.IsNullOrWhiteSpace(p.Stage))
            {
                Problem(at, "stage is required (a stage key)");
            }
            else if (_stages.TryGetValue(p.Stage, out var stage))
            {
                practice.Stage = stage;
                if (p.Order is not null)
                {
                    Unique(at, $"order within stage {stage.Key}", $"{stage.Key}/{practice.Order}", positions);
                }
            }
            else
            {
                Problem(at, $"stage '{p.Stage}' is not defined in stages");
            }

            Unique(at, "key", practice.Key, keys);
            foreach (var (k, j) in (p.Kpis ?? []).Select((k, j) => (k, j)))
            {
                var kpiAt = $"{at} kpis item {j + 1} ({k?.Name ?? "no name"})";
                if (k is null)
                {
                    Problem(kpiAt, "the item is null");
                    continue;
                }

                practice.Kpis.Add(ReadKpi(kpiAt, k, j + 1));
            }

            version.Practices.Add(practice);
        }
    }

    // ----- governance

    private void ReadGovernance(GovernanceFile file)
    {
        var roles = new Dictionary<string, GovernanceRole>(StringComparer.Ordinal);
        var roleNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (r, at, _) in Items(file.Roles, GovernanceFile + " roles", r => r.Key))
        {
            var role = new GovernanceRole
            {
                Key = Key(at, "key", r.Key),
                Name = Required(at, "name", r.Name, FieldLengths.Name),
                Description = Optional(at, "description", r.Description, FieldLengths.Description),
            };
            Unique(at, "name", role.Name, roleNames);
            if (role.Key.Length > 0 && !roles.TryAdd(role.Key, role))
            {
                Problem(at, $"key '{role.Key}' is defined twice");
            }

            _graph.GovernanceRoles.Add(role);
        }

        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var (p, at, _) in Items(file.People, GovernanceFile + " people", p => p.Email))
        {
            var person = new Person
            {
                Name = Required(at, "name", p.Name, FieldLengths.Name),
                Email = Email(at, "email", p.Email, required: true) ?? "",
                JobTitle = Optional(at, "jobTitle", p.JobTitle, FieldLengths.Name),
                Organisation = Optional(at, "organisation", p.Organisation, FieldLengths.Name),
                Supplier = NodeRef<Supplier>(at, "supplier", p.Supplier, SuppliersFile, required: false),
                LeftOn = Date(at, "leftOn", p.LeftOn, required: false),
            };
            if (person.Email.Length > 0 && !people.TryAdd(person.Email, person))
            {
                Problem(at, $"email '{person.Email}' is used by another person");
            }

            _graph.People.Add(person);
        }

        var assignments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (a, at, _) in Items(file.Assignments, GovernanceFile + " assignments", a => $"{a.Person} {a.Role} {a.Scope} {a.Target}".TrimEnd()))
        {
            var assignment = new RoleAssignment
            {
                Person = Lookup(at, "person", a.Person, people, "an email from people"),
                Role = Lookup(at, "role", a.Role, roles, "a role key from roles"),
                ScopeType = Enum(at, "scope", a.Scope, ScopeType.Enterprise, required: true),
                Raci = Enum(at, "raci", a.Raci, Raci.Informed, required: true),
            };
            if (a.Scope is not null && System.Enum.TryParse<ScopeType>(a.Scope, true, out _))
            {
                Scope(at, a.Target, assignment);
            }

            var identity = $"{a.Person}|{a.Role}|{assignment.ScopeType}|{a.Target}|{assignment.Raci}";
            if (!assignments.TryAdd(identity, at))
            {
                Problem(at, $"repeats {assignments[identity]}");
            }

            _graph.RoleAssignments.Add(assignment);
        }
    }

    private void Scope(string at, string? target, RoleAssignment assignment)
    {
        if (assignment.ScopeType == ScopeType.Enterprise)
        {
            if (!string.IsNullOrWhiteSpace(target))
            {
                Problem(at, $"an Enterprise assignment has no target, but target is '{target}'");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            Problem(at, $"target is required for scope {assignment.ScopeType}");
            return;
        }

        switch (assignment.ScopeType)
        {
            case ScopeType.Domain:
                assignment.Domain = DomainRef(at, target, required: true);
                break;
            case ScopeType.Service:
                assignment.Node = NodeRef<Service>(at, "target", target, ServicesFile, required: true);
                break;
            case ScopeType.Supplier:
                assignment.Node = NodeRef<Supplier>(at, "target", target, SuppliersFile, required: true);
                break;
            case ScopeType.Practice:
                assignment.Practice = _latestPractices.GetValueOrDefault(target);
                if (assignment.Practice is null)
                {
                    Problem(at, $"target '{target}' is not a practice of the latest score version in {OperatingModelFile}");
                }

                break;
        }
    }

    private T? Lookup<T>(string at, string field, string? key, Dictionary<string, T> known, string expected)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Problem(at, $"{field} is required ({expected})");
            return null;
        }

        if (known.TryGetValue(key, out var value))
        {
            return value;
        }

        Problem(at, $"{field} '{key}' is not defined ({expected})");
        return null;
    }

    // ----- field checks

    private static string Item(string file, int index, string? key) => $"{file} item {index + 1} ({key ?? "no key"})";

    /// <summary>
    /// A file's items, each with where it is ("file item 3 (KEY)") and its index; a missing list is empty, and a null
    /// item is reported, not returned.
    /// </summary>
    private IEnumerable<(T Item, string At, int Index)> Items<T>(IReadOnlyList<T?>? items, string file, Func<T, string?> label)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is { } item)
            {
                yield return (item, Item(file, i, label(item)), i);
            }
            else
            {
                Problem(Item(file, i, null), "the item is null");
            }
        }
    }

    private void Problem(string at, string problem) => _problems.Add($"{at}: {problem}");

    private string Required(string at, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(at, $"{field} is required");
            return "";
        }

        return Length(at, field, value, maxLength);
    }

    private string? Optional(string at, string field, string? value, int maxLength) =>
        value is null ? null : Length(at, field, value, maxLength);

    /// <summary>A key (or contract reference): required, and the key grammar every other entry point applies (<see cref="TextRules.KeyProblem"/>).</summary>
    private string Key(string at, string field, string? value)
    {
        if (TextRules.KeyProblem(value?.Trim()) is { } problem)
        {
            Problem(at, $"{field} '{value}': {problem}");
            return value?.Trim() ?? "";
        }

        return value!.Trim();
    }

    /// <summary>The length limit and the text rules (<see cref="TextRules.Problem"/>; description-sized fields may span lines).</summary>
    private string Length(string at, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Problem(at, $"{field} is {value.Length} characters long; at most {maxLength} are allowed");
        }
        else if (TextRules.Problem(value, allowLineBreaks: maxLength >= FieldLengths.Description, isName: field is "name" or "title") is { } text)
        {
            Problem(at, $"{field} {text}");
        }

        return value;
    }

    private T RequiredValue<T>(string at, string field)
        where T : struct
    {
        Problem(at, $"{field} is required");
        return default;
    }

    private void Unique(string at, string field, string value, Dictionary<string, string> seen)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (!seen.TryAdd(value, at))
        {
            Problem(at, $"{field} '{value}' is already used by {seen[value]}");
        }
    }

    private string? Email(string at, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Problem(at, $"{field} is required");
            }

            return null;
        }

        var atSign = value.IndexOf('@', StringComparison.Ordinal);
        if (atSign <= 0 || atSign == value.Length - 1 || value.Any(char.IsWhiteSpace))
        {
            Problem(at, $"{field} '{value}' is not an e-mail address");
        }

        return Length(at, field, value, FieldLengths.Email);
    }

    private DateOnly? Date(string at, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Problem(at, $"{field} is required (yyyy-MM-dd)");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(at, $"{field} '{value}' is not a date (use yyyy-MM-dd)");
        return null;
    }

    private DateTime? Timestamp(string at, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            && value.Length >= 10 && value[4] == '-')
        {
            return moment.UtcDateTime;
        }

        Problem(at, $"{field} '{value}' is not an ISO 8601 date and time (e.g. 2026-01-15T09:00:00Z)");
        return null;
    }

    private TEnum Enum<TEnum>(string at, string field, string? value, TEnum fallback, bool required)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Problem(at, $"{field} is required (one of {string.Join(", ", System.Enum.GetNames<TEnum>())})");
            }

            return fallback;
        }

        // Names only: Enum.TryParse alone would also accept numbers such as "7".
        foreach (var name in System.Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.Parse<TEnum>(name);
            }
        }

        Problem(at, $"{field} '{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return fallback;
    }
}
