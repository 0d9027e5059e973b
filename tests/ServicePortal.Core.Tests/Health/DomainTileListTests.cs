using ServicePortal.Core.Catalog;
using ServicePortal.Core.Health;

namespace ServicePortal.Core.Tests.Health;

public class DomainTileListTests
{
    private static readonly IReadOnlyList<DomainTile> Tiles =
    [
        .. Enumerable.Range(0, 12).Select(i => Tile(i, i < 3 ? OperationalStatus.Down : i < 4 ? OperationalStatus.Unknown : OperationalStatus.Healthy)),
    ];

    [Fact]
    public void Select_ByDefaultTheWorstEight_ShowAllEveryOne()
    {
        Assert.Equal(Tiles.Take(DomainTileList.Shown), DomainTileList.Select(Tiles, null, all: false));
        Assert.Equal(Tiles, DomainTileList.Select(Tiles, "  ", all: true));
    }

    [Fact]
    public void Select_ASearchFindsByNameOrKeyWhateverTheHealth_IgnoringCase()
    {
        Assert.Equal(["DOM-11"], DomainTileList.Select(Tiles, "area 11", all: false).Select(t => t.Key));
        Assert.Equal(["DOM-10"], DomainTileList.Select(Tiles, "dom-10", all: false).Select(t => t.Key));
        Assert.Empty(DomainTileList.Select(Tiles, "nothing like it", all: true));
    }

    [Fact]
    public void ByStatus_CountsEveryDomain_WorstFirst()
    {
        var counts = DomainTileList.ByStatus(Tiles);

        Assert.Equal([(OperationalStatus.Down, 3), (OperationalStatus.Healthy, 8), (OperationalStatus.Unknown, 1)], counts);
        Assert.Equal(Tiles.Count, counts.Sum(c => c.Count));
    }

    private static DomainTile Tile(int i, OperationalStatus status) =>
        new(i, $"DOM-{i}", $"Area {i}", new DomainHealthFigure(i, status, null, HealthCounts.Zero, HealthCounts.Zero), null);
}
