using System.Diagnostics;
using System.Text.Json;
using Bogus;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.DataGenerator;

/// <summary>
/// Generates a CMDB of any size shaped like a real enterprise's, for benchmarks and load tests. Deterministic: the same
/// node count and seed give the same data, ids included.
/// <para>
/// Proportions of <c>nodeCount</c>: suppliers 1% (at least 3; a quarter internal teams), then 40% of the rest services
/// and 60% configuration items. Domains: one per 2,000 nodes, 5 to 100; domain 1 is <b>shared infrastructure</b>.
/// Each business domain has <b>its own platforms</b>, in shallow layers: business services depend on the domain's
/// applications, front-end applications on a few back-end ones, applications on its technical services (10% on a
/// redundant pair of them), platforms on at most one core platform; applications run on the domain's application,
/// database and SaaS items (30% on a redundant pair), platforms on its servers and cloud resources (60% on a redundant
/// pair), and those items on the domain's hosts (part of larger ones). Application items connect to a few others, 3% to
/// another domain's. The domain's hosts run on a <b>redundant pair</b> of shared
/// platforms (90%; minimum one up) or on one shared host. <b>Suppliers</b> serve one to three domains and provide only
/// there. <b>People</b>: a conductor and an architect per domain, an accountable service owner for 98% of the services
/// not retired (about 25 services each; the rest are governance gaps), a supplier manager per external supplier.
/// Recorded status: 99.4% healthy (0.02% down, 0.1% degraded, 0.5% at risk); SLA measurements about 4% at risk and 1.5% breached.
/// </para>
/// <para>
/// One deliberately <b>pathological hub</b> (<see cref="GeneratedCmdb.PathologicalHubId"/>, the last node): the core
/// network fabric every shared host runs on without redundancy, so its failure reaches nearly everything — kept for
/// worst-case figures.
/// </para>
/// <para>
/// Invariants, by construction: no self-links, no duplicate (source, target, type), "depends on", "runs on" and "part
/// of" only point to higher ids (business domains first, shared infrastructure last), so none can cycle; sourcing
/// consistent with the "provided by" suppliers.
/// </para>
/// </summary>
public static class ScaleGenerator
{
    public const int DefaultSeed = 42;

    public const int MinimumNodeCount = 10;

    private static readonly DateOnly FirstPeriod = new(2025, 12, 1);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly string[] Locations =
        ["Data centre AMS1", "Data centre FRA2", "Cloud eu-west-1", "Cloud eu-central-1", "Cloud us-east-1", "Distribution centre Tilburg", "Head office"];

    private static readonly string[] BusinessWords = ["ordering", "fulfilment", "customer care", "reporting", "payments", "planning", "returns", "marketing"];

    private static readonly string[] CloudKinds = ["Kubernetes cluster", "Object storage", "Function app", "Message queue", "Virtual network", "Cache"];

