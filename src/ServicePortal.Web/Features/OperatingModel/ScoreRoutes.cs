using System.Globalization;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>The addresses of the common score's pages.</summary>
public static class ScoreRoutes
{
    public const string Board = "/score";

    public static string Version(int number) => "/score/versions/" + number.ToString(CultureInfo.InvariantCulture);

    public static string History(int? from = null, int? to = null) =>
        Build("/score/history", ("from", from?.ToString(CultureInfo.InvariantCulture)), ("to", to?.ToString(CultureInfo.InvariantCulture)));

    public static string Practice(string key) => "/score/practices/" + Segment(key);

    public const string KpiImport = "/score/kpis/import";
}
