using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Suppliers;

/// <summary>The addresses of the supplier registry's pages.</summary>
public static class SupplierRoutes
{
    public const string List = "/suppliers";

    public static string Supplier(string key) => "/suppliers/" + Segment(key);

    public static string Scorecard(string key) => "/suppliers/" + Segment(key) + "/scorecard";
}
