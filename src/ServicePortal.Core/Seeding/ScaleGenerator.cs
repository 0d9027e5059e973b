using System.Diagnostics;
using System.Text.Json;
using Bogus;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Seeding;

/// <summary>
/// Generates a CMDB of any size with the shapes of the sample enterprise, for benchmarks and load tests.
/// Deterministic: the same node count and seed give the same data, ids included.
/// <para>
/// Proportions of <c>nodeCount</c> (all graph nodes): suppliers 1% (at least 3; a quarter internal teams), then
/// 40% of the rest services (10% business, 50% application, 40% technical) and 60% configuration items.
/// Domains: one per 2,000 nodes, 5 to 100. About 5 relationships per node, the sample's mix of types:
/// services depend on services further down the stack and run on configuration items; applications and
/// databases run on servers and cloud resources; servers and cloud resources are part of larger ones; every
/// service and configuration item is provided by one supplier or two (hybrid sourcing: an internal team and an
/// external company). Two percent of application services depend on a redundant pair (minimum one up).
/// Each external supplier has a contract covering up to five services it provides, with an availability target
/// per service (some also a response-time target) and 12 monthly measurements (2025-12 … 2026-11), a few at
/// risk or breached.
/// </para>
/// <para>
/// Invariants, by construction: no self-links, no duplicate (source, target, type), no "part of" cycles
/// ("depends on", "runs on" and "part of" only point to higher ids within their layer), sourcing consistent
/// with the "provided by" suppliers.
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

    private static async Task WriteAsync(PortalDbContext db, GeneratedCmdb data, DateTime now, CancellationToken ct)
    {
        var bulk = new BulkInserter(db);
        await bulk.InsertAsync<Domain>(
            ["Id", "Key", "Name", "Description", "Version", "CreatedAt", "UpdatedAt"],
            data.Domains.Select(d => new object?[] { d.Id, d.Key, d.Name, "Generated domain.", 1, now, now }),
            ct);
        await bulk.InsertAsync<Node>(
            ["Id", "Key", "Name", "NodeType", "Lifecycle", "Status", "DomainId", "Kind", "Tier", "Sourcing", "CiType", "Location",
             "IsInternal", "Category", "RiskRating", "Version", "CreatedAt", "UpdatedAt"],
            data.Nodes.Select(n => new object?[]
            {
                n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle, n.Status, n.DomainId, n.Kind, n.Tier, n.Sourcing, n.CiType, n.Location,
                n.IsInternal, n.Category, n.RiskRating, 1, now, now,
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

        foreach (var type in new[] { typeof(Domain), typeof(Node), typeof(RedundancyGroup), typeof(Relationship), typeof(Contract), typeof(SlaTarget), typeof(SlaMeasurement) })
        {
            await bulk.AdvanceIdentityAsync(db.Model.FindEntityType(type)!, ct);
        }
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
            var serviceIds = AddServices(services);
            var itemIds = AddConfigurationItems(items);
            ConnectServices(serviceIds, itemIds);
            ConnectConfigurationItems(itemIds);
            var (contracts, contractServices, targets, measurements) = AddContracts();
            return new GeneratedCmdb(_seed, _domains, _nodes, _groups, _relationships, contracts, contractServices, targets, measurements);
        }

        private void AddDomains(int count)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var id = 1; id <= count; id++)
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
                _nodes.Add(new GeneratedNode(id, $"SUP-{id:D6}", Unique(names, name), NodeType.Supplier, _f.Random.Bool(0.5f) ? Domain() : null, Lifecycle.Live, OperationalStatus.Healthy)
                {
                    IsInternal = isInternal,
                    Category = _f.Random.WeightedRandom([SupplierCategory.Strategic, SupplierCategory.Tactical, SupplierCategory.Operational, SupplierCategory.Commodity], [0.15f, 0.35f, 0.35f, 0.15f]),
                    RiskRating = _f.Random.WeightedRandom([RiskRating.Low, RiskRating.Medium, RiskRating.High, RiskRating.Critical], [0.45f, 0.35f, 0.15f, 0.05f]),
                });
                (isInternal ? _internalSuppliers : _externalSuppliers).Add(id);
            }
        }

        /// <summary>Business services first, then application, then technical: dependencies point to higher ids.</summary>
        private List<int> AddServices(int count)
        {
            var ids = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                var id = _nodes.Count + 1;
                var kind = i < count / 10 ? ServiceKind.Business : i < count * 6 / 10 ? ServiceKind.Application : ServiceKind.Technical;
                var lifecycle = _f.Random.WeightedRandom([Lifecycle.Live, Lifecycle.Pipeline, Lifecycle.Retired], [0.9f, 0.06f, 0.04f]);
                var providers = Providers();
                var sourcing = providers.Count == 2 ? Sourcing.Hybrid : _nodes[providers[0] - 1].IsInternal == true ? Sourcing.Internal : Sourcing.External;
                var name = kind switch
                {
                    ServiceKind.Business => $"{_f.Commerce.Department()} {_f.PickRandom(BusinessWords)}",
                    ServiceKind.Application => $"{Capitalised(_f.Hacker.Adjective())} {_f.Hacker.Noun()} application",
                    _ => $"{Capitalised(_f.Hacker.Noun())} platform",
                };
                _nodes.Add(new GeneratedNode(id, $"SVC-{id:D6}", name, NodeType.Service, Domain(), lifecycle, Status(lifecycle))
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

        /// <summary>Ordered by layer (applications, databases, SaaS, servers, cloud, network): "runs on" and "part of" point to higher ids.</summary>
        private List<int> AddConfigurationItems(int count)
        {
            var types = Enumerable.Range(0, count)
                .Select(_ => _f.Random.WeightedRandom(
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
                _nodes.Add(new GeneratedNode(id, $"CI-{id:D6}", name, NodeType.ConfigurationItem, Domain(), lifecycle, Status(lifecycle))
                {
                    CiType = type,
                    Location = _f.PickRandom(Locations),
                });
                var providers = type == CiType.SaasTenant ? [_f.PickRandom(_externalSuppliers)] : Providers();
                foreach (var supplier in providers)
                {
                    Add(id, supplier, RelationshipType.ProvidedBy);
                }

                ids.Add(id);
            }

            return ids;
        }

        private void ConnectServices(List<int> services, List<int> items)
        {
            var window = Math.Max(20, services.Count / 50);
            var applicationItems = items.Where(i => _nodes[i - 1].CiType is CiType.Application or CiType.Database or CiType.SaasTenant).ToList();
            var infrastructureItems = items.Where(i => _nodes[i - 1].CiType is CiType.Server or CiType.CloudResource or CiType.NetworkLink).ToList();
            for (var index = 0; index < services.Count; index++)
            {
                var id = services[index];
                var kind = _nodes[id - 1].Kind;
                var dependencies = kind switch
                {
                    ServiceKind.Business => _f.Random.Int(3, 7),
                    ServiceKind.Application => _f.Random.Int(1, 6),
                    _ => _f.Random.Int(0, 3),
                };
                for (var d = 0; d < dependencies && index < services.Count - 1; d++)
                {
                    var target = _f.Random.Bool(0.7f)
                        ? services[_f.Random.Int(index + 1, Math.Min(services.Count - 1, index + window))]
                        : services[_f.Random.Int(index + 1, services.Count - 1)];
                    Add(id, target, RelationshipType.DependsOn);
                }

                if (kind == ServiceKind.Application && _f.Random.Bool(0.02f) && index < services.Count - 2)
                {
                    AddRedundantPair(id, services, index);
                }

                var (runsOn, pool) = kind switch
                {
                    ServiceKind.Business => (0, applicationItems),
                    ServiceKind.Application => (_f.Random.Int(2, 4), applicationItems),
                    _ => (_f.Random.Int(1, 5), infrastructureItems),
                };
                for (var r = 0; r < runsOn && pool.Count > 0; r++)
                {
                    Add(id, _f.PickRandom(pool), RelationshipType.RunsOn);
                }
            }
        }

        private void AddRedundantPair(int source, List<int> services, int index)
        {
            var first = services[_f.Random.Int(index + 1, services.Count - 1)];
            var second = services[_f.Random.Int(index + 1, services.Count - 1)];
            if (first == second || _edges.Contains((source, first, RelationshipType.DependsOn)) || _edges.Contains((source, second, RelationshipType.DependsOn)))
            {
                return;
            }

            var group = new GeneratedRedundancyGroup(_groups.Count + 1, $"RG-{_groups.Count + 1:D5}", $"Redundant pair {_groups.Count + 1}", 1);
            _groups.Add(group);
            Add(source, first, RelationshipType.DependsOn, group.Id);
            Add(source, second, RelationshipType.DependsOn, group.Id);
        }

        private void ConnectConfigurationItems(List<int> items)
        {
            var byType = items.GroupBy(i => _nodes[i - 1].CiType!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var hosts = items.Where(i => _nodes[i - 1].CiType is CiType.Server or CiType.CloudResource).ToList();
            var talkers = items.Where(i => _nodes[i - 1].CiType is CiType.Application or CiType.Database or CiType.SaasTenant).ToList();
            foreach (var id in items)
            {
                var type = _nodes[id - 1].CiType!.Value;
                switch (type)
                {
                    case CiType.Application:
                        Add(id, hosts, RelationshipType.RunsOn, 1);
                        Add(id, talkers, RelationshipType.ConnectsTo, _f.Random.Int(2, 6));
                        break;
                    case CiType.Database:
                        Add(id, hosts, RelationshipType.RunsOn, _f.Random.Bool(0.8f) ? 1 : 0);
                        Add(id, talkers, RelationshipType.ConnectsTo, _f.Random.Int(0, 3));
                        break;
                    case CiType.Server or CiType.CloudResource:
                        PartOfHigher(id, byType[type], _f.Random.Bool(type == CiType.Server ? 0.5f : 0.6f));
                        Add(id, byType.GetValueOrDefault(CiType.NetworkLink) ?? [], RelationshipType.ConnectsTo, _f.Random.Int(0, 2));
                        break;
                    case CiType.NetworkLink:
                        Add(id, hosts, RelationshipType.ConnectsTo, _f.Random.Int(1, 2));
                        break;
                }
            }
        }

        /// <summary>A part points to a whole of the same type with a higher id, so "part of" can never cycle.</summary>
        private void PartOfHigher(int id, List<int> sameType, bool add)
        {
            var position = sameType.BinarySearch(id);
            if (add && position < sameType.Count - 1)
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
                // Mostly met; about 6% at risk (inside the warning band) and 3% breached.
                var outcome = _f.Random.Double();
                var value = availability
                    ? outcome < 0.03 ? target - _f.Random.Double(0.01, 0.5) : outcome < 0.09 ? target + _f.Random.Double(0, band * 0.9) : _f.Random.Double(target + band, 100)
                    : outcome < 0.03 ? target + _f.Random.Double(1, target) : outcome < 0.09 ? target - _f.Random.Double(0, band * 0.9) : _f.Random.Double(target * 0.2, target - band);
                measurements.Add(new GeneratedMeasurement(id, FirstPeriod.AddMonths(month), Math.Round(value, availability ? 3 : 0)));
            }
        }

        private List<int> Providers()
        {
            var draw = _f.Random.Double();
            return draw < 0.7 ? [_f.PickRandom(_internalSuppliers)]
                : draw < 0.88 ? [_f.PickRandom(_externalSuppliers)]
                : [_f.PickRandom(_internalSuppliers), _f.PickRandom(_externalSuppliers)];
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

        private int Domain() => _f.Random.Int(1, _domains.Count);

        private OperationalStatus Status(Lifecycle lifecycle) => lifecycle == Lifecycle.Pipeline
            ? OperationalStatus.Unknown
            : _f.Random.WeightedRandom(
                [OperationalStatus.Healthy, OperationalStatus.AtRisk, OperationalStatus.Degraded, OperationalStatus.Down],
                [0.93f, 0.03f, 0.03f, 0.01f]);

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
