using System.ComponentModel.DataAnnotations;

namespace ServicePortal.Core.Governance;

/// <summary>A governance role as the role catalogue lists it.</summary>
public sealed record RoleRow(int Id, int Version, string Key, string Name, string? Description, int Assignments);

/// <summary>A person as the people directory lists it.</summary>
public sealed record PersonRow(
    int Id, int Version, string Name, string Email, string? JobTitle, string? Organisation, int? SupplierId, string? SupplierName, DateOnly? LeftOn, int Assignments)
{
    public bool IsSupplierContact => SupplierId is not null;
}

/// <summary>A role assignment: who holds which role over what, with which RACI letter.</summary>
/// <param name="ScopeKey">The key of what the role is held over ("enterprise" for the enterprise); the Web links it to the scope's page.</param>
/// <param name="IsReadOnly">True over a practice of a published or superseded score version.</param>
public sealed record AssignmentRow(
    int Id,
    int PersonId,
    string PersonName,
    bool PersonHasLeft,
    int RoleId,
    string RoleKey,
    string RoleName,
    ScopeType ScopeType,
    int? ScopeId,
    string ScopeKey,
    string ScopeName,
    Raci Raci,
    bool IsReadOnly)
{
    public string Letter => RaciLetters.Of(Raci);
}

/// <summary>Which assignments a list shows; every set field narrows it.</summary>
/// <param name="IncludeSuperseded">Also assignments over practices of superseded score versions (history; hidden from lists by default).</param>
public sealed record AssignmentFilter(
    int? AssignmentId = null, int? PersonId = null, string? RoleKey = null, ScopeType? ScopeType = null, int? ScopeId = null, string? DomainKey = null, string? Search = null,
    bool IncludeSuperseded = false);

/// <summary>Something an assignment can be over, for pickers.</summary>
public sealed record ScopeOption(int Id, string Key, string Name);

public static class RaciLetters
{
    public static string Of(Raci raci) => raci switch
    {
        Raci.Responsible => "R",
        Raci.Accountable => "A",
        Raci.Consulted => "C",
        _ => "I",
    };
}

public sealed class RoleForm : DescribedForm
{
    public static RoleForm From(GovernanceRole r) => new() { Id = r.Id, Version = r.Version, Key = r.Key, Name = r.Name, Description = r.Description };
}

public sealed class PersonForm
{
    public int? Id { get; set; }

    public int Version { get; set; }

    [Required(ErrorMessage = "Name is required.")]
    [StringLength(FieldLengths.Name, ErrorMessage = "Name is at most {1} characters.")]
    [PlainText(IsName = true, ErrorMessage = "Name must not contain control characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "E-mail is required.")]
    [StringLength(FieldLengths.Email, ErrorMessage = "E-mail is at most {1} characters.")]
    [EmailAddress(ErrorMessage = "E-mail is not an e-mail address.")]
    public string Email { get; set; } = "";

    [StringLength(FieldLengths.Name, ErrorMessage = "Job title is at most {1} characters.")]
    [PlainText(ErrorMessage = "Job title must not contain control characters.")]
    public string? JobTitle { get; set; }

    [StringLength(FieldLengths.Name, ErrorMessage = "Organisation is at most {1} characters.")]
    [PlainText(ErrorMessage = "Organisation must not contain control characters.")]
    public string? Organisation { get; set; }

    /// <summary>Set for a supplier's contact; empty for internal staff.</summary>
    public int? SupplierId { get; set; }

    public DateOnly? LeftOn { get; set; }

    public static PersonForm From(Person p) => new()
    {
        Id = p.Id, Version = p.Version, Name = p.Name, Email = p.Email, JobTitle = p.JobTitle, Organisation = p.Organisation, SupplierId = p.SupplierId, LeftOn = p.LeftOn,
    };
}

public sealed class AssignmentForm
{
    [Range(1, int.MaxValue, ErrorMessage = "Person is required.")]
    public int PersonId { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Role is required.")]
    public int RoleId { get; set; }

    [EnumDataType(typeof(ScopeType), ErrorMessage = "Scope is not one of Enterprise, Domain, Service, Practice, Supplier.")]
    public ScopeType ScopeType { get; set; } = ScopeType.Service;

    /// <summary>The domain, service, practice or supplier id; empty for the enterprise.</summary>
    public int? ScopeId { get; set; }

    [EnumDataType(typeof(Raci), ErrorMessage = "RACI is not one of Responsible, Accountable, Consulted, Informed.")]
    public Raci Raci { get; set; } = Raci.Responsible;
}
