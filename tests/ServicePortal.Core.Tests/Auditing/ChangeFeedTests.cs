using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Tests.Cmdb;

namespace ServicePortal.Core.Tests.Auditing;

public sealed class ChangeFeedTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SinceAsync_ReportsEachSavedEntityWithTheFieldsAnUpdateTouched()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed();
        var start = await feed.PositionAsync(ct);
        await using (var db = _database.CreateContext())
        {
            db.Domains.Add(new Domain { Key = "RETAIL", Name = "Retail" });
            await db.SaveChangesAsync(ct);
            (await db.Domains.SingleAsync(ct)).Description = "Shops";
            await db.SaveChangesAsync(ct);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        var changes = await feed.SinceAsync(start, ct);

        Assert.True(changes.Complete);
        Assert.Equal([(nameof(Domain), AuditAction.Created), (nameof(Domain), AuditAction.Updated)], changes.Changes.Select(c => (c.EntityType, c.Action)));
        Assert.Equal(["Description"], changes.Changes[1].Fields);
        Assert.True((await feed.SinceAsync(changes.Position, ct)).IsEmpty);
    }

    [Fact]
    public async Task SinceAsync_LooksAtTheAuditTrailAtMostOncePerPollInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed();
        var start = await feed.PositionAsync(ct);
        await SaveDomainAsync("A");

        var early = await feed.SinceAsync(start, ct);
        var looks = feed.LookCount;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var later = await feed.SinceAsync(start, ct);

        Assert.True(early.IsEmpty);
        Assert.Single(later.Changes);
        Assert.Equal(looks + 1, feed.LookCount);
    }

    [Fact]
    public async Task AResetMarker_OrAPositionNoLongerKept_GivesAnIncompleteSet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed(new ChangeFeedOptions { PollInterval = TimeSpan.Zero, Capacity = 4 });
        var start = await feed.PositionAsync(ct);
        await SaveDomainAsync("A");
        var afterOne = (await feed.SinceAsync(start, ct)).Position;

        for (var i = 0; i < 6; i++)
        {
            await SaveDomainAsync($"B{i}");
        }

        var fellBehind = await feed.SinceAsync(afterOne, ct);
        var current = fellBehind.Position;
        await using (var db = _database.CreatePlainContext())
        {
            await ChangeFeed.PublishResetAsync(db, "bulk load", ct);
        }

        var afterReset = await feed.SinceAsync(current, ct);

        Assert.False(fellBehind.Complete);
        Assert.False(afterReset.Complete);
        Assert.True((await feed.SinceAsync(afterReset.Position, ct)).IsEmpty);
    }

    [Fact]
    public async Task MoreRowsThanTheBatchLimit_GiveAnIncompleteSet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed(new ChangeFeedOptions { PollInterval = TimeSpan.Zero, BatchLimit = 3 });
        var start = await feed.PositionAsync(ct);
        await using (var db = _database.CreateContext())
        {
            db.Domains.AddRange(Enumerable.Range(0, 5).Select(i => new Domain { Key = $"D{i}", Name = $"D{i}" }));
            await db.SaveChangesAsync(ct);
        }

        var changes = await feed.SinceAsync(start, ct);

        Assert.False(changes.Complete);
    }

    [Fact]
    public async Task ASaveThroughThisProcess_IsSeenAtOnce_WithoutWaitingForThePollInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = _database.Settings.ConnectionString })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddServicePortalCore(configuration)
            .BuildServiceProvider();
        var feed = services.GetRequiredService<ChangeFeed>();
        var provider = services.GetRequiredService<GraphIndexProvider>();
        var before = await provider.GetAsync(ct);
        var start = await feed.PositionAsync(ct);

        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct))
        {
            db.Relationships.Add(new Relationship
            {
                Source = new ConfigurationItem { Key = "APP", Name = "App" },
                Target = new ConfigurationItem { Key = "SRV", Name = "Server" },
                Type = RelationshipType.RunsOn,
            });
            await db.SaveChangesAsync(ct);
        }

        var changes = await feed.SinceAsync(start, ct);
        var after = await provider.GetAsync(ct);

        Assert.Equal(3, changes.Changes.Count);
        Assert.Equal(0, before.EdgeCount);
        Assert.Equal(1, after.EdgeCount);
    }

    [Fact]
    public async Task AContractsCoveredServices_ChangingAlone_ReachTheFeed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed(new ChangeFeedOptions { PollInterval = TimeSpan.Zero });
        await using (var db = _database.CreateContext())
        {
            db.Contracts.Add(new ServicePortal.Core.Suppliers.Contract
            {
                Reference = "CT-1", Title = "Hosting", Supplier = new ServicePortal.Core.Suppliers.Supplier { Key = "SUP", Name = "Host Co" },
                StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 12, 31),
            });
            db.Services.Add(new Service { Key = "SHOP", Name = "Shop" });
            await db.SaveChangesAsync(ct);
        }

        var start = await feed.PositionAsync(ct);
        await using (var db = _database.CreateContext())
        {
            var contract = await db.Contracts.Include(c => c.Services).SingleAsync(ct);
            contract.Services.Add(await db.Services.SingleAsync(ct));
            await db.SaveChangesAsync(ct);
        }

        var changes = await feed.SinceAsync(start, ct);

        var link = Assert.Single(changes.Changes);
        Assert.Equal((ImpactLookupsCache.ContractLinks, AuditAction.Created), (link.EntityType, link.Action));
    }

    [Fact]
    public async Task ChangeWatch_MovesItsVersionOnlyForItsOwnTypes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var feed = NewFeed(new ChangeFeedOptions { PollInterval = TimeSpan.Zero });
        var watch = new ChangeWatch(feed, new HashSet<string> { nameof(Domain) });
        var first = await watch.VersionAsync(ct);

        await using (var db = _database.CreateContext())
        {
            db.ConfigurationItems.Add(new ConfigurationItem { Key = "SRV", Name = "Server" });
            await db.SaveChangesAsync(ct);
        }

        var afterOther = await watch.VersionAsync(ct);
        await SaveDomainAsync("RETAIL");
        var afterOwn = await watch.VersionAsync(ct);

        Assert.Equal(first, afterOther);
        Assert.NotEqual(first, afterOwn);
    }

    private ChangeFeed NewFeed(ChangeFeedOptions? options = null) => new(_database, _clock, options);

    private async Task SaveDomainAsync(string key)
    {
        await using var db = _database.CreateContext();
        db.Domains.Add(new Domain { Key = key, Name = key });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
