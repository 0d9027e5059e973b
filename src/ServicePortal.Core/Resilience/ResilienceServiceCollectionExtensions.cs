using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Resilience;

public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the resilience insight (single points of failure, SLA chains, renewals by impact) and makes it the
    /// source of the governance rules' SLA chain shortfalls. Needs the CMDB graph engine (AddCmdb).
    /// </summary>
    public static IServiceCollection AddResilience(this IServiceCollection services)
    {
        services.TryAddSingleton<AvailabilityTargetsCache>();
        services.TryAddSingleton<ResilienceService>();
        services.TryAddSingleton<ISlaChainShortfalls>(sp => sp.GetRequiredService<ResilienceService>());
        return services;
    }
}
