using ServicePortal.Core.Catalog;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Governance;

/// <summary>A role of the governance model: Conductor, Service owner, Practice owner, …</summary>
public class GovernanceRole : Entity
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }
}

/// <summary>Internal staff or a supplier contact who can hold governance roles.</summary>
public class Person : Entity
{
    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? JobTitle { get; set; }

    /// <summary>The organisation the person works for (a department, or the supplier's company name).</summary>
    public string? Organisation { get; set; }

    /// <summary>Set for a supplier's contact.</summary>
    public int? SupplierId { get; set; }

    public Supplier? Supplier { get; set; }

    /// <summary>The day the person left; their assignments then become governance gaps.</summary>
    public DateOnly? LeftOn { get; set; }

    /// <summary>
    /// Who is accountable, the one rule: from the day they leave on, a person counts as gone: they hold no role and may
    /// not be given one. Governance rules, the catalog's owner column and the impact view's "who to call" all ask this.
    /// </summary>
    public static bool HasLeft(DateOnly? leftOn, DateOnly today) => leftOn is { } left && left <= today;

    /// <summary>Today as the rule above counts days (UTC).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

public enum ScopeType
{
    Enterprise,
    Domain,
    Service,
    Practice,
    Supplier,
}

public enum Raci
{
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

/// <summary>A person holds a role over a scope with a RACI letter.</summary>
public class RoleAssignment : Entity
{
    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public int RoleId { get; set; }

    public GovernanceRole? Role { get; set; }

    public ScopeType ScopeType { get; set; }

    /// <summary>Set when <see cref="ScopeType"/> is Domain.</summary>
    public int? DomainId { get; set; }

    public Domain? Domain { get; set; }

    /// <summary>Set when <see cref="ScopeType"/> is Service or Supplier (both are graph nodes).</summary>
    public int? NodeId { get; set; }

    public Node? Node { get; set; }

    /// <summary>Set when <see cref="ScopeType"/> is Practice (a practice of one score version).</summary>
    public int? PracticeId { get; set; }

    public Practice? Practice { get; set; }

    public Raci Raci { get; set; }
}
