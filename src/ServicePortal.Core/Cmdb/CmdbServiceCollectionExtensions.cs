using Microsoft.EntityFrameworkCore;
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
        // The DbContext options include the change interceptor, which needs the provider, which needs a DbContext
        // factory: resolving that factory eagerly would close a dependency cycle (and deadlock start-up), so the
        // provider gets one that looks the real factory up on first use.
        services.TryAddSingleton(sp => new GraphIndexProvider(
            new DeferredDbContextFactory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<GraphIndexProviderOptions>()));
        services.TryAddSingleton<CmdbChangeInterceptor>();
        services.ConfigureDbContext<PortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CmdbChangeInterceptor>()));
        services.TryAddSingleton<CmdbGraphService>();
        return services;
    }

    private sealed class DeferredDbContextFactory(IServiceProvider services) : IDbContextFactory<PortalDbContext>
    {
        private IDbContextFactory<PortalDbContext>? _factory;

        private IDbContextFactory<PortalDbContext> Factory => _factory ??= services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        public PortalDbContext CreateDbContext() => Factory.CreateDbContext();

        public Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Factory.CreateDbContextAsync(cancellationToken);
    }
}
