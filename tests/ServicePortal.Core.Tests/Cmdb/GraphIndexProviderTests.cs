using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class GraphIndexProviderTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await AddNodesAsync("APP", "DB");
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task GetAsync_BuildsTheIndexOnFirstUseOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        var before = provider.Current;

        var first = await provider.GetAsync(ct);
        var second = await provider.GetAsync(ct);

        Assert.Null(before);
        Assert.Same(first, second);
        Assert.Equal(2, first.NodeCount);
        Assert.Equal(1, provider.BuildCount);
    }

    [Fact]
    public async Task GetAsync_BuildsOnceForConcurrentReaders()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();

        var indexes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAsync(ct).AsTask()));

        Assert.All(indexes, index => Assert.Same(indexes[0], index));
        Assert.Equal(1, provider.BuildCount);
    }

    [Fact]
    public async Task GetAsync_RebuildsAfterInvalidate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        await provider.GetAsync(ct);
        await AddRelationshipAsync("APP", "DB");

        provider.Invalidate();
        var index = await provider.GetAsync(ct);

        Assert.Equal(1, index.EdgeCount);
        Assert.Equal(2, provider.BuildCount);
    }

    [Fact]
    public async Task GetAsync_NoticesAChangeMadeElsewhereOnceTheCheckIntervalHasPassed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        var original = await provider.GetAsync(ct);
        await AddRelationshipAsync("APP", "DB");

        var withinInterval = await provider.GetAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var afterInterval = await provider.GetAsync(ct);

        Assert.Same(original, withinInterval);
        Assert.Equal(1, afterInterval.EdgeCount);
    }

    [Fact]
    public async Task GetAsync_KeepsTheIndexWhenTheDatabaseStampIsUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        var original = await provider.GetAsync(ct);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var later = await provider.GetAsync(ct);

        Assert.Same(original, later);
        Assert.Equal(1, provider.BuildCount);
    }

    [Fact]
    public async Task GetAsync_NoticesANodeUpdatedElsewhereThroughTheAuditTrail()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        await provider.GetAsync(ct);
        await using (var db = AuditedContext())
        {
            var node = await db.Nodes.SingleAsync(n => n.Key == "DB", ct);
            node.Status = OperationalStatus.Down;
            await db.SaveChangesAsync(ct);
        }

        _clock.Advance(TimeSpan.FromSeconds(6));
        var index = await provider.GetAsync(ct);

        Assert.Equal(OperationalStatus.Down, index.Nodes.Single(n => n.Key == "DB").Status);
    }

    [Fact]
    public async Task GetAsync_IgnoresAuditedChangesOutsideTheCmdb()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        var original = await provider.GetAsync(ct);
        await using (var db = AuditedContext())
        {
            db.Domains.Add(new Domain { Key = "RETAIL", Name = "Retail" });
            await db.SaveChangesAsync(ct);
        }

        _clock.Advance(TimeSpan.FromSeconds(6));
        var later = await provider.GetAsync(ct);

        Assert.Same(original, later);
    }

    /// <summary>A context that writes the audit trail, as the portal's own contexts (in any process) do.</summary>
    private PortalDbContext AuditedContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, _database.Settings).AddInterceptors(new AuditingInterceptor(new SystemActor(), TimeProvider.System));
        return new PortalDbContext(options.Options);
    }

    private GraphIndexProvider NewProvider() => new(_database.Plain, _clock);

    private async Task AddNodesAsync(params string[] keys)
    {
        await using var db = _database.CreatePlainContext();
        db.ConfigurationItems.AddRange(keys.Select(k => new ConfigurationItem { Key = k, Name = k, CiType = CiType.Server }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task AddRelationshipAsync(string sourceKey, string targetKey)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.CreatePlainContext();
        var source = await db.Nodes.SingleAsync(n => n.Key == sourceKey, ct);
        var target = await db.Nodes.SingleAsync(n => n.Key == targetKey, ct);
        db.Relationships.Add(new Relationship { SourceId = source.Id, TargetId = target.Id, Type = RelationshipType.DependsOn });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
