using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core;

/// <summary>
/// The one rule for names that must be unique: a supplier's name among suppliers and a domain's name among domains.
/// Two names are the same when they are equal trimmed and ignoring case ("Acme" and "ACME " clash), so a portal never
/// holds two that its own export could not load into an empty one. The editor, the API (through the editor), CSV,
/// bundle and Backstage imports and the seed reader all compare with <see cref="Comparer"/>; the database backs it with
/// case-insensitive unique indexes (<c>DomainConfiguration</c>, <c>NodeConfiguration</c>), and
/// <see cref="FindClashesAsync"/> reports rows that break it before those indexes are created.
/// </summary>
public static class UniqueNames
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool Same(string? a, string? b) => Comparer.Equals(a?.Trim() ?? "", b?.Trim() ?? "");

    /// <summary>The key of another supplier named <paramref name="name"/>, or null.</summary>
    public static async Task<string?> SupplierClashAsync(PortalDbContext db, string name, int? exceptId, CancellationToken cancellationToken = default)
    {
        var id = exceptId ?? 0;
        var others = await db.Suppliers.AsNoTracking().Where(s => s.Id != id).Select(s => new { s.Key, s.Name }).ToListAsync(cancellationToken);
        return others.FirstOrDefault(s => Same(s.Name, name))?.Key;
    }

    /// <summary>The key of another domain named <paramref name="name"/>, or null.</summary>
    public static async Task<string?> DomainClashAsync(PortalDbContext db, string name, int? exceptId, CancellationToken cancellationToken = default)
    {
        var id = exceptId ?? 0;
        var others = await db.Domains.AsNoTracking().Where(d => d.Id != id).Select(d => new { d.Key, d.Name }).ToListAsync(cancellationToken);
        return others.FirstOrDefault(d => Same(d.Name, name))?.Key;
    }

    /// <summary>
    /// Suppliers and domains whose names clash under this rule, one line per group ("suppliers 'Acme': SUP-A, SUP-B").
    /// Run before the case-insensitive unique indexes are created (a database written by an older version may hold
    /// such pairs): the start-up refuses with this list instead of failing on the index.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindClashesAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var suppliers = await db.Suppliers.AsNoTracking().Select(s => new { s.Key, s.Name }).ToListAsync(cancellationToken);
        var domains = await db.Domains.AsNoTracking().Select(d => new { d.Key, d.Name }).ToListAsync(cancellationToken);
        return suppliers.Select(s => ("suppliers", s.Key, s.Name)).Concat(domains.Select(d => ("domains", d.Key, d.Name)))
            .GroupBy(x => (x.Item1, x.Name.Trim()), x => x, new KindAndName())
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Item1} named '{g.First().Name.Trim()}': {string.Join(", ", g.Select(x => x.Key).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private sealed class KindAndName : IEqualityComparer<(string Kind, string Name)>
    {
        public bool Equals((string Kind, string Name) x, (string Kind, string Name) y) => x.Kind == y.Kind && Comparer.Equals(x.Name, y.Name);

        public int GetHashCode((string Kind, string Name) obj) => HashCode.Combine(obj.Kind, Comparer.GetHashCode(obj.Name));
    }
}
