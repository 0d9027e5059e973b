using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Overview;

/// <summary>Live counts for the home page.</summary>
public sealed record PortalOverview(
    IReadOnlyDictionary<Lifecycle, int> ServicesByLifecycle,
    int ConfigurationItems,
    int Suppliers,
    int ExternalSuppliers,
    int Domains,
    int Relationships,
    int Contracts)
{
    public int Services => ServicesByLifecycle.Values.Sum();
}

public sealed class PortalOverviewService(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<PortalOverview> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var byLifecycle = await db.Services
            .GroupBy(s => s.Lifecycle)
            .Select(g => new { Lifecycle = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Lifecycle, x => x.Count, cancellationToken);
        foreach (var lifecycle in Enum.GetValues<Lifecycle>())
        {
            byLifecycle.TryAdd(lifecycle, 0);
        }

        return new PortalOverview(
            byLifecycle,
            await db.ConfigurationItems.CountAsync(cancellationToken),
            await db.Suppliers.CountAsync(cancellationToken),
            await db.Suppliers.CountAsync(s => !s.IsInternal, cancellationToken),
            await db.Domains.CountAsync(cancellationToken),
            await db.Relationships.CountAsync(cancellationToken),
            await db.Contracts.CountAsync(cancellationToken));
    }
}
