using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Slas;

namespace ServicePortal.Core.Tests.Suppliers;

public sealed class SupplierScorecardServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SlaScenario _scenario = null!;
    private int _storefrontId;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(new DateOnly(2026, 11, 21)));
        _scenario = await SlaScenario.SeedAsync(_database);
        await using var db = _database.CreateDbContext();
        var storefront = new Service { Key = "storefront", Name = "Storefront", Tier = 1, DomainId = null };
        db.Services.Add(storefront);
        db.Relationships.Add(new Relationship { Source = storefront, TargetId = _scenario.FraudCheckId, Type = RelationshipType.DependsOn });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        _storefrontId = storefront.Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Scorecard_ListsServicesThatDependOnTheSupplierTransitively()
    {
        var service = new SupplierScorecardService(
            new SlaResultsService(_database, _database.Clock), new GraphIndexProvider(_database, Feeds.Eager(_database)), _database);

        var scorecard = await service.GetAsync(_scenario.PayCoId, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 1), TestContext.Current.CancellationToken);
        var ranking = await service.RankingAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 1), TestContext.Current.CancellationToken);

        var ids = scorecard!.Services.Select(s => s.Id).ToList();
        Assert.Contains(_scenario.CheckoutId, ids);
        Assert.Contains(_scenario.FraudCheckId, ids);
        Assert.Contains(_storefrontId, ids);
        Assert.Equal(scorecard.Services.OrderBy(s => s.Tier).Select(s => s.Tier), scorecard.Services.Select(s => s.Tier));
        Assert.Contains(ranking, r => r.Scorecard.Supplier.Id == _scenario.PayCoId && r.Scorecard.Services.Any(s => s.Id == _storefrontId));
        Assert.DoesNotContain(ranking.Single(r => r.Scorecard.Supplier.Id == _scenario.ShipCoId).Scorecard.Services, s => s.Id == _storefrontId);
    }
}
