namespace ServicePortal.Web.Features.Admin;

public static class AdminRoutes
{
    public const string Audit = "/admin/audit";
}
