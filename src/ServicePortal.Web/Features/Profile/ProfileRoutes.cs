namespace ServicePortal.Web.Features.Profile;

public static class ProfileRoutes
{
    public const string Profile = "/profile";
}
