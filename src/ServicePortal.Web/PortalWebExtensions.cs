using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web;

public static class PortalWebExtensions
{
    /// <summary>Registers the web features' services (page models and feature services used only by the UI).</summary>
    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        services.AddSingleton<DemoAccountsPresence>();
        services.AddScoped<PortalAuthorization>();
        // Contracts, SLA targets and scorecards. Belongs in AddServicePortalCore (lead adds it there on merge); TryAdd makes both harmless.
        services.AddSupplierManagement();
        return services;
    }
}
