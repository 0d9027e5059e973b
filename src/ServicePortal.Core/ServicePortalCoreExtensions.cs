using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core;

public static class ServicePortalCoreExtensions
{
    /// <summary>Registers the database and every Core feature service.</summary>
    public static IServiceCollection AddServicePortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentActor, SystemActor>();
        services.AddSingleton<AuditingInterceptor>();
        services.AddDbContextFactory<PortalDbContext>((sp, options) =>
            PortalDatabase.Configure(options, settings).AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()));
        return services;
    }
}
