using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.OperatingModel;

/// <summary>
/// A migrated SQLite database with the real auditing interceptor, loaded with the sample enterprise (v1 published,
/// 20 practices) and the score's services wired to it as the app wires them. One per test: the tests change data.
/// </summary>
public sealed class ScoreTestDatabase : IAsyncDisposable, ICurrentActor
{
    private readonly TestDatabase _database;

    private ScoreTestDatabase(TestDatabase database)
    {
        _database = database;
        var factory = database;
        Queries = new ScoreQueries(factory);
        Editor = new ScoreEditor(factory, this, TimeProvider.System);
        Directory = new GovernanceDirectory(factory, TimeProvider.System);
        Matrix = new RaciMatrixService(factory, Directory, Queries);
    }

    public string Name => _database.Actor;

    public ScoreQueries Queries { get; }

    public ScoreEditor Editor { get; }

    public GovernanceDirectory Directory { get; }

    public RaciMatrixService Matrix { get; }

    public string Actor
    {
        get => _database.Actor;
        set => _database.Actor = value;
    }

    public static async Task<ScoreTestDatabase> CreateAsync(bool seed = true)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        if (seed)
        {
            await using var db = database.CreateContext();
            await SeedLoader.LoadAsync(db, SeedFolder.Sample, CancellationToken.None);
        }

        return new ScoreTestDatabase(database);
    }

    public PortalDbContext CreateContext() => _database.CreateContext();

    public async Task<ScoreVersionRow> DraftAsync()
    {
        var result = await Editor.NewDraftAsync();
        Assert.True(result.Succeeded, result.Summary);
        return result.Value!;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
