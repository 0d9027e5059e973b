using ServicePortal.Core.Catalog;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Catalog;

/// <summary>The addresses of the catalog's pages (services and domains; a node's detail page for every node type).</summary>
public static class CatalogRoutes
{
    public const string Domains = "/catalog/domains";

    public static string Services(string? domainKey = null) => Build("/catalog/services", ("domain", domainKey));

    public static string Service(string key) => "/catalog/services/" + Segment(key);

    /// <summary>The list a node of this type is shown in.</summary>
    public static string NodeList(NodeType type) => type switch
    {
        NodeType.Service => Services(),
        NodeType.ConfigurationItem => Cmdb.CmdbRoutes.Items,
        _ => Suppliers.SupplierRoutes.List,
    };

    /// <summary>The detail page of any node: service, configuration item or supplier.</summary>
    public static string Node(NodeType type, string key) => type switch
    {
        NodeType.Service => Service(key),
        NodeType.ConfigurationItem => Cmdb.CmdbRoutes.Item(key),
        _ => Suppliers.SupplierRoutes.Supplier(key),
    };
}
