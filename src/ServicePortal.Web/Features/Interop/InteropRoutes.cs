using ServicePortal.Core.Interop;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Interop;

public static class InteropRoutes
{
    public const string Import = "/import";

    public const string ApiDocs = "/api/docs";

    /// <summary>The whole portal as one JSON bundle (the seed-data shapes).</summary>
    public const string ExportBundle = ApiExtensions.Prefix + "/export";

    /// <summary>A catalog list as CSV, in the columns the CSV import reads back.</summary>
    public static string ExportCsv(CsvEntity entity) => $"{ApiExtensions.Prefix}/{CsvFileName(entity)}";

    /// <summary>The file name of a CSV list (also its path under the API).</summary>
    public static string CsvFileName(CsvEntity entity) => entity switch
    {
        CsvEntity.Services => "services.csv",
        CsvEntity.ConfigurationItems => "configuration-items.csv",
        CsvEntity.Suppliers => "suppliers.csv",
        _ => "domains.csv",
    };

    public const string ApiReference = "/api/reference";
}
