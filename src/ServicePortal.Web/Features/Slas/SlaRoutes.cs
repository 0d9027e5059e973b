using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Slas;

/// <summary>The addresses of the contracts, SLA and measurement pages.</summary>
public static class SlaRoutes
{
    public const string Ranking = "/slas/ranking";

    public const string ImportMeasurements = "/slas/measurements/import";

    /// <summary>The contracts, of one supplier (by key) or narrowed to one contract (by reference).</summary>
    public static string Contracts(string? supplierKey = null, string? contractReference = null) =>
        Build("/slas/contracts", ("supplier", supplierKey), ("contract", contractReference));

    public static string Targets(string? supplierKey = null, string? contractReference = null) =>
        Build("/slas/targets", ("supplier", supplierKey), ("contract", contractReference));

    public static string Target(string key) => "/slas/targets/" + Segment(key);

    /// <summary>The measurement grid of one supplier and month (yyyy-MM).</summary>
    public static string Measurements(string? supplierKey = null, string? period = null) =>
        Build("/slas/measurements", ("supplier", supplierKey), ("period", period));
}
