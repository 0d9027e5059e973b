using Microsoft.JSInterop;

namespace ServicePortal.Web.Features.Shell;

/// <summary>
/// Light or dark, per browser. The choice lives in a cookie that the server reads on every request (prerender and
/// the circuit's connection both carry it), so a reload renders the right palette at once. Its values stay
/// "material" / "material-dark", as earlier releases wrote them, so a user's choice survives the upgrade.
/// </summary>
public sealed class ThemeMode(IHttpContextAccessor http, IJSRuntime js)
{
    public const string CookieName = "ServicePortal.Theme";

    private bool? _dark;

    public bool IsDark => _dark ??= http.HttpContext?.Request.Cookies[CookieName]?.Contains("dark", StringComparison.OrdinalIgnoreCase) == true;

    public async Task SetAsync(bool dark)
    {
        _dark = dark;
        await js.InvokeVoidAsync("servicePortal.setThemeCookie", CookieName, dark ? "material-dark" : "material");
    }
}
