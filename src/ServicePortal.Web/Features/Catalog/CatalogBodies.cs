using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Catalog;

// The catalog API's own bodies. Nodes and domains are named by key (a node's domain too); a response has the request's
// fields, so a client can GET, change a field and PUT the body back. On create the dialog's defaults apply to an
// omitted field; on update an omitted field keeps its value (send "" to clear a text or the domain). Version may
// replace If-Match.

/// <summary>A service as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record ServiceResponse(
    string Key, string Name, string? Description, ServiceKind Kind, int Tier, Sourcing Sourcing, Lifecycle Lifecycle, OperationalStatus Status,
    string? Domain, string? DomainName, int Version) : INodeResponse
{
    internal static ServiceResponse From(ServiceForm f, DomainRow? domain) =>
        new(f.Key, f.Name, f.Description, f.Kind, f.Tier, f.Sourcing, f.Lifecycle, f.Status, domain?.Key, domain?.Name, f.Version);
}

/// <summary>A service to create or change (the domain by key).</summary>
public sealed record ServiceRequest(
    string? Key = null, string? Name = null, string? Description = null, ServiceKind? Kind = null, int? Tier = null, Sourcing? Sourcing = null,
    Lifecycle? Lifecycle = null, OperationalStatus? Status = null, string? Domain = null, int Version = 0) : INodeRequest<ServiceForm>
{
    void INodeRequest<ServiceForm>.ApplyTo(ServiceForm form)
    {
        NodeBodies.Apply(form, Name, Description, Lifecycle, Status);
        form.Kind = Kind ?? form.Kind;
        form.Tier = Tier ?? form.Tier;
        form.Sourcing = Sourcing ?? form.Sourcing;
    }
}

/// <summary>A configuration item as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record ConfigurationItemResponse(
    string Key, string Name, string? Description, CiType CiType, string? Location, Lifecycle Lifecycle, OperationalStatus Status,
    string? Domain, string? DomainName, int Version) : INodeResponse
{
    internal static ConfigurationItemResponse From(ConfigurationItemForm f, DomainRow? domain) =>
        new(f.Key, f.Name, f.Description, f.CiType, f.Location, f.Lifecycle, f.Status, domain?.Key, domain?.Name, f.Version);
}

/// <summary>A configuration item to create or change (the domain by key).</summary>
public sealed record ConfigurationItemRequest(
    string? Key = null, string? Name = null, string? Description = null, CiType? CiType = null, string? Location = null,
    Lifecycle? Lifecycle = null, OperationalStatus? Status = null, string? Domain = null, int Version = 0) : INodeRequest<ConfigurationItemForm>
{
    void INodeRequest<ConfigurationItemForm>.ApplyTo(ConfigurationItemForm form)
    {
        NodeBodies.Apply(form, Name, Description, Lifecycle, Status);
        form.CiType = CiType ?? form.CiType;
        form.Location = Location ?? form.Location;
    }
}

/// <summary>A supplier as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record SupplierResponse(
    string Key, string Name, string? Description, bool IsInternal, SupplierCategory Category, RiskRating RiskRating, string? Website, string? ContactName,
    string? ContactEmail, string? ContactPhone, Lifecycle Lifecycle, OperationalStatus Status, string? Domain, string? DomainName, int Version) : INodeResponse
{
    internal static SupplierResponse From(SupplierForm f, DomainRow? domain) =>
        new(f.Key, f.Name, f.Description, f.IsInternal, f.Category, f.RiskRating, f.Website, f.ContactName, f.ContactEmail, f.ContactPhone,
            f.Lifecycle, f.Status, domain?.Key, domain?.Name, f.Version);
}

/// <summary>A supplier to create or change (the domain by key).</summary>
public sealed record SupplierRequest(
    string? Key = null, string? Name = null, string? Description = null, bool? IsInternal = null, SupplierCategory? Category = null, RiskRating? RiskRating = null,
    string? Website = null, string? ContactName = null, string? ContactEmail = null, string? ContactPhone = null,
    Lifecycle? Lifecycle = null, OperationalStatus? Status = null, string? Domain = null, int Version = 0) : INodeRequest<SupplierForm>
{
    void INodeRequest<SupplierForm>.ApplyTo(SupplierForm form)
    {
        NodeBodies.Apply(form, Name, Description, Lifecycle, Status);
        form.IsInternal = IsInternal ?? form.IsInternal;
        form.Category = Category ?? form.Category;
        form.RiskRating = RiskRating ?? form.RiskRating;
        form.Website = Website ?? form.Website;
        form.ContactName = ContactName ?? form.ContactName;
        form.ContactEmail = ContactEmail ?? form.ContactEmail;
        form.ContactPhone = ContactPhone ?? form.ContactPhone;
    }
}

/// <summary>A domain as the API returns it; <see cref="Version"/> is also the ETag.</summary>
public sealed record DomainResponse(string Key, string Name, string? Description, int Version)
{
    internal static DomainResponse From(DomainForm f) => new(f.Key, f.Name, f.Description, f.Version);
}

/// <summary>A domain to create or change; on update the key stays and an omitted field keeps its value.</summary>
public sealed record DomainRequest(string? Key = null, string? Name = null, string? Description = null, int Version = 0) : IVersionedRequest
{
    internal void ApplyTo(DomainForm form)
    {
        form.Name = Name ?? form.Name;
        form.Description = Description ?? form.Description;
    }
}

/// <summary>What the node endpoints need of every node response.</summary>
internal interface INodeResponse
{
    string Key { get; }

    int Version { get; }
}

/// <summary>What the node endpoints need of every node request; <see cref="ApplyTo"/> sets every given field but the key and the domain.</summary>
internal interface INodeRequest<in TForm> : IVersionedRequest
    where TForm : NodeForm
{
    string? Key { get; }

    string? Domain { get; }

    void ApplyTo(TForm form);
}

internal static class NodeBodies
{
    public static void Apply(NodeForm form, string? name, string? description, Lifecycle? lifecycle, OperationalStatus? status)
    {
        form.Name = name ?? form.Name;
        form.Description = description ?? form.Description;
        form.Lifecycle = lifecycle ?? form.Lifecycle;
        form.Status = status ?? form.Status;
    }
}
