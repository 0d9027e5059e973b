namespace ServicePortal.Web.Features.Interop;

public static class InteropRoutes
{
    public const string Import = "/import";

    public const string ApiDocs = "/api/docs";

    public const string ApiReference = "/api/reference";
}
