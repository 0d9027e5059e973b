namespace ServicePortal.Core.Seeding;

/// <summary>What <see cref="SeedLoader"/> did: whether it stored the seed, why not, and how many rows of each kind.</summary>
public sealed record SeedResult
{
    public required bool Loaded { get; init; }

    public required string Message { get; init; }

    public int Domains { get; init; }

    public int Suppliers { get; init; }

    public int Services { get; init; }

    public int ConfigurationItems { get; init; }

    public int RedundancyGroups { get; init; }

    public int Relationships { get; init; }

    public int Contracts { get; init; }

    public int SlaTargets { get; init; }

    public int SlaMeasurements { get; init; }

    public int Stages { get; init; }

    public int ScoreVersions { get; init; }

    public int Practices { get; init; }

    public int PracticeKpis { get; init; }

    public int KpiMeasurements { get; init; }

    public int GovernanceRoles { get; init; }

    public int People { get; init; }

    public int RoleAssignments { get; init; }

    public int Nodes => Suppliers + Services + ConfigurationItems;
}
