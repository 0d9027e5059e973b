using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServicePortal.Core.Identity;

namespace ServicePortal.Core.Interop;

public static class InteropServiceCollectionExtensions
{
    /// <summary>Registers API tokens, export and import (call after <c>AddServicePortalCore</c>).</summary>
    public static IServiceCollection AddInterop(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiTokenService>();
        services.TryAddSingleton<SlaTargetKeys>();
        services.TryAddSingleton<PortalExporter>();
        services.TryAddSingleton<BackstageExporter>();
        services.TryAddSingleton<CatalogCsv>();
        services.TryAddSingleton<CatalogImport>();
        return services;
    }
}
