using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// What list pages show. Classes with settable properties (not positional records) so that EF can compose
/// filters and sorting onto the projection and run them in the database.
/// </summary>
public sealed class ServiceRow
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public ServiceKind Kind { get; set; }

    public Lifecycle Lifecycle { get; set; }

    public int Tier { get; set; }

    /// <summary>The domain's key, for the ?domain= filter of the list (the dashboard links to it).</summary>
    public string? DomainKey { get; set; }

    public Sourcing Sourcing { get; set; }

    public string? Domain { get; set; }

    /// <summary>The person holding the Accountable service-owner assignment (the first one, if the data has several).</summary>
    public string? Owner { get; set; }
}

public sealed class ConfigurationItemRow
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public CiType CiType { get; set; }

    public Lifecycle Lifecycle { get; set; }

    public OperationalStatus Status { get; set; }

    public string? Domain { get; set; }

    public string? Location { get; set; }
}

public sealed class SupplierRow
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public bool IsInternal { get; set; }

    public SupplierCategory Category { get; set; }

    public RiskRating RiskRating { get; set; }

    public Lifecycle Lifecycle { get; set; }

    public int Contracts { get; set; }

    public string? ContactName { get; set; }
}

public sealed class DomainRow
{
    public int Id { get; set; }

    /// <summary>The version read with the row: a delete from the list sends it, so an edit made meanwhile is not deleted unseen.</summary>
    public int Version { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int Services { get; set; }

    public int ConfigurationItems { get; set; }
}

/// <summary>One page of a list, and how many rows match in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>
/// A list request: paging, free-text search, and optional extra filtering and sorting composed onto the query
/// (the web layer passes the data grid's column filters and sort here; they run in the database).
/// </summary>
public sealed record ListRequest<T>(int Skip = 0, int Take = 20, string? Search = null, Func<IQueryable<T>, IQueryable<T>>? Shape = null)
{
    public const int MaxTake = 500;
}
