using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>A migrated SQLite database (real auditing interceptor) as the factory that Core services take; optionally seeded with the sample.</summary>
internal sealed class InteropDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private readonly TestDatabase _database;

    private InteropDatabase(TestDatabase database) => _database = database;

    public static async Task<InteropDatabase> CreateAsync(bool sample)
    {
        var database = new InteropDatabase(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        if (sample)
        {
            await using var db = database.CreateDbContext();
            await SeedLoader.LoadAsync(db, SeedFolder.Sample);
        }

        return database;
    }

    public PortalDbContext CreateDbContext() => _database.CreateContext();

    public async Task<Dictionary<string, int>> CountsAsync()
    {
        await using var db = CreateDbContext();
        return new Dictionary<string, int>
        {
            ["domains"] = await db.Domains.CountAsync(),
            ["nodes"] = await db.Nodes.CountAsync(),
            ["relationships"] = await db.Relationships.CountAsync(),
            ["groups"] = await db.RedundancyGroups.CountAsync(),
            ["versionSum"] = await db.Nodes.SumAsync(n => n.Version) + await db.Domains.SumAsync(d => d.Version),
        };
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
