using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Account;

public static class AccountRoutes
{
    public const string AccessDenied = "/account/access-denied";

    public const string Logout = "/account/logout";

    /// <summary>Where the sign-in form posts.</summary>
    public const string LoginPost = "/account/login";

    public static string Login(string? returnUrl = null, string? error = null) => Build("/account/login", ("returnUrl", returnUrl), ("error", error));
}
