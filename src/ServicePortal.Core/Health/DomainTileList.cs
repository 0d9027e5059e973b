using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Health;

/// <summary>
/// Which domain tiles the dashboard draws, and the count of every domain by health that stays in view whatever is
/// drawn. Tiles arrive worst first (<see cref="DashboardService.DomainTiles"/>): by default the first
/// <see cref="Shown"/> are drawn (at 50 domains the tiles with their 12-month sparklines were two thirds of the page);
/// "show all" draws every one; a search draws every domain whose name or key contains the text, whatever its health.
/// </summary>
public static class DomainTileList
{
    /// <summary>Tiles drawn before "show all": full rows of two (a laptop) or four (a wide screen).</summary>
    public const int Shown = 8;

    public static IReadOnlyList<DomainTile> Select(IReadOnlyList<DomainTile> tiles, string? search, bool all)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var text = search?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            return [.. tiles.Where(t => t.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase) || t.Key.Contains(text, StringComparison.OrdinalIgnoreCase))];
        }

        return all || tiles.Count <= Shown ? tiles : [.. tiles.Take(Shown)];
    }

    /// <summary>How many domains are at each health level, worst level first; levels no domain is at are left out.</summary>
    public static IReadOnlyList<(OperationalStatus Status, int Count)> ByStatus(IReadOnlyList<DomainTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        return [.. tiles.GroupBy(t => t.Health.Status).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()))];
    }
}
