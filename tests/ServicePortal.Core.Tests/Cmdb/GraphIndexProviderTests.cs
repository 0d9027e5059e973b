using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>The provider as the change feed drives it; changes are saved through audited contexts, as the portal's are.</summary>
public sealed class GraphIndexProviderTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.ConfigurationItems.AddRange(new[] { "APP", "DB" }.Select(k => new ConfigurationItem { Key = k, Name = k, CiType = CiType.Server }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
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
    public async Task ARelationshipAddedElsewhere_IsPatchedIn_OnceTheFeedLooks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider();
        var original = await provider.GetAsync(ct);
        await AddRelationshipAsync("APP", "DB");

        var withinInterval = await provider.GetAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterInterval = await provider.GetAsync(ct);

        Assert.Same(original, withinInterval);
        Assert.Equal(1, afterInterval.EdgeCount);
        Assert.Equal((1, 1), (provider.BuildCount, provider.PatchCount));
    }

    [Fact]
    public async Task ANodeStatusChange_IsPatchedIn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider(eager: true);
        await provider.GetAsync(ct);
        await EditNodeAsync("DB", node => node.Status = OperationalStatus.Down);

        var index = await provider.GetAsync(ct);

        Assert.Equal(OperationalStatus.Down, index.Nodes.Single(n => n.Key == "DB").Status);
        Assert.Equal((1, 1), (provider.BuildCount, provider.PatchCount));
    }

    [Fact]
    public async Task ADescriptionEdit_CostsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider(eager: true);
        var original = await provider.GetAsync(ct);
        await EditNodeAsync("DB", node => node.Description = "The order database");

        var later = await provider.GetAsync(ct);

        Assert.Same(original, later);
        Assert.Equal((1, 0), (provider.BuildCount, provider.PatchCount));
    }

    [Fact]
    public async Task AuditedChangesOutsideTheCmdb_LeaveTheIndexAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider(eager: true);
        var original = await provider.GetAsync(ct);
        await using (var db = _database.CreateContext())
        {
            db.Domains.Add(new Domain { Key = "RETAIL", Name = "Retail" });
            await db.SaveChangesAsync(ct);
        }

        var later = await provider.GetAsync(ct);

        Assert.Same(original, later);
    }

    [Fact]
    public async Task ADeletedNode_LeavesTheIndexWithItsRelationships()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddRelationshipAsync("APP", "DB");
        using var provider = NewProvider(eager: true);
        await provider.GetAsync(ct);
        await using (var db = _database.CreateContext())
        {
            db.Relationships.RemoveRange(db.Relationships);
            db.Nodes.Remove(await db.Nodes.SingleAsync(n => n.Key == "DB", ct));
            await db.SaveChangesAsync(ct);
        }

        var index = await provider.GetAsync(ct);

        Assert.Equal(["APP"], index.Nodes.Select(n => n.Key));
        Assert.Equal(0, index.EdgeCount);
        Assert.Equal(1, provider.BuildCount);
    }

    [Fact]
    public async Task WhenTheFeedCannotSay_TheIndexIsLoadedInTheBackground_WhileThePreviousOneIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = NewProvider(eager: true);
        var original = await provider.GetAsync(ct);
        await using (var db = _database.CreatePlainContext())
        {
            // A bulk change that bypasses the audit trail, announced as such.
            var app = await db.Nodes.SingleAsync(n => n.Key == "APP", ct);
            var server = await db.Nodes.SingleAsync(n => n.Key == "DB", ct);
            db.Relationships.Add(new Relationship { SourceId = app.Id, TargetId = server.Id, Type = RelationshipType.RunsOn });
            await db.SaveChangesAsync(ct);
            await ChangeFeed.PublishResetAsync(db, "test bulk load", ct);
        }

        var during = await provider.GetAsync(ct);
        await provider.RebuildTask;
        var after = await provider.GetAsync(ct);

        Assert.Same(original, during);
        Assert.Equal(1, after.EdgeCount);
        Assert.Equal(2, provider.BuildCount);
    }

    private GraphIndexProvider NewProvider(bool eager = false) =>
        new(_database, new ChangeFeed(_database, _clock, new ChangeFeedOptions { PollInterval = eager ? TimeSpan.Zero : TimeSpan.FromSeconds(1) }));

    private async Task EditNodeAsync(string key, Action<Node> edit)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.CreateContext();
        edit(await db.Nodes.SingleAsync(n => n.Key == key, ct));
        await db.SaveChangesAsync(ct);
    }

    private async Task AddRelationshipAsync(string sourceKey, string targetKey)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.CreateContext();
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
