using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Interop;

/// <summary>The entity types of the CSV lists (export and import share the columns).</summary>
public enum CsvEntity
{
    Services,
    ConfigurationItems,
    Suppliers,
    Domains,
}

/// <summary>
/// CSV of the catalog lists: comma-separated, UTF-8, a header row. The columns are those that
/// <see cref="CatalogImport"/> reads back, so an exported file re-imported changes nothing. Domains are written by key.
/// Cells go through <see cref="CsvExportWriter"/> (formula neutralising) and come back through <see cref="CsvText.Restore"/>.
/// </summary>
public sealed class CatalogCsv(IDbContextFactory<PortalDbContext> factory)
{
    public static readonly IReadOnlyDictionary<CsvEntity, string[]> Columns = new Dictionary<CsvEntity, string[]>
    {
        [CsvEntity.Services] = ["key", "name", "kind", "tier", "sourcing", "lifecycle", "status", "domain", "description"],
        [CsvEntity.ConfigurationItems] = ["key", "name", "ciType", "lifecycle", "status", "domain", "location", "description"],
        [CsvEntity.Suppliers] = ["key", "name", "internal", "category", "riskRating", "lifecycle", "status", "domain", "website", "contactName", "contactEmail", "contactPhone", "description"],
        [CsvEntity.Domains] = ["key", "name", "description"],
    };

    /// <summary>Writes the list (all rows whose key or name contains <paramref name="search"/>, ordered by key).</summary>
    public async Task WriteAsync(CsvEntity entity, TextWriter writer, string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var domains = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Key, cancellationToken);
        string Domain(int? id) => id is { } d ? domains.GetValueOrDefault(d) ?? "" : "";

        await using var csv = new CsvExportWriter(writer);
        csv.Row(Columns[entity]);
        IEnumerable<string?[]> rows = entity switch
        {
            CsvEntity.Services => (await Filter(db, db.Services.AsNoTracking(), search).ToListAsync(cancellationToken)).Select(s => new[]
            {
                s.Key, s.Name, s.Kind.ToString(), s.Tier.ToString(CultureInfo.InvariantCulture), s.Sourcing.ToString(), s.Lifecycle.ToString(),
                s.Status.ToString(), Domain(s.DomainId), s.Description,
            }),
            CsvEntity.ConfigurationItems => (await Filter(db, db.ConfigurationItems.AsNoTracking(), search).ToListAsync(cancellationToken)).Select(c => new[]
            {
                c.Key, c.Name, c.CiType.ToString(), c.Lifecycle.ToString(), c.Status.ToString(), Domain(c.DomainId), c.Location, c.Description,
            }),
            CsvEntity.Suppliers => (await Filter(db, db.Suppliers.AsNoTracking(), search).ToListAsync(cancellationToken)).Select(s => new[]
            {
                s.Key, s.Name, s.IsInternal ? "true" : "false", s.Category.ToString(), s.RiskRating.ToString(), s.Lifecycle.ToString(),
                s.Status.ToString(), Domain(s.DomainId), s.Website, s.ContactName, s.ContactEmail, s.ContactPhone, s.Description,
            }),
            _ => (await db.Domains.AsNoTracking().KeyOrNameContains(db, search)
                    .OrderBy(d => d.Key).ToListAsync(cancellationToken))
                .Select(d => new[] { d.Key, d.Name, d.Description }),
        };
        foreach (var row in rows)
        {
            csv.Row(row);
        }

        await csv.FlushAsync();
    }

    private static IQueryable<T> Filter<T>(PortalDbContext db, IQueryable<T> nodes, string? search)
        where T : Node =>
        nodes.KeyOrNameContains(db, search).OrderBy(n => n.Key);
}
