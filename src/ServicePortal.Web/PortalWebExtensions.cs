using ServicePortal.Core.Health;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web;

public static class PortalWebExtensions
{
    /// <summary>Registers the web features' services (page models and feature services used only by the UI).</summary>
    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        services.AddSingleton<DemoAccountsPresence>();
        // Until Core's AddServicePortalCore calls AddHealth() itself (idempotent: TryAdd).
        services.AddHealth();
        services.AddScoped<PortalAuthorization>();
        return services;
    }
}
