using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServicePortal.Core.Cmdb;

public static class CmdbServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CMDB graph engine: the <see cref="GraphIndexProvider"/> singleton, kept current by the
    /// <see cref="Auditing.ChangeFeed"/> (registered by AddServicePortalCore), and the impact lookups.
    /// </summary>
    public static IServiceCollection AddCmdb(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GraphIndexProviderOptions());
        services.TryAddSingleton<GraphIndexProvider>();
        services.TryAddSingleton<ImpactLookupsCache>();
        services.TryAddSingleton<CmdbGraphService>();
        services.TryAddSingleton<ScenarioService>();
        return services;
    }
}