    /// <summary>Generates <paramref name="nodeCount"/> nodes (services, configuration items and suppliers) and their relationships.</summary>
    public static GeneratedCmdb Generate(int nodeCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, MinimumNodeCount);
        return new Builder(nodeCount, seed).Build();
    }

    /// <summary>Generates <paramref name="nodeCount"/> nodes with the default seed and stores them (see the other overload).</summary>
    public static async Task<GenerationResult> LoadAsync(PortalDbContext db, int nodeCount, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var data = Generate(nodeCount);
        var generateTime = clock.Elapsed;
        var result = await LoadAsync(db, data, ct);
        return result with { GenerateTime = generateTime };
    }

    /// <summary>
    /// Stores generated data, with its ids, in one transaction into a database that has the schema and an empty
    /// catalog. Bulk multi-row INSERTs on the context's connection (the change tracker would need minutes for
    /// half a million rows); one summary audit entry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The catalog already has domains or nodes.</exception>
    public static async Task<GenerationResult> LoadAsync(PortalDbContext db, GeneratedCmdb data, CancellationToken ct = default)
    {
        if (await db.Nodes.AnyAsync(ct) || await db.Domains.AnyAsync(ct) || await db.RedundancyGroups.AnyAsync(ct) || await db.Contracts.AnyAsync(ct))
        {
            throw new InvalidOperationException("The generator loads into an empty catalog, but this database already has domains, nodes or contracts.");
        }

        var clock = Stopwatch.StartNew();
        var suppressAudit = db.SuppressAudit;
        db.SuppressAudit = true;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await WriteAsync(db, data, DateTime.UtcNow, ct);
            db.AuditEntries.Add(Summary(data));
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.SuppressAudit = suppressAudit;
            await db.Database.CloseConnectionAsync();
        }

        return GenerationResult.Of(data, TimeSpan.Zero, clock.Elapsed);
    }

    private static readonly NodeDescriptor Empty = new();

    private static async Task WriteAsync(PortalDbContext db, GeneratedCmdb data, DateTime now, CancellationToken ct)
    {
        var bulk = new BulkInserter(db);
        await bulk.InsertAsync<Domain>(
            ["Id", "Key", "Name", "Description", "Version", "CreatedAt", "UpdatedAt"],
            data.Domains.Select(d => new object?[] { d.Id, d.Key, d.Name, "Generated domain.", 1, now, now }),
            ct);
        await bulk.InsertAsync<Node>(
            ["Id", "Key", "Name", "NodeType", "Lifecycle", "Status", "DomainId", "Kind", "Tier", "Sourcing", "CiType", "Location",
             "IsInternal", "Category", "RiskRating", "Deprecated", "Descriptor", "Version", "CreatedAt", "UpdatedAt"],
            data.Nodes.Select(n => new object?[]
            {
                n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle, n.Status, n.DomainId, n.Kind, n.Tier, n.Sourcing, n.CiType, n.Location,
                n.IsInternal, n.Category, n.RiskRating, false, Empty, 1, now, now,
            }),
            ct);
        await bulk.InsertAsync<RedundancyGroup>(
            ["Id", "Key", "Name", "MinimumUp", "Version", "CreatedAt", "UpdatedAt"],
            data.RedundancyGroups.Select(g => new object?[] { g.Id, g.Key, g.Name, g.MinimumUp, 1, now, now }),
            ct);
        await bulk.InsertAsync<Relationship>(
            ["Id", "SourceId", "TargetId", "Type", "RedundancyGroupId", "Version", "CreatedAt", "UpdatedAt"],
            data.Relationships.Select((r, i) => new object?[] { i + 1, r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, 1, now, now }),
            ct);
        await bulk.InsertAsync<Contract>(
            ["Id", "Reference", "Title", "SupplierId", "StartDate", "EndDate", "NoticePeriodDays", "AnnualValue", "Currency", "Status", "Version", "CreatedAt", "UpdatedAt"],
            data.Contracts.Select(c => new object?[]
            {
                c.Id, c.Reference, c.Title, c.SupplierId, c.StartDate, c.EndDate, c.NoticePeriodDays, c.AnnualValue, "EUR", c.Status, 1, now, now,
            }),
            ct);
        var contractServices = db.Model.FindEntityType("ContractServices") ?? throw new InvalidOperationException("ContractServices is not in the model.");
        await bulk.InsertAsync(contractServices, ["ContractId", "ServiceId"], data.ContractServices.Select(cs => new object?[] { cs.ContractId, cs.ServiceId }), ct);
        await bulk.InsertAsync<SlaTarget>(
            ["Id", "Key", "Name", "ContractId", "ServiceId", "Metric", "Unit", "Target", "Direction", "Period", "WarningBand", "ServiceCreditPercent", "Version", "CreatedAt", "UpdatedAt"],
            data.SlaTargets.Select(t => new object?[]
            {
                t.Id, t.Key, t.Name, t.ContractId, t.ServiceId, t.Metric, t.Unit, t.Target, t.Direction, MeasurementPeriod.Monthly, t.WarningBand,
                t.ServiceCreditPercent, 1, now, now,
            }),
            ct);
        await bulk.InsertAsync<SlaMeasurement>(
            ["Id", "SlaTargetId", "PeriodStart", "Value", "RecordedBy", "Version", "CreatedAt", "UpdatedAt"],
            data.Measurements.Select((m, i) => new object?[] { i + 1, m.SlaTargetId, m.PeriodStart, m.Value, "generator", 1, now, now }),
            ct);

        await bulk.InsertAsync<GovernanceRole>(
            ["Id", "Key", "Name", "Version", "CreatedAt", "UpdatedAt"],
            data.Roles.Select(r => new object?[] { r.Id, r.Key, r.Name, 1, now, now }),
            ct);
        await bulk.InsertAsync<ServicePortal.Core.Governance.Person>(
            ["Id", "Name", "Email", "JobTitle", "Version", "CreatedAt", "UpdatedAt"],
            data.People.Select(p => new object?[] { p.Id, p.Name, p.Email, p.JobTitle, 1, now, now }),
            ct);
        await bulk.InsertAsync<RoleAssignment>(
            ["Id", "PersonId", "RoleId", "ScopeType", "DomainId", "NodeId", "Raci", "Version", "CreatedAt", "UpdatedAt"],
            data.Assignments.Select(a => new object?[] { a.Id, a.PersonId, a.RoleId, a.ScopeType, a.DomainId, a.NodeId, a.Raci, 1, now, now }),
            ct);

        await WriteScoreAsync(db, bulk, data.Score, now, ct);

        foreach (var type in new[]
                 {
                     typeof(Domain), typeof(Node), typeof(RedundancyGroup), typeof(Relationship), typeof(Contract), typeof(SlaTarget), typeof(SlaMeasurement),
                     typeof(GovernanceRole), typeof(ServicePortal.Core.Governance.Person), typeof(RoleAssignment),
                     typeof(ValueStreamStage), typeof(ScoreVersion), typeof(Practice), typeof(PracticeKpi), typeof(KpiMeasurement),
                 })
        {
            await bulk.AdvanceIdentityAsync(db.Model.FindEntityType(type)!, ct);
        }
    }

    /// <summary>The operating model: stages, one published score version (v1), its practices, KPIs and their measurements.</summary>
    private static async Task WriteScoreAsync(PortalDbContext db, BulkInserter bulk, GeneratedScore score, DateTime now, CancellationToken ct)
    {
        // A database that already holds an operating model (the sample's, say) keeps it: a second one could not share its stage keys.
        if (score.Stages.Count == 0 || await db.Stages.AnyAsync(ct) || await db.ScoreVersions.AnyAsync(ct))
        {
            return;
        }

        await bulk.InsertAsync<ValueStreamStage>(
            ["Id", "Key", "Name", "Order", "Version", "CreatedAt", "UpdatedAt"],
            score.Stages.Select(s => new object?[] { s.Id, s.Key, s.Name, s.Order, 1, now, now }),
            ct);
        await bulk.InsertAsync<ScoreVersion>(
            ["Id", "Number", "Title", "Status", "ChangeNote", "CreatedBy", "PublishedAt", "PublishedBy", "Version", "CreatedAt", "UpdatedAt"],
            [[1, 1, "Generated common score", ScoreVersionStatus.Published, "Generated for scale tests.", "generator", now, "generator", 1, now, now]],
            ct);
        await bulk.InsertAsync<Practice>(
            ["Id", "ScoreVersionId", "Key", "Name", "StageId", "Order", "Version", "CreatedAt", "UpdatedAt"],
            score.Practices.Select(p => new object?[] { p.Id, 1, p.Key, p.Name, p.StageId, p.Order, 1, now, now }),
            ct);
        await bulk.InsertAsync<PracticeKpi>(
            ["Id", "PracticeId", "Key", "Name", "Metric", "Unit", "Target", "Direction", "WarningBand", "Period", "Order", "Version", "CreatedAt", "UpdatedAt"],
            score.Kpis.Select(k => new object?[]
            {
                k.Id, k.PracticeId, k.Key, k.Name, k.Metric, k.Unit, k.Target, k.Direction, k.WarningBand, MeasurementPeriod.Monthly, k.Order, 1, now, now,
            }),
            ct);
        await bulk.InsertAsync<KpiMeasurement>(
            ["Id", "KpiKey", "PeriodStart", "Value", "RecordedBy", "Version", "CreatedAt", "UpdatedAt"],
            score.Measurements.Select((m, i) => new object?[] { i + 1, m.KpiKey, m.PeriodStart, m.Value, "generator", 1, now, now }),
            ct);
    }

    private static AuditEntry Summary(GeneratedCmdb data) => new()
    {
        At = DateTime.UtcNow,
        UserName = SystemActor.SystemName,
        EntityType = "GeneratedCmdb",
        EntityId = $"{data.Nodes.Count}-nodes-seed-{data.Seed}",
        EntityName = "Scale generator",
        Action = AuditAction.Created,
        Changes = JsonSerializer.Serialize(new Dictionary<string, FieldChange>
        {
            ["Domains"] = new(null, data.Domains.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Nodes"] = new(null, data.Nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Relationships"] = new(null, data.Relationships.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Contracts"] = new(null, data.Contracts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["SlaTargets"] = new(null, data.SlaTargets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["SlaMeasurements"] = new(null, data.Measurements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["KpiMeasurements"] = new(null, data.Score.Measurements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }),
    };

    /// <summary>One generation run; all randomness comes from one seeded <see cref="Faker"/>.</summary>
    private sealed class Builder
    {
        private readonly Faker _f;
        private readonly int _nodeCount;
        private readonly int _seed;
        private readonly List<GeneratedDomain> _domains = [];
        private readonly List<GeneratedNode> _nodes = [];
        private readonly List<GeneratedRelationship> _relationships = [];
        private readonly List<GeneratedRedundancyGroup> _groups = [];
        private readonly HashSet<(int, int, RelationshipType)> _edges = [];
        private readonly List<int> _internalSuppliers = [];
        private readonly List<int> _externalSuppliers = [];
        private readonly Dictionary<int, List<int>> _servicesBySupplier = [];
        private readonly Dictionary<int, List<int>> _internalByDomain = [];
        private readonly Dictionary<int, List<int>> _externalByDomain = [];
        private readonly List<(int GroupId, int First, int Second)> _sharedPairs = [];

        public Builder(int nodeCount, int seed)
        {
            _nodeCount = nodeCount;
            _seed = seed;
            _f = new Faker("en") { Random = new Randomizer(seed) };
        }

        public GeneratedCmdb Build()
        {
            var suppliers = Math.Max(3, _nodeCount / 100);
            var services = (_nodeCount - suppliers) * 2 / 5;
            var items = _nodeCount - suppliers - services;
            var domains = Math.Clamp(_nodeCount / 2000, 5, 100);

            AddDomains(domains);
            AddSuppliers(suppliers);
            AssignSuppliersToDomains();

            // Business domains first, the shared infrastructure domain (domain 1) last and the hub at the very end, so
            // every "depends on", "runs on" and "part of" points to a higher id and none can cycle.
            var sharedServices = Math.Max(1, services / 20);
            var sharedItems = Math.Max(2, items / 10) - 1;
            var perDomainServices = Spread(services - sharedServices, domains - 1);
            var perDomainItems = Spread(items - sharedItems - 1, domains - 1);
            var blocks = new List<DomainBlock>();
            for (var d = 2; d <= domains; d++)
            {
                var serviceIds = AddServices(d, perDomainServices[d - 2], shared: false);
                var itemIds = AddConfigurationItems(d, perDomainItems[d - 2]);
                blocks.Add(new DomainBlock(d, serviceIds, itemIds));
            }

            var shared = new DomainBlock(1, AddServices(1, sharedServices, shared: true), AddConfigurationItems(1, sharedItems, shared: true));
            var hub = AddHub();
            ConnectShared(shared, hub);
            foreach (var block in blocks)
            {
                ConnectServices(block);
                ConnectConfigurationItems(block, blocks);
                ConnectToShared(block, shared);
            }

            var (contracts, contractServices, targets, measurements) = AddContracts();
            var (roles, people, assignments) = AddPeople();
            return new GeneratedCmdb(_seed, _domains, _nodes, _groups, _relationships, contracts, contractServices, targets, measurements)
            {
                Roles = roles,
                People = people,
                Assignments = assignments,
                PathologicalHubId = hub,
                Score = GeneratedScore.Generate(_nodeCount, _seed, FirstPeriod.AddMonths(11)),
            };
        }

        private sealed record DomainBlock(int DomainId, List<int> Services, List<int> Items)
        {
            public List<int> Of(GeneratedCmdbView nodes, params CiType[] types) => [.. Items.Where(i => types.Contains(nodes[i].CiType!.Value))];

            public List<int> OfKind(GeneratedCmdbView nodes, ServiceKind kind) => [.. Services.Where(i => nodes[i].Kind == kind)];
        }

        /// <summary>Nodes by id, for the block helpers.</summary>
        private sealed class GeneratedCmdbView(List<GeneratedNode> nodes)
        {
            public GeneratedNode this[int id] => nodes[id - 1];
        }

        private GeneratedCmdbView View => new(_nodes);

        private static int[] Spread(int total, int parts)
        {
            var result = new int[parts];
            for (var i = 0; i < parts; i++)
            {
                result[i] = (total / parts) + (i < total % parts ? 1 : 0);
            }

            return result;
        }

        private void AddDomains(int count)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Shared infrastructure" };
            _domains.Add(new GeneratedDomain(1, "DOM-001", "Shared infrastructure"));
            for (var id = 2; id <= count; id++)
            {
                _domains.Add(new GeneratedDomain(id, $"DOM-{id:D3}", Unique(names, $"{_f.Commerce.Department()} {_f.PickRandom("Channels", "Operations", "Platforms", "Services", "Analytics")}")));
            }
        }

        private void AddSuppliers(int count)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var internalCount = Math.Max(1, count / 4);
            for (var i = 0; i < count; i++)
            {
                var id = _nodes.Count + 1;
                var isInternal = i < internalCount;
                var name = isInternal ? $"{_f.Commerce.Department()} {_f.PickRandom("Engineering", "Operations", "IT", "Platform team")}" : _f.Company.CompanyName();
                _nodes.Add(new GeneratedNode(id, $"SUP-{id:D6}", Unique(names, name), NodeType.Supplier, null, Lifecycle.Live, OperationalStatus.Healthy)
                {
                    IsInternal = isInternal,
                    Category = _f.Random.WeightedRandom([SupplierCategory.Strategic, SupplierCategory.Tactical, SupplierCategory.Operational, SupplierCategory.Commodity], [0.15f, 0.35f, 0.35f, 0.15f]),
                    RiskRating = _f.Random.WeightedRandom([RiskRating.Low, RiskRating.Medium, RiskRating.High, RiskRating.Critical], [0.45f, 0.35f, 0.15f, 0.05f]),
                });
                (isInternal ? _internalSuppliers : _externalSuppliers).Add(id);
            }
        }

        /// <summary>Each supplier serves a few domains (one to three); every domain gets at least one internal team and one company.</summary>
        private void AssignSuppliersToDomains()
        {
            foreach (var domain in _domains)
            {
                _internalByDomain[domain.Id] = [];
                _externalByDomain[domain.Id] = [];
            }

            foreach (var supplier in _internalSuppliers.Concat(_externalSuppliers))
            {
                var isInternal = _nodes[supplier - 1].IsInternal == true;
                var served = _f.Random.Int(1, 3);
                for (var i = 0; i < served; i++)
                {
                    var list = (isInternal ? _internalByDomain : _externalByDomain)[_f.Random.Int(1, _domains.Count)];
                    if (!list.Contains(supplier))
                    {
                        list.Add(supplier);
                    }
                }
            }

            foreach (var domain in _domains)
            {
                if (_internalByDomain[domain.Id].Count == 0)
                {
                    _internalByDomain[domain.Id].Add(_f.PickRandom(_internalSuppliers));
                }

                if (_externalByDomain[domain.Id].Count == 0)
                {
                    _externalByDomain[domain.Id].Add(_f.PickRandom(_externalSuppliers));
                }
            }

            foreach (var supplier in _internalSuppliers.Concat(_externalSuppliers))
            {
                var home = _domains.FirstOrDefault(d => _internalByDomain[d.Id].Contains(supplier) || _externalByDomain[d.Id].Contains(supplier));
                _nodes[supplier - 1] = _nodes[supplier - 1] with { DomainId = home?.Id };
            }
        }

        /// <summary>A domain's services: business first, then application, then technical; dependencies point to higher ids.</summary>
        private List<int> AddServices(int domain, int count, bool shared)
        {
            var ids = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                var id = _nodes.Count + 1;
                var kind = shared ? ServiceKind.Technical : i < Math.Max(1, count / 10) ? ServiceKind.Business : i < count * 6 / 10 ? ServiceKind.Application : ServiceKind.Technical;
                var lifecycle = _f.Random.WeightedRandom([Lifecycle.Live, Lifecycle.Pipeline, Lifecycle.Retired], [0.9f, 0.06f, 0.04f]);
                var providers = Providers(domain);
                var sourcing = providers.Count == 2 ? Sourcing.Hybrid : _nodes[providers[0] - 1].IsInternal == true ? Sourcing.Internal : Sourcing.External;
                var name = kind switch
                {
                    ServiceKind.Business => $"{_f.Commerce.Department()} {_f.PickRandom(BusinessWords)}",
                    ServiceKind.Application => $"{Capitalised(_f.Hacker.Adjective())} {_f.Hacker.Noun()} application",
                    _ => $"{Capitalised(_f.Hacker.Noun())} platform",
                };
                _nodes.Add(new GeneratedNode(id, $"SVC-{id:D6}", name, NodeType.Service, domain, lifecycle, Status(lifecycle))
                {
                    Kind = kind,
                    Tier = kind switch
                    {
                        ServiceKind.Business => _f.Random.Int(1, 2),
                        ServiceKind.Application => _f.Random.WeightedRandom([1, 2, 3, 4], [0.2f, 0.35f, 0.3f, 0.15f]),
                        _ => _f.Random.WeightedRandom([1, 2, 3, 4], [0.35f, 0.3f, 0.25f, 0.1f]),
                    },
                    Sourcing = sourcing,
                });
                foreach (var supplier in providers)
                {
                    Add(id, supplier, RelationshipType.ProvidedBy);
                    if (_nodes[supplier - 1].IsInternal == false)
                    {
                        if (!_servicesBySupplier.TryGetValue(supplier, out var list))
                        {
                            _servicesBySupplier[supplier] = list = [];
                        }

                        list.Add(id);
                    }
                }

                ids.Add(id);
            }

            return ids;
        }

        /// <summary>A domain's items by layer (applications, databases, SaaS, servers, cloud, network): "runs on" and "part of" point to higher ids.</summary>
        private List<int> AddConfigurationItems(int domain, int count, bool shared = false)
        {
            var types = Enumerable.Range(0, count)
                .Select(_ => shared
                    ? _f.Random.WeightedRandom([CiType.Server, CiType.CloudResource, CiType.NetworkLink], [0.4f, 0.45f, 0.15f])
                    : _f.Random.WeightedRandom(
                        [CiType.Application, CiType.Database, CiType.SaasTenant, CiType.Server, CiType.CloudResource, CiType.NetworkLink],
                        [0.35f, 0.15f, 0.10f, 0.20f, 0.15f, 0.05f]))
                .OrderBy(Layer)
                .ToList();
            var ids = new List<int>(count);
            foreach (var type in types)
            {
                var id = _nodes.Count + 1;
                var lifecycle = _f.Random.WeightedRandom([Lifecycle.Live, Lifecycle.Pipeline, Lifecycle.Retired], [0.92f, 0.04f, 0.04f]);
                var name = type switch
                {
                    CiType.Application => $"{_f.Hacker.Noun()}-{_f.Hacker.Verb()} app",
                    CiType.Database => $"{_f.Database.Engine()} {_f.Hacker.Noun()} database",
                    CiType.SaasTenant => $"{_f.Internet.DomainWord()} tenant",
                    CiType.Server => $"srv-{_f.Random.AlphaNumeric(6)}",
                    CiType.CloudResource => $"{_f.PickRandom(CloudKinds)} {_f.Internet.DomainWord()}",
                    _ => $"Link {_f.Address.City()} – {_f.Address.City()}",
                };
                _nodes.Add(new GeneratedNode(id, $"CI-{id:D6}", name, NodeType.ConfigurationItem, domain, lifecycle, Status(lifecycle))
                {
                    CiType = type,
                    Location = _f.PickRandom(Locations),
                });
                var providers = type == CiType.SaasTenant ? [_f.PickRandom(_externalByDomain[domain])] : Providers(domain);
                foreach (var supplier in providers)
                {
                    Add(id, supplier, RelationshipType.ProvidedBy);
                }

                ids.Add(id);
            }

            return ids;
        }

        /// <summary>The deliberately pathological hub: the core network fabric every shared host runs on, without redundancy.</summary>
        private int AddHub()
        {
            var id = _nodes.Count + 1;
            _nodes.Add(new GeneratedNode(id, $"CI-{id:D6}", "Core network fabric (pathological hub)", NodeType.ConfigurationItem, 1, Lifecycle.Live, OperationalStatus.Healthy)
            {
                CiType = CiType.NetworkLink,
                Location = Locations[0],
            });
            Add(id, _internalByDomain[1][0], RelationshipType.ProvidedBy);
            return id;
        }

        /// <summary>Shared platforms run on shared hosts; shared hosts are part of larger ones and run on the hub.</summary>
        private void ConnectShared(DomainBlock shared, int hub)
        {
            var view = View;
            var hosts = shared.Of(view, CiType.Server, CiType.CloudResource);
            var links = shared.Of(view, CiType.NetworkLink);
            foreach (var service in shared.Services)
            {
                Add(service, hosts, RelationshipType.RunsOn, _f.Random.Int(1, 2));
            }

            foreach (var link in links)
            {
                Add(link, hosts, RelationshipType.ConnectsTo, _f.Random.Int(1, 2));
            }

            // Redundant pairs of shared platforms that domains run on (one of two must be up). They are not wholes of
            // smaller parts, so the pairs fail only when their own members do.
            var platforms = hosts.Where(h => view[h].CiType == CiType.CloudResource).ToList();
            if (platforms.Count < 2)
            {
                platforms = hosts;
            }

            var paired = new HashSet<int>();
            for (var i = 0; i + 1 < platforms.Count && _sharedPairs.Count < Math.Max(2, _domains.Count); i += 2)
            {
                var group = new GeneratedRedundancyGroup(_groups.Count + 1, $"RG-{_groups.Count + 1:D5}", $"Shared platform pair {_groups.Count + 1}", 1);
                _groups.Add(group);
                _sharedPairs.Add((group.Id, platforms[i], platforms[i + 1]));
                paired.UnionWith([platforms[i], platforms[i + 1]]);
            }

            var wholes = hosts.Where(h => !paired.Contains(h)).ToList();
            foreach (var host in hosts)
            {
                if (!paired.Contains(host))
                {
                    PartOfHigher(host, wholes, _f.Random.Bool(0.2f));
                }

                Add(host, hub, RelationshipType.RunsOn);
            }
        }

        /// <summary>
        /// A domain's services in shallow layers, as in the sample: business services on applications; front-end
        /// applications on a few back-end ones (the domain's last fifth), which rely on no other application; platforms
        /// on at most one of the domain's core platforms (the last fifth of its technical services), which rely on no
        /// other service. So a failure climbs at most a handful of levels instead of chains dozens deep. Platforms run
        /// on a redundant pair of hosts (one of two must be up) more often than not, applications on a pair of
        /// deployments now and then.
        /// </summary>
        private void ConnectServices(DomainBlock block)
        {
            var view = View;
            var applications = block.OfKind(view, ServiceKind.Application);
            var technical = block.OfKind(view, ServiceKind.Technical);
            var backEnds = applications.Skip(applications.Count * 4 / 5).ToList();
            var corePlatforms = technical.Skip(technical.Count * 4 / 5).ToList();
            var backEndSet = backEnds.ToHashSet();
            var coreSet = corePlatforms.ToHashSet();
            var applicationItems = block.Of(view, CiType.Application, CiType.Database, CiType.SaasTenant);
            var hosts = block.Of(view, CiType.Server, CiType.CloudResource);
            var infrastructure = block.Of(view, CiType.Server, CiType.CloudResource, CiType.NetworkLink);
            foreach (var id in block.Services)
            {
                switch (view[id].Kind)
                {
                    case ServiceKind.Business:
                        Add(id, applications, RelationshipType.DependsOn, _f.Random.Int(2, 5));
                        break;
                    case ServiceKind.Application:
                        if (!backEndSet.Contains(id))
                        {
                            Add(id, backEnds, RelationshipType.DependsOn, _f.Random.Int(0, 2));
                        }

                        if (!_f.Random.Bool(0.1f) || !AddRedundant(id, technical, RelationshipType.DependsOn))
                        {
                            Add(id, technical, RelationshipType.DependsOn, _f.Random.Int(1, 2));
                        }

                        if (!_f.Random.Bool(0.3f) || !AddRedundant(id, applicationItems, RelationshipType.RunsOn))
                        {
                            Add(id, applicationItems, RelationshipType.RunsOn, _f.Random.Int(1, 2));
                        }
                        break;
                    default:
                        if (!coreSet.Contains(id))
                        {
                            Add(id, corePlatforms, RelationshipType.DependsOn, _f.Random.Bool(0.6f) ? 1 : 0);
                        }

                        if (!_f.Random.Bool(0.6f) || !AddRedundant(id, hosts, RelationshipType.RunsOn))
                        {
                            Add(id, infrastructure, RelationshipType.RunsOn, 1);
                        }

                        break;
                }
            }
        }

        /// <summary>Two edges to two members of <paramref name="candidates"/> with higher ids, in a new one-of-two group; false (and nothing added) when no such pair was drawn.</summary>
        private bool AddRedundant(int source, List<int> candidates, RelationshipType type)
        {
            if (candidates.Count < 2)
            {
                return false;
            }

            var first = _f.PickRandom(candidates);
            var second = _f.PickRandom(candidates);
            if (first == second || first <= source || second <= source
                || _edges.Contains((source, first, type)) || _edges.Contains((source, second, type)))
            {
                return false;
            }

            var group = new GeneratedRedundancyGroup(_groups.Count + 1, $"RG-{_groups.Count + 1:D5}", $"Redundant pair {_groups.Count + 1}", 1);
            _groups.Add(group);
            Add(source, first, type, group.Id);
            Add(source, second, type, group.Id);
            return true;
        }

        private void ConnectConfigurationItems(DomainBlock block, List<DomainBlock> blocks)
        {
            var view = View;
            var hosts = block.Of(view, CiType.Server, CiType.CloudResource);
            var talkers = block.Of(view, CiType.Application, CiType.Database, CiType.SaasTenant);
            var links = block.Of(view, CiType.NetworkLink);
            foreach (var id in block.Items)
            {
                var type = view[id].CiType!.Value;
                switch (type)
                {
                    case CiType.Application:
                        Add(id, hosts, RelationshipType.RunsOn, 1);
                        Add(id, talkers, RelationshipType.ConnectsTo, _f.Random.Bool(0.4f) ? 1 : 0);
                        if (_f.Random.Bool(0.03f))
                        {
                            // An integration with another domain's application.
                            var other = _f.PickRandom(blocks);
                            Add(id, other.Of(view, CiType.Application), RelationshipType.ConnectsTo, 1);
                        }

                        break;
                    case CiType.Database:
                        Add(id, hosts, RelationshipType.RunsOn, _f.Random.Bool(0.8f) ? 1 : 0);
                        break;
                    case CiType.Server or CiType.CloudResource:
                        PartOfHigher(id, hosts.Where(h => view[h].CiType == type).ToList(), _f.Random.Bool(0.2f));
                        break;
                    case CiType.NetworkLink:
                        Add(id, hosts, RelationshipType.ConnectsTo, _f.Random.Int(1, 2));
                        break;
                }
            }
        }

        /// <summary>A domain's hosts run on one of the shared platform pairs (redundant), a few on one shared host alone.</summary>
        private void ConnectToShared(DomainBlock block, DomainBlock shared)
        {
            var view = View;
            var sharedHosts = shared.Of(view, CiType.Server, CiType.CloudResource);
            if (sharedHosts.Count == 0)
            {
                return;
            }

            var pair = _sharedPairs.Count > 0 ? _sharedPairs[(block.DomainId - 2) % _sharedPairs.Count] : default;
            foreach (var host in block.Of(view, CiType.Server, CiType.CloudResource))
            {
                if (_sharedPairs.Count > 0 && _f.Random.Bool(0.9f))
                {
                    Add(host, pair.First, RelationshipType.RunsOn, pair.GroupId);
                    Add(host, pair.Second, RelationshipType.RunsOn, pair.GroupId);
                }
                else
                {
                    Add(host, _f.PickRandom(sharedHosts), RelationshipType.RunsOn);
                }
            }
        }

        /// <summary>Governance roles, people and their RACI: a conductor per domain, an accountable owner per service, a manager per supplier.</summary>
        private (List<GeneratedRole>, List<GeneratedPerson>, List<GeneratedAssignment>) AddPeople()
        {
            List<GeneratedRole> roles =
            [
                new(1, GovernanceRoleKeys.Conductor, "Conductor"),
                new(2, GovernanceRoleKeys.ServiceOwner, "Service owner"),
                new(3, GovernanceRoleKeys.SupplierManager, "Supplier manager"),
                new(4, GovernanceRoleKeys.ServiceLevelManager, "Service level manager"),
                new(5, GovernanceRoleKeys.Architect, "Architect"),
            ];
            var people = new List<GeneratedPerson>();
            var assignments = new List<GeneratedAssignment>();
            var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int Person(string title)
            {
                var id = people.Count + 1;
                var first = _f.Name.FirstName();
                var last = _f.Name.LastName();
                var email = Unique(emails, $"{first}.{last}".ToLowerInvariant().Replace(' ', '-').Replace('\'', '-')).Replace(' ', '-') + "@example.com";
                people.Add(new GeneratedPerson(id, $"{first} {last}", email, title));
                return id;
            }

            void Assign(int person, int role, ScopeType scope, int? domain, int? node, Raci raci) =>
                assignments.Add(new GeneratedAssignment(assignments.Count + 1, person, role, scope, domain, node, raci));

            Assign(Person("Chief information officer"), 1, ScopeType.Enterprise, null, null, Raci.Accountable);
            var ownersByDomain = new Dictionary<int, List<int>>();
            foreach (var domain in _domains)
            {
                Assign(Person("Domain lead"), 1, ScopeType.Domain, domain.Id, null, Raci.Accountable);
                Assign(Person("Architect"), 5, ScopeType.Domain, domain.Id, null, Raci.Consulted);
                ownersByDomain[domain.Id] = [];
            }

            foreach (var service in _nodes.Where(n => n.NodeType == NodeType.Service && n.Lifecycle != Lifecycle.Retired))
            {
                // About 25 services per owner; one live service in fifty has no accountable owner (a governance gap).
                if (_f.Random.Bool(0.02f))
                {
                    continue;
                }

                var pool = ownersByDomain[service.DomainId!.Value];
                if (pool.Count == 0 || _f.Random.Bool(0.04f))
                {
                    pool.Add(Person("Service owner"));
                }

                Assign(_f.PickRandom(pool), 2, ScopeType.Service, null, service.Id, Raci.Accountable);
                if (_f.Random.Bool(0.2f))
                {
                    Assign(_f.PickRandom(pool), 4, ScopeType.Service, null, service.Id, Raci.Responsible);
                }
            }

            foreach (var supplier in _externalSuppliers)
            {
                Assign(Person("Supplier manager"), 3, ScopeType.Supplier, null, supplier, Raci.Accountable);
            }

            return (roles, people, assignments);
        }
        /// <summary>A part points to a whole of the same type with a higher id, so "part of" can never cycle.</summary>
        private void PartOfHigher(int id, List<int> sameType, bool add)
        {
            var position = sameType.BinarySearch(id);
            if (add && position >= 0 && position < sameType.Count - 1)
            {
                Add(id, sameType[_f.Random.Int(position + 1, Math.Min(sameType.Count - 1, position + 50))], RelationshipType.PartOf);
            }
        }

        private (List<GeneratedContract>, List<GeneratedContractService>, List<GeneratedSlaTarget>, List<GeneratedMeasurement>) AddContracts()
        {
            var contracts = new List<GeneratedContract>();
            var covered = new List<GeneratedContractService>();
            var targets = new List<GeneratedSlaTarget>();
            var measurements = new List<GeneratedMeasurement>();
            foreach (var supplier in _externalSuppliers)
            {
                if (!_servicesBySupplier.TryGetValue(supplier, out var provided))
                {
                    continue;
                }

                var start = new DateOnly(2022, 1, 1).AddDays(_f.Random.Int(0, 1400));
                var end = start.AddYears(_f.Random.Int(2, 6)).AddDays(-1);
                var status = end < Today ? ContractStatus.Expired : ContractStatus.Active;
                var contract = new GeneratedContract(
                    contracts.Count + 1, $"CT-{contracts.Count + 1:D6}", $"{_nodes[supplier - 1].Name} services agreement", supplier, start, end,
                    _f.PickRandom(30, 60, 90, 180), Math.Round(_f.Random.Decimal(5_000m, 2_500_000m) / 1000m) * 1000m, status);
                contracts.Add(contract);
                foreach (var service in provided.Take(5))
                {
                    covered.Add(new GeneratedContractService(contract.Id, service));
                    AddTarget(targets, measurements, contract, service, SlaMetric.Availability);
                    if (_f.Random.Bool(0.4f))
                    {
                        AddTarget(targets, measurements, contract, service, SlaMetric.ResponseTime);
                    }
                }
            }

            return (contracts, covered, targets, measurements);
        }

        private void AddTarget(List<GeneratedSlaTarget> targets, List<GeneratedMeasurement> measurements, GeneratedContract contract, int service, SlaMetric metric)
        {
            var id = targets.Count + 1;
            var availability = metric == SlaMetric.Availability;
            var target = availability ? _f.PickRandom(99.5, 99.9, 99.95) : _f.PickRandom(15, 30, 60);
            var band = availability ? Math.Round((100 - target) / 5, 3) : target / 5;
            targets.Add(new GeneratedSlaTarget(
                id, $"SLA-{id:D6}", availability ? "Availability" : "Incident response (priority 1)", contract.Id, service, metric,
                availability ? "%" : "min", target, availability ? TargetDirection.AtLeast : TargetDirection.AtMost, band, _f.PickRandom(0, 2, 5, 10)));
            if (contract.Status != ContractStatus.Active)
            {
                return;
            }

            for (var month = 0; month < 12; month++)
            {
                // Mostly met; about 4% at risk (inside the warning band) and 1.5% breached.
                var outcome = _f.Random.Double();
                var value = availability
                    ? outcome < 0.015 ? target - _f.Random.Double(0.01, 0.5) : outcome < 0.055 ? target + _f.Random.Double(0, band * 0.9) : _f.Random.Double(target + band, 100)
                    : outcome < 0.015 ? target + _f.Random.Double(1, target) : outcome < 0.055 ? target - _f.Random.Double(0, band * 0.9) : _f.Random.Double(target * 0.2, target - band);
                measurements.Add(new GeneratedMeasurement(id, FirstPeriod.AddMonths(month), Math.Round(value, availability ? 3 : 0)));
            }
        }

        /// <summary>One internal team (70%), one company (18%) or both (hybrid), among those serving the domain.</summary>
        private List<int> Providers(int domain)
        {
            var draw = _f.Random.Double();
            return draw < 0.7 ? [_f.PickRandom(_internalByDomain[domain])]
                : draw < 0.88 ? [_f.PickRandom(_externalByDomain[domain])]
                : [_f.PickRandom(_internalByDomain[domain]), _f.PickRandom(_externalByDomain[domain])];
        }

        private void Add(int source, List<int> pool, RelationshipType type, int count)
        {
            for (var i = 0; i < count && pool.Count > 0; i++)
            {
                Add(source, _f.PickRandom(pool), type);
            }
        }

        /// <summary>Adds the edge unless it is a self-link or already there (then the draw is simply lost).</summary>
        private void Add(int source, int target, RelationshipType type, int? group = null)
        {
            if (source != target && _edges.Add((source, target, type)))
            {
                _relationships.Add(new GeneratedRelationship(source, target, type, group));
            }
        }

        private OperationalStatus Status(Lifecycle lifecycle) => lifecycle == Lifecycle.Pipeline
            ? OperationalStatus.Unknown
            : _f.Random.WeightedRandom(
                [OperationalStatus.Healthy, OperationalStatus.AtRisk, OperationalStatus.Degraded, OperationalStatus.Down],
                [0.9938f, 0.005f, 0.001f, 0.0002f]);

        private static int Layer(CiType type) => type switch
        {
            CiType.Application => 0,
            CiType.Database => 1,
            CiType.SaasTenant => 2,
            CiType.Server => 3,
            CiType.CloudResource => 4,
            _ => 5,
        };

        private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private static string Unique(HashSet<string> used, string name)
        {
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{name} {n}";
            }

            return candidate;
        }
    }
}
