using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Features.Shell;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web;

public static class PortalWebExtensions
{
    /// <summary>Registers the web features' services (page models and feature services used only by the UI).</summary>
    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        services.AddSingleton<DemoAccountsPresence>();
        services.AddScoped<PortalAuthorization>();
        services.AddTransient<PortalAction>(); // per component: its Busy flag is the component's
        services.AddScoped<ThemeMode>();
        services.AddHostedService<DashboardWarmUp>();
        return services;
    }
}
