using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Health;
using ServicePortal.Core.Interop;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Resilience;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core;

public static class ServicePortalCoreExtensions
{
    /// <summary>Registers the database and every Core feature service.</summary>
    public static IServiceCollection AddServicePortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed, not now: hosts and test factories may still add configuration before the app is built.
        services.AddSingleton(_ => DatabaseSettings.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentActor, SystemActor>();
        services.AddSingleton<AuditingInterceptor>();
        services.TryAddSingleton(new ChangeFeedOptions());
        services.TryAddSingleton<LocalCommits>();
        services.TryAddSingleton<ChangeFeedInterceptor>();
        services.TryAddSingleton<ChangeFeed>();
        // Pooled: an API read creates several short-lived contexts; the pool skips rebuilding their services each time.
        // The change feed's interceptor comes after auditing's, so it notes a save once auditing has committed it.
        services.AddPooledDbContextFactory<PortalDbContext>((sp, options) =>
            PortalDatabase.Configure(options, sp.GetRequiredService<DatabaseSettings>())
                .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<ChangeFeedInterceptor>()));
        services.AddCmdb();
        services.AddResilience();
        services.AddHealth();
        services.AddOperatingModel();
        services.AddSupplierManagement();
        services.AddInterop();
        services.AddSingleton<AuditLogQuery>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<CatalogEditor>();
        services.AddSingleton<NodeDetailsQuery>();
        services.AddSingleton<RelationshipEditor>();
        services.AddSingleton<RedundancyGroupEditor>();
        services.AddSingleton<SlaResultsService>();
        services.AddSingleton<GovernanceSnapshotLoader>();
        services.AddSingleton<MeasurementCsvImport>();
        services.AddSingleton<MeasurementRecorder>();
        return services;
    }
}
