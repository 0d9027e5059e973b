using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Suppliers;

public static class SupplierServiceCollectionExtensions
{
    /// <summary>
    /// Registers contract and SLA target editing, their queries and the graph-aware supplier scorecards. Idempotent
    /// (TryAdd), so calling it from more than one place is harmless. Needs the DbContext factory and
    /// <c>AddCmdb()</c> (for <see cref="Cmdb.GraphIndexProvider"/>) and <see cref="SlaResultsService"/>.
    /// </summary>
    public static IServiceCollection AddSupplierManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ContractEditor>();
        services.TryAddSingleton<SlaTargetEditor>();
        services.TryAddSingleton<SupplierSlaQueries>();
        services.TryAddSingleton<SlaResultsService>();
        services.TryAddSingleton<SupplierScorecardService>();
        return services;
    }
}
