using ServicePortal.Core.Auditing;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Admin;

public static class AdminRoutes
{
    public const string Audit = "/admin/audit";

    /// <summary>The database backup download (AdminEndpoints).</summary>
    public const string Backup = "/admin/backup";

    /// <summary>The audit log as CSV, with the page's filters.</summary>
    public static string AuditCsv(AuditFilter filter) => Build("/admin/audit.csv",
        ("user", filter.User), ("type", filter.EntityType), ("from", filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("to", filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
}
