using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.OperatingModel;

public static class OperatingModelServiceCollectionExtensions
{
    /// <summary>Registers the common score (versions, board, comparison) and the governance directory (roles, people, RACI).</summary>
    public static IServiceCollection AddOperatingModel(this IServiceCollection services)
    {
        // TryAdd: safe to call from more than one host extension while the registration moves between projects.
        services.TryAddSingleton<ScoreQueries>();
        services.TryAddSingleton<ScoreEditor>();
        services.TryAddSingleton<GovernanceDirectory>();
        services.TryAddSingleton<RaciMatrixService>();
        services.TryAddSingleton<GovernanceOverview>();
        services.TryAddSingleton<KpiMeasurementRecorder>();
        services.TryAddSingleton<KpiMeasurementCsvImport>();
        services.TryAddSingleton<ValueStreamHealthService>();
        return services;
    }
}
