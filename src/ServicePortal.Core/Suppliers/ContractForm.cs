using System.ComponentModel.DataAnnotations;

namespace ServicePortal.Core.Suppliers;

/// <summary>What the contract dialog sends. <see cref="Version"/> is the version the user loaded (0 for a new contract).</summary>
public sealed class ContractForm
{
    public int? Id { get; set; }

    public int Version { get; set; }

    [Required(ErrorMessage = "Reference is required.")]
    [StringLength(FieldLengths.Key, ErrorMessage = "Reference is at most {1} characters.")]
    [RegularExpression(TextRules.KeyPattern, ErrorMessage = "Reference: " + TextRules.KeyMessage)]
    public string Reference { get; set; } = "";

    [Required(ErrorMessage = "Title is required.")]
    [StringLength(FieldLengths.Name, ErrorMessage = "Title is at most {1} characters.")]
    [PlainText(IsName = true, ErrorMessage = "Title must not contain control characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Supplier is required.")]
    public int? SupplierId { get; set; }

    [Required(ErrorMessage = "Start date is required.")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "End date is required.")]
    public DateOnly? EndDate { get; set; }

    [Range(0, 3650, ErrorMessage = "Notice period is between 0 and 3650 days.")]
    public int NoticePeriodDays { get; set; } = 90;

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Annual value is between 0 and 1,000,000,000,000.")]
    public decimal AnnualValue { get; set; }

    [Required(ErrorMessage = "Currency is required.")]
    [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "Currency is a 3-letter ISO code such as EUR or USD.")]
    public string Currency { get; set; } = "EUR";

    [EnumDataType(typeof(ContractStatus), ErrorMessage = "Status is not one of Draft, Active, Expired, Terminated.")]
    public ContractStatus Status { get; set; } = ContractStatus.Active;

    /// <summary>The services the contract covers.</summary>
    public List<int> ServiceIds { get; set; } = [];

    public ContractForm Copy()
    {
        var copy = (ContractForm)MemberwiseClone();
        copy.ServiceIds = [.. ServiceIds];
        return copy;
    }

    public static ContractForm From(Contract contract) => new()
    {
        Id = contract.Id,
        Version = contract.Version,
        Reference = contract.Reference,
        Title = contract.Title,
        SupplierId = contract.SupplierId,
        StartDate = contract.StartDate,
        EndDate = contract.EndDate,
        NoticePeriodDays = contract.NoticePeriodDays,
        AnnualValue = contract.AnnualValue,
        Currency = contract.Currency,
        Status = contract.Status,
        ServiceIds = contract.Services.Select(s => s.Id).Order().ToList(),
    };
}
