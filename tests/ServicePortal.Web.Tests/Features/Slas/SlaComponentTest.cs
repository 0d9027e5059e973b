using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

/// <summary>bUnit tests of the SLA pages over the seeded sample enterprise (Swiftline's carrier SLA is breached months running).</summary>
public abstract class SlaComponentTest(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        // The portal's own (singleton) Core services over its seeded database.
        services.AddSingleton(_ => Portal.Services.GetRequiredService<SupplierSlaQueries>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<ContractEditor>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<SlaTargetEditor>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<SlaResultsService>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<SupplierScorecardService>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<MeasurementRecorder>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<MeasurementCsvImport>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<GraphIndexProvider>());
        services.AddSingleton(_ => Portal.Services.GetRequiredService<NodeDetailsQuery>());
    }

    protected SupplierSlaQueries Queries => Services.GetRequiredService<SupplierSlaQueries>();
}
