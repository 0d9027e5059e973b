using System.Globalization;
using System.Text;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;

namespace ServicePortal.Web.Features.Admin;

/// <summary>Downloads for administrators: a consistent database backup and the audit log as CSV.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").ExcludeFromDescription();

        admin.MapGet("/backup", async (DatabaseBackup backup, ILogger<DatabaseBackup> logger, HttpContext context, CancellationToken cancellationToken) =>
        {
            string path;
            try
            {
                path = await backup.CreateAsync(cancellationToken);
            }
            catch (NotSupportedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }

            logger.LogInformation("{User} downloaded a database backup", context.User.Identity?.Name);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.File(stream, "application/vnd.sqlite3", backup.FileName());
        }).RequireAuthorization(PortalPolicies.Administer);

        admin.MapGet("/audit.csv", async (string? user, string? type, string? from, string? to, AuditLogQuery audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
            {
                return Results.Problem("from and to are dates written yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd}.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
            await audit.WriteCsvAsync(new AuditFilter(user, type, fromDate, toDate), writer, cancellationToken);
            return Results.Empty;
        }).RequireAuthorization(PortalPolicies.ReadAudit);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
