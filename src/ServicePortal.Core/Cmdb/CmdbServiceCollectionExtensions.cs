using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

public static class CmdbServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CMDB graph engine: the <see cref="GraphIndexProvider"/> singleton and the
    /// <see cref="CmdbChangeInterceptor"/>, which is added to <see cref="PortalDbContext"/>'s options so that every
    /// EF save touching the CMDB refreshes the index. Call after the DbContext factory is registered, so the
    /// interceptor runs after the auditing interceptor has committed its transaction.
    /// </summary>
    public static IServiceCollection AddCmdb(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GraphIndexProviderOptions());
        services.TryAddSingleton<CmdbChangeSignal>();
        services.TryAddSingleton<GraphIndexProvider>();
        services.TryAddSingleton<CmdbChangeInterceptor>();
        services.ConfigureDbContext<PortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CmdbChangeInterceptor>()));
        services.TryAddSingleton<ImpactLookupsCache>();
        services.TryAddSingleton<CmdbGraphService>();
        return services;
    }
}
