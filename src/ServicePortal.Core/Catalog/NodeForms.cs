using System.ComponentModel.DataAnnotations;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Catalog;

/// <summary>What the create/edit dialogs and the API send for a node.</summary>
public abstract class NodeForm : DescribedForm
{
    [EnumDataType(typeof(Lifecycle), ErrorMessage = "Lifecycle is not one of Pipeline, Live, Retired.")]
    public Lifecycle Lifecycle { get; set; } = Lifecycle.Live;

    [EnumDataType(typeof(OperationalStatus), ErrorMessage = "Status is not a known status.")]
    public OperationalStatus Status { get; set; } = OperationalStatus.Healthy;

    public int? DomainId { get; set; }

    public abstract NodeType NodeType { get; }

    /// <summary>A copy to edit, so that cancelling an edit leaves the original untouched.</summary>
    public NodeForm Copy() => (NodeForm)MemberwiseClone();

    /// <summary>An empty form for a new node of the type.</summary>
    public static NodeForm Blank(NodeType type) => type switch
    {
        NodeType.Service => new ServiceForm(),
        NodeType.ConfigurationItem => new ConfigurationItemForm(),
        _ => new SupplierForm(),
    };

    public static NodeForm From(Node node)
    {
        NodeForm form = node switch
        {
            Service s => new ServiceForm { Kind = s.Kind, Tier = s.Tier, Sourcing = s.Sourcing },
            ConfigurationItem c => new ConfigurationItemForm { CiType = c.CiType, Location = c.Location },
            Supplier s => new SupplierForm
            {
                IsInternal = s.IsInternal, Category = s.Category, RiskRating = s.RiskRating, Website = s.Website,
                ContactName = s.ContactName, ContactEmail = s.ContactEmail, ContactPhone = s.ContactPhone,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(node)),
        };
        form.Id = node.Id;
        form.Version = node.Version;
        form.Key = node.Key;
        form.Name = node.Name;
        form.Description = node.Description;
        form.Lifecycle = node.Lifecycle;
        form.Status = node.Status;
        form.DomainId = node.DomainId;
        return form;
    }

    /// <summary>Copies the form's values onto <paramref name="node"/> (the key only when the node is new).</summary>
    internal virtual void ApplyTo(Node node)
    {
        if (node.Id == 0)
        {
            node.Key = Key.Trim();
        }

        node.Name = Name.Trim();
        node.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        node.Lifecycle = Lifecycle;
        node.Status = Status;
        node.DomainId = DomainId;
    }

    internal abstract Node NewNode();
}

public sealed class ServiceForm : NodeForm
{
    public override NodeType NodeType => NodeType.Service;

    [EnumDataType(typeof(ServiceKind), ErrorMessage = "Kind is not one of Business, Application, Technical.")]
    public ServiceKind Kind { get; set; }

    [Range(Service.HighestTier, Service.LowestTier, ErrorMessage = "Tier is between 1 (critical) and 4.")]
    public int Tier { get; set; } = 3;

    [EnumDataType(typeof(Sourcing), ErrorMessage = "Sourcing is not one of Internal, External, Hybrid.")]
    public Sourcing Sourcing { get; set; }

    internal override void ApplyTo(Node node)
    {
        base.ApplyTo(node);
        var service = (Service)node;
        service.Kind = Kind;
        service.Tier = Tier;
        service.Sourcing = Sourcing;
    }

    internal override Node NewNode() => new Service { Key = "", Name = "" };
}

public sealed class ConfigurationItemForm : NodeForm
{
    public override NodeType NodeType => NodeType.ConfigurationItem;

    [EnumDataType(typeof(CiType), ErrorMessage = "Type is not a known configuration item type.")]
    public CiType CiType { get; set; }

    [StringLength(FieldLengths.Name, ErrorMessage = "Location is at most {1} characters.")]
    [PlainText(ErrorMessage = "Location must not contain control characters.")]
    public string? Location { get; set; }

    internal override void ApplyTo(Node node)
    {
        base.ApplyTo(node);
        var item = (ConfigurationItem)node;
        item.CiType = CiType;
        item.Location = string.IsNullOrWhiteSpace(Location) ? null : Location.Trim();
    }

    internal override Node NewNode() => new ConfigurationItem { Key = "", Name = "" };
}

public sealed class SupplierForm : NodeForm
{
    public override NodeType NodeType => NodeType.Supplier;

    public bool IsInternal { get; set; }

    [EnumDataType(typeof(SupplierCategory), ErrorMessage = "Category is not one of Strategic, Tactical, Operational, Commodity.")]
    public SupplierCategory Category { get; set; } = SupplierCategory.Operational;

    [EnumDataType(typeof(RiskRating), ErrorMessage = "Risk rating is not one of Low, Medium, High, Critical.")]
    public RiskRating RiskRating { get; set; } = RiskRating.Medium;

    [StringLength(FieldLengths.Name, ErrorMessage = "Website is at most {1} characters.")]
    [Url(ErrorMessage = "Website must be a full address such as https://example.com.")]
    public string? Website { get; set; }

    [StringLength(FieldLengths.Name, ErrorMessage = "Contact name is at most {1} characters.")]
    [PlainText(ErrorMessage = "Contact name must not contain control characters.")]
    public string? ContactName { get; set; }

    [StringLength(FieldLengths.Email, ErrorMessage = "Contact e-mail is at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Contact e-mail is not an e-mail address.")]
    public string? ContactEmail { get; set; }

    [StringLength(FieldLengths.Short, ErrorMessage = "Contact phone is at most {1} characters.")]
    [PlainText(ErrorMessage = "Contact phone must not contain control characters.")]
    public string? ContactPhone { get; set; }

    internal override void ApplyTo(Node node)
    {
        base.ApplyTo(node);
        var supplier = (Supplier)node;
        supplier.IsInternal = IsInternal;
        supplier.Category = Category;
        supplier.RiskRating = RiskRating;
        supplier.Website = Blank(Website);
        supplier.ContactName = Blank(ContactName);
        supplier.ContactEmail = Blank(ContactEmail);
        supplier.ContactPhone = Blank(ContactPhone);
    }

    internal override Node NewNode() => new Supplier { Key = "", Name = "" };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Create/edit form of a domain.</summary>
public sealed class DomainForm : DescribedForm
{
    public static DomainForm From(Domain d) => new() { Id = d.Id, Version = d.Version, Key = d.Key, Name = d.Name, Description = d.Description };
}
