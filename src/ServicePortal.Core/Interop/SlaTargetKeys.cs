using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Interop;

/// <summary>Resolves SLA target keys (what API clients and files name) to ids (what the recorder takes).</summary>
public sealed class SlaTargetKeys(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, int>> ResolveAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var wanted = keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.SlaTargets.AsNoTracking().Where(t => wanted.Contains(t.Key)).ToDictionaryAsync(t => t.Key, t => t.Id, StringComparer.Ordinal, cancellationToken);
    }
}
