using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.DataGenerator;

/// <summary>
/// A generated CMDB as plain data, usable without a database (benchmarks, graph tests). Every id is stable and
/// 1-based within its list (<c>Nodes[i].Id == i + 1</c>), and <see cref="ScaleGenerator.LoadAsync(Data.PortalDbContext, GeneratedCmdb, CancellationToken)"/>
/// stores rows with exactly these ids.
/// </summary>
public sealed record GeneratedCmdb(
    int Seed,
    IReadOnlyList<GeneratedDomain> Domains,
    IReadOnlyList<GeneratedNode> Nodes,
    IReadOnlyList<GeneratedRedundancyGroup> RedundancyGroups,
    IReadOnlyList<GeneratedRelationship> Relationships,
    IReadOnlyList<GeneratedContract> Contracts,
    IReadOnlyList<GeneratedContractService> ContractServices,
    IReadOnlyList<GeneratedSlaTarget> SlaTargets,
    IReadOnlyList<GeneratedMeasurement> Measurements)
{
    public IReadOnlyList<GeneratedRole> Roles { get; init; } = [];

    public IReadOnlyList<GeneratedPerson> People { get; init; } = [];

    public IReadOnlyList<GeneratedAssignment> Assignments { get; init; } = [];

    /// <summary>The operating model and its KPI measurements (issue 19).</summary>
    public GeneratedScore Score { get; init; } = GeneratedScore.Empty;

    /// <summary>The node kept as the worst case: almost everything depends on it, without redundancy.</summary>
    public int PathologicalHubId { get; init; }

    public GeneratedNode Node(int id) => Nodes[id - 1];

    public int Count(NodeType type) => Nodes.Count(n => n.NodeType == type);

    /// <summary>The graph engine's index of this data (relationship ids are 1-based positions, as stored).</summary>
    public GraphIndex ToGraphIndex() => GraphIndex.Build(
        [.. Nodes.Select(n => new GraphNode(n.Id, n.Key, n.Name, n.NodeType, n.Lifecycle, n.Status, n.DomainId, n.Kind, n.Tier, n.IsInternal))],
        [.. Relationships.Select((r, i) => new GraphEdge(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId, i + 1))],
        [.. RedundancyGroups.Select(g => new RedundancyGroupInfo(g.Id, g.MinimumUp))]);
}

public sealed record GeneratedDomain(int Id, string Key, string Name);

public sealed record GeneratedRole(int Id, string Key, string Name);

public sealed record GeneratedPerson(int Id, string Name, string Email, string JobTitle);

/// <summary>A person holding a role over a domain, a node (service or supplier) or the enterprise (both null).</summary>
public sealed record GeneratedAssignment(int Id, int PersonId, int RoleId, ScopeType ScopeType, int? DomainId, int? NodeId, Raci Raci);

/// <summary>A service, configuration item or supplier; the members of the other two node types are null.</summary>
public sealed record GeneratedNode(int Id, string Key, string Name, NodeType NodeType, int? DomainId, Lifecycle Lifecycle, OperationalStatus Status)
{
    public ServiceKind? Kind { get; init; }

    public int? Tier { get; init; }

    public Sourcing? Sourcing { get; init; }

    public CiType? CiType { get; init; }

    public string? Location { get; init; }

    public bool? IsInternal { get; init; }

    public SupplierCategory? Category { get; init; }

    public RiskRating? RiskRating { get; init; }
}

/// <summary>An edge "Source Type Target" between node ids.</summary>
public readonly record struct GeneratedRelationship(int SourceId, int TargetId, RelationshipType Type, int? RedundancyGroupId = null);

public sealed record GeneratedRedundancyGroup(int Id, string Key, string Name, int MinimumUp);

public sealed record GeneratedContract(
    int Id, string Reference, string Title, int SupplierId, DateOnly StartDate, DateOnly EndDate, int NoticePeriodDays, decimal AnnualValue, ContractStatus Status);

public readonly record struct GeneratedContractService(int ContractId, int ServiceId);

public sealed record GeneratedSlaTarget(
    int Id, string Key, string Name, int ContractId, int ServiceId, SlaMetric Metric, string Unit, double Target, TargetDirection Direction,
    double WarningBand, double ServiceCreditPercent);

public readonly record struct GeneratedMeasurement(int SlaTargetId, DateOnly PeriodStart, double Value);

/// <summary>What <see cref="ScaleGenerator.LoadAsync(Data.PortalDbContext, int, CancellationToken)"/> stored and how long it took.</summary>
public sealed record GenerationResult(
    int Domains,
    int Suppliers,
    int Services,
    int ConfigurationItems,
    int RedundancyGroups,
    int Relationships,
    int Contracts,
    int SlaTargets,
    int SlaMeasurements,
    TimeSpan GenerateTime,
    TimeSpan WriteTime)
{
    public int Nodes => Suppliers + Services + ConfigurationItems;

    public static GenerationResult Of(GeneratedCmdb data, TimeSpan generateTime, TimeSpan writeTime) => new(
        data.Domains.Count,
        data.Count(NodeType.Supplier),
        data.Count(NodeType.Service),
        data.Count(NodeType.ConfigurationItem),
        data.RedundancyGroups.Count,
        data.Relationships.Count,
        data.Contracts.Count,
        data.SlaTargets.Count,
        data.Measurements.Count,
        generateTime,
        writeTime);
}
