using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServicePortal.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Registers the health roll-up (<see cref="HealthService"/>, cached) and the CIO <see cref="DashboardService"/>. Call after AddCmdb.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<DashboardService>();
        return services;
    }
}
