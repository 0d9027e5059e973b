using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>The interceptor as the application wires it: AddServicePortalCore (with auditing) followed by AddCmdb.</summary>
public sealed class CmdbChangeInterceptorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = _database.Settings.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddServicePortalCore(configuration).AddCmdb().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SavingARelationship_RefreshesTheIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = _services.GetRequiredService<GraphIndexProvider>();
        var before = await provider.GetAsync(ct);

        await using (var db = await NewContextAsync())
        {
            var app = new ConfigurationItem { Key = "APP", Name = "App" };
            var server = new ConfigurationItem { Key = "SRV", Name = "Server" };
            db.Relationships.Add(new Relationship { Source = app, Target = server, Type = RelationshipType.RunsOn });
            await db.SaveChangesAsync(ct);
        }

        var after = await provider.GetAsync(ct);
        Assert.Equal(0, before.EdgeCount);
        Assert.Equal(1, after.EdgeCount);
    }

    [Fact]
    public async Task SavingSomethingOutsideTheCmdb_LeavesTheIndexCurrent()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = _services.GetRequiredService<GraphIndexProvider>();
        await provider.GetAsync(ct);
        var generation = provider.Generation;

        await using (var db = await NewContextAsync())
        {
            db.Domains.Add(new Domain { Key = "RETAIL", Name = "Retail" });
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(generation, provider.Generation);
    }

    [Fact]
    public async Task SavingInsideATransaction_InvalidatesAgainWhenItCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = _services.GetRequiredService<GraphIndexProvider>();
        await using var db = await NewContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ConfigurationItems.Add(new ConfigurationItem { Key = "SRV", Name = "Server" });
        await db.SaveChangesAsync(ct);
        var afterSave = provider.Generation;

        await transaction.CommitAsync(ct);

        Assert.True(afterSave > 0);
        Assert.True(provider.Generation > afterSave);
    }

    private Task<PortalDbContext> NewContextAsync() =>
        _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
}
