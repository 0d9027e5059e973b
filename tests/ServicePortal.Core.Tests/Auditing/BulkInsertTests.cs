using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Auditing;

/// <summary>
/// A large import's new rows are written by <see cref="BulkInsert"/> (prepared commands inside a short transaction)
/// instead of EF's save: the rows and the audit trail (the change feed's source) must come out the same, and a
/// failure anywhere in the write must leave nothing behind.
/// </summary>
public class BulkInsertTests
{
    private static readonly FixedClock Clock = new(new DateOnly(2026, 12, 6));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ABigImport_StoresTheSameRowsAndAuditRows_AsEfsSave(DatabaseProvider provider)
    {
        await using var viaEf = await SampleAsync(provider);
        await using var viaBulk = await SampleAsync(provider);
        var bundle = Encoding.UTF8.GetBytes(Bundle());

        var efResult = await new CatalogImport(new Factory(viaEf, bulkMinimum: int.MaxValue), Clock).CommitAsync(ImportFormat.Bundle, bundle);
        using var bulkRun = new BulkRun();
        var bulkResult = await new CatalogImport(new Factory(viaBulk), Clock).CommitAsync(ImportFormat.Bundle, bundle);

        Assert.True(efResult.Committed, efResult.Message);
        Assert.True(bulkResult.Committed, bulkResult.Message);
        Assert.Equal(efResult.Message, bulkResult.Message);
        // First round: 120 services, 20 CIs, 10 suppliers and the new domain; second, once their ids are known, the rows
        // that point at them: the new domain's 5 suppliers and the 130 relationships.
        Assert.Equal(151 + 135, bulkRun.Rows);
        Assert.Equal(await NodesAsync(viaEf), await NodesAsync(viaBulk));
        Assert.Equal(await RelationshipsAsync(viaEf), await RelationshipsAsync(viaBulk));
        Assert.Equal(await StoredTextAsync(viaEf), await StoredTextAsync(viaBulk));
        var audit = await AuditAsync(viaBulk);
        // Every id in either trail names a stored row: a reference to another new row (a relationship's end, a new
        // node's new domain) is recorded with the id the database gave it, not EF's temporary one.
        Assert.Equal(await AuditAsync(viaEf), audit);
        Assert.Equal(150 + 5 + 1 + 1 + 130, audit.Count); // new nodes, the new domain's, the domain, the update, relationships
        Assert.DoesNotContain(audit, a => a.Contains('?', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task RowsWithFractionsAndDates_TakeThePreparedPath_AndStoreWhatEfStores(DatabaseProvider provider)
    {
        // SLA measurements carry a double and a DateOnly: on SQLite not sent as JSON, but one prepared INSERT per row.
        await using var viaEf = await SampleAsync(provider);
        await using var viaBulk = await SampleAsync(provider);

        async Task<List<string>> RecordAsync(TestDatabase database, int bulkMinimum)
        {
            await using var db = new Factory(database, bulkMinimum).CreateDbContext();
            var target = await db.SlaTargets.OrderBy(t => t.Key).FirstAsync();
            var outcome = await WriteAsync(
                db,
                () => db.SlaMeasurements.AddRange(Enumerable.Range(0, 120).Select(i => new SlaMeasurement
                {
                    SlaTargetId = target.Id, PeriodStart = new DateOnly(1990 + (i / 12), 1 + (i % 12), 1), Value = 99.5 + (i / 1000.0),
                    Note = i % 3 == 0 ? null : $"Month {i}", RecordedBy = "bulk@demo.local",
                })),
                CancellationToken.None);
            Assert.Equal(PlannedCommitStatus.Committed, outcome.Status);
            await using var check = database.CreateContext();
            var rows = await check.SlaMeasurements.AsNoTracking().Where(m => m.PeriodStart.Year < 2000).OrderBy(m => m.PeriodStart).ToListAsync();
            var ids = rows.ToDictionary(m => m.Id.ToString(CultureInfo.InvariantCulture), m => m.PeriodStart);
            var audit = await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SlaMeasurement)).ToListAsync();
            return
            [
                .. rows.Select(m => $"{m.PeriodStart} {m.Value.ToString("R", CultureInfo.InvariantCulture)} {m.Note} {m.RecordedBy} {m.Version} {m.CreatedAt:O} {m.UpdatedAt:O}"),
                .. audit.Select(a => $"{a.At:O} {a.UserName} {(ids.TryGetValue(a.EntityId, out var period) ? period : "?")} {a.EntityName} {a.Action} {a.Changes}").Order(StringComparer.Ordinal),
            ];
        }

        var efRows = await RecordAsync(viaEf, int.MaxValue);
        using var bulkRun = new BulkRun();
        var bulkRows = await RecordAsync(viaBulk, BulkInsert.DefaultMinimum);

        Assert.Equal(120, bulkRun.Rows);
        Assert.Equal(240, bulkRows.Count);
        Assert.Equal(efRows, bulkRows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ARowThatFailsPartWayThroughTheBulkWrite_StoresNoneOfThePlan(DatabaseProvider provider)
    {
        await using var database = await SampleAsync(provider);
        await using var db = new Factory(database).CreateDbContext();
        var before = await CountsAsync(database);
        using var bulkRun = new BulkRun();

        // The plan (wrongly) takes the key of a stored domain for its last new one: only the unique index stops it.
        var outcome = await WriteAsync(
            db,
            () =>
            {
                db.Domains.AddRange(Enumerable.Range(0, 150).Select(i => new Domain { Key = $"DOM-BULK-{i:000}", Name = $"Bulk domain {i}" }));
                db.Domains.Add(new Domain { Key = "DOM-INFRA", Name = "Infrastructure again" });
            },
            CancellationToken.None);

        Assert.Equal(PlannedCommitStatus.Conflict, outcome.Status);
        Assert.Equal(151, bulkRun.Rows);
        Assert.Equal(before, await CountsAsync(database));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ASaveThatFailsAfterTheBulkWrite_TakesTheBulkRowsBackToo(DatabaseProvider provider)
    {
        await using var database = await SampleAsync(provider);
        await using var db = new Factory(database).CreateDbContext();
        using var bulkRun = new BulkRun();
        var before = await CountsAsync(database);

        // The plan edits a stored service that someone else edits meanwhile (the plan says it does not care, so only
        // the concurrency token stops it): EF's save after the bulk write of 150 new domains fails.
        var outcome = await PlannedCommit.RunAsync(
            db,
            async ct => await db.Services.SingleAsync(s => s.Key == "SVC-WEB-SHOP", ct),
            _ => true,
            (_, _) => false,
            service =>
            {
                db.Domains.AddRange(Enumerable.Range(0, 150).Select(i => new Domain { Key = $"DOM-BULK-{i:000}", Name = $"Bulk domain {i}" }));
                service.Description = "Edited by the plan";
                using var other = database.CreateContext();
                var stored = other.Services.Single(s => s.Key == "SVC-WEB-SHOP");
                stored.Description = "Edited by someone else";
                other.SaveChanges();
            },
            CancellationToken.None);

        Assert.Equal(PlannedCommitStatus.Conflict, outcome.Status);
        Assert.Equal(150, bulkRun.Rows);
        var after = await CountsAsync(database);
        Assert.Equal(before["domains"], after["domains"]);
        Assert.Equal(before["audit"] + 1, after["audit"]); // the other user's edit only
        await using var check = database.CreateContext();
        Assert.Equal("Edited by someone else", (await check.Services.SingleAsync(s => s.Key == "SVC-WEB-SHOP")).Description);
    }

    [Fact]
    public async Task ABulkWrite_ReachesTheChangeFeed_WithTheNewIds_AndNudgesThisInstance()
    {
        await using var database = await SampleAsync(DatabaseProvider.Sqlite);
        var commits = new LocalCommits();
        var factory = new Factory(database, commits: commits);
        using var feed = Feeds.Eager(factory);
        var start = await feed.PositionAsync();
        await using var db = factory.CreateDbContext();
        using var bulkRun = new BulkRun();
        var nudges = commits.Count;

        var outcome = await WriteAsync(
            db,
            () => db.Domains.AddRange(Enumerable.Range(0, 120).Select(i => new Domain { Key = $"DOM-FEED-{i:000}", Name = $"Feed domain {i}" })),
            CancellationToken.None);
        var changes = await feed.SinceAsync(start);

        Assert.Equal(PlannedCommitStatus.Committed, outcome.Status);
        Assert.Equal(120, bulkRun.Rows);
        Assert.True(commits.Count > nudges);
        Assert.True(changes.Complete);
        await using var check = database.CreateContext();
        var ids = await check.Domains.Where(d => d.Key.StartsWith("DOM-FEED-")).Select(d => d.Id).ToListAsync();
        Assert.Equal(
            ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            changes.Changes.Where(c => c.EntityType == nameof(Domain) && c.Action == AuditAction.Created).Select(c => c.EntityId).Order(StringComparer.Ordinal));
        Assert.All(db.ChangeTracker.Entries<Domain>(), e => Assert.Equal(EntityState.Unchanged, e.State));
        Assert.All(db.ChangeTracker.Entries<Domain>(), e => Assert.Contains(e.Entity.Id, ids));
    }

    [Theory]
    [InlineData(1, 2)] // taken once: prepared again outside the lock, and written in the second transaction
    [InlineData(3, 3)] // taken at every try: the third plans and hands ids out inside its transaction
    public async Task IdsTakenByAnotherUserWhileTheWriteWasPrepared_AreHandedOutAgain_AndEveryRowPointsWhereItShould(int meddles, int transactions)
    {
        // On SQLite a large write's ids are handed out before its transaction, its second round (services in the new
        // domains) pointing at the first's; another user adds a domain and a service just before it begins, taking
        // the first of them. The plan does not rely on what they add, so only the ids tell.
        await using var database = await SampleAsync(DatabaseProvider.Sqlite);
        var meddler = new Meddler(database, meddles);
        await using var db = new Factory(database, extra: meddler).CreateDbContext();
        using var bulkRun = new BulkRun();

        var outcome = await WriteAsync(
            db,
            () =>
            {
                for (var i = 0; i < 120; i++)
                {
                    var domain = new Domain { Key = $"DOM-BULK-{i:000}", Name = $"Bulk domain {i}" };
                    db.Domains.Add(domain);
                    db.Services.Add(new Service { Key = $"SVC-BULK-{i:000}", Name = $"Bulk service {i}", Kind = ServiceKind.Application, Domain = domain });
                }
            },
            CancellationToken.None);

        Assert.Equal(PlannedCommitStatus.Committed, outcome.Status);
        Assert.Equal(meddles, meddler.Added);
        Assert.Equal(transactions, meddler.Begun);
        Assert.Equal(meddles == 3, outcome.Replanned);
        Assert.Equal(240, bulkRun.Rows); // written once: a try whose ids were taken wrote nothing
        await using var check = database.CreateContext();
        var services = await check.Services.AsNoTracking().Where(s => s.Key.StartsWith("SVC-BULK-") || s.Key.StartsWith("SVC-MEDDLE-"))
            .Select(s => new { s.Id, s.Key, Domain = s.Domain!.Key }).ToListAsync();
        Assert.Equal(120 + meddles, services.Count);
        Assert.All(services, s => Assert.Equal(s.Key.Replace("SVC-", "DOM-", StringComparison.Ordinal), s.Domain));
        var created = await check.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Created && a.EntityType == nameof(Service)).ToListAsync();
        Assert.All(services, s => Assert.Single(created, a => a.EntityId == s.Id.ToString(CultureInfo.InvariantCulture) && a.EntityName == s.Key));
        Assert.All(db.ChangeTracker.Entries<Service>(), e => Assert.Equal(EntityState.Unchanged, e.State));
    }

    /// <summary>Another user's save just before the import's write transaction begins, its first <c>times</c> times.</summary>
    private sealed class Meddler(TestDatabase database, int times) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public int Added { get; private set; }

        public int Begun { get; private set; }

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Begun++;
            if (Added < times)
            {
                Added++;
                await using var other = database.CreateContext();
                var domain = new Domain { Key = $"DOM-MEDDLE-{Added}", Name = $"Added meanwhile {Added}" };
                other.Services.Add(new Service { Key = $"SVC-MEDDLE-{Added}", Name = $"Added meanwhile {Added}", Kind = ServiceKind.Application, Domain = domain });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }

    /// <summary>A write with nothing to plan and nothing it relies on: only <paramref name="apply"/>'s new rows.</summary>
    private static Task<PlannedCommitOutcome<int>> WriteAsync(PortalDbContext db, Action apply, CancellationToken cancellationToken) =>
        PlannedCommit.RunAsync(db, _ => Task.FromResult(0), _ => true, (_, _) => false, _ => apply(), cancellationToken);

    /// <summary>
    /// 120 services, 20 CIs and 10 suppliers in stored domains (written in bulk); a new domain with 5 suppliers (they
    /// point at an unsaved row, so EF writes them); an update of a stored service; relationships between new nodes.
    /// </summary>
    private static string Bundle()
    {
        var services = Enumerable.Range(0, 120).Select(i => new Dictionary<string, object?>
        {
            ["key"] = $"SVC-BULK-{i:000}", ["name"] = $"Bulk service {i}", ["kind"] = (i % 3) switch { 0 => "Business", 1 => "Application", _ => "Technical" },
            ["tier"] = 1 + (i % 4), ["sourcing"] = "Internal", ["domain"] = i % 2 == 0 ? "DOM-INFRA" : null,
            ["description"] = i % 5 == 0 ? null : $"Described {i}", ["lifecycle"] = i % 7 == 0 ? "Retired" : "Live",
        }).Append(new Dictionary<string, object?>
        {
            ["key"] = "SVC-WEB-SHOP", ["name"] = "Web shop (renamed)", ["kind"] = "Business", ["tier"] = 1, ["sourcing"] = "Internal",
        });
        var cis = Enumerable.Range(0, 20).Select(i => new Dictionary<string, object?>
        {
            ["key"] = $"CI-BULK-{i:00}", ["name"] = $"Bulk CI {i}", ["ciType"] = "Server", ["location"] = i % 2 == 0 ? "AMS1" : null, ["domain"] = "DOM-INFRA",
        });
        var suppliers = Enumerable.Range(0, 10).Select(i => new Dictionary<string, object?>
        {
            ["key"] = $"SUP-BULK-{i:00}", ["name"] = $"Bulk Supplies {i} Ltd", ["internal"] = false, ["category"] = "Tactical", ["riskRating"] = "Low",
            ["contactEmail"] = $"ops{i}@bulk.example",
        }).Concat(Enumerable.Range(0, 5).Select(i => new Dictionary<string, object?>
        {
            ["key"] = $"SUP-NEWDOM-{i}", ["name"] = $"New domain supplier {i}", ["internal"] = true, ["category"] = "Strategic", ["riskRating"] = "Medium", ["domain"] = "DOM-BULK-NEW",
        }));
        var relationships = Enumerable.Range(0, 120).Select(i => new Dictionary<string, object?>
        {
            ["from"] = $"SVC-BULK-{i:000}", ["type"] = "DependsOn", ["to"] = $"CI-BULK-{i % 20:00}",
        }).Concat(Enumerable.Range(0, 10).Select(i => new Dictionary<string, object?>
        {
            ["from"] = $"SVC-BULK-{i:000}", ["type"] = "ProvidedBy", ["to"] = $"SUP-BULK-{i:00}",
        }));
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["domains"] = new[] { new Dictionary<string, object?> { ["key"] = "DOM-BULK-NEW", ["name"] = "Bulk new domain" } },
            ["services"] = services,
            ["configurationItems"] = cis,
            ["suppliers"] = suppliers,
            ["relationships"] = new Dictionary<string, object?> { ["redundancyGroups"] = Array.Empty<object>(), ["relationships"] = relationships },
        });
    }

    private static async Task<TestDatabase> SampleAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, clock: Clock);
        await using var db = database.CreatePlainContext();
        await SeedLoader.LoadAsync(db, SeedFolder.Sample);
        return database;
    }

    /// <summary>Every node as text, ids replaced by keys (the two databases hand out ids in a different order).</summary>
    private static async Task<List<string>> NodesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var domains = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Key);
        var nodes = await db.Nodes.AsNoTracking().OrderBy(n => n.Key).ToListAsync();
        return nodes.Select(n =>
        {
            var domainId = n.DomainId;
            n.Id = 0;
            n.DomainId = null;
            n.CreatedAt = Stamp(n.CreatedAt);
            n.UpdatedAt = Stamp(n.UpdatedAt);
            n.RetiredAt = n.RetiredAt is { } retired ? Stamp(retired) : null;
            return $"{(domainId is { } d ? domains[d] : "-")} {n.GetType().Name} {JsonSerializer.Serialize<object>(n)}";
        }).ToList();
    }

    /// <summary>Two new rows' values as the database holds them (text): dates, enums and booleans stored alike.</summary>
    private static async Task<List<string>> StoredTextAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQueryRaw<string>(
            """
            SELECT CAST("CreatedAt" AS TEXT) || '|' || CAST("UpdatedAt" AS TEXT) || '|' || COALESCE(CAST("RetiredAt" AS TEXT), '-') || '|' || "NodeType" || '|' || "Lifecycle"
                || '|' || COALESCE("Kind", '-') || '|' || COALESCE(CAST("IsInternal" AS TEXT), '-') || '|' || COALESCE("Category", '-') AS "Value"
            FROM "Nodes" WHERE "Key" IN ('SVC-BULK-000', 'SUP-BULK-01') ORDER BY "Key"
            """).ToListAsync();
    }

    /// <summary>A time stamped by the import (the fixed clock), or blank: the seed loader stamps with the real time.</summary>
    private static DateTime Stamp(DateTime at) => at == Clock.GetUtcNow().UtcDateTime ? at : default;

    private static async Task<List<string>> RelationshipsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.Relationships.AsNoTracking().Select(r => new { From = r.Source!.Key, r.Type, To = r.Target!.Key, r.Version, r.CreatedAt }).ToListAsync())
            .Select(r => (r with { CreatedAt = Stamp(r.CreatedAt) }).ToString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The import's audit rows as text, each entity id replaced by the key of the row it names.</summary>
    private static async Task<List<string>> AuditAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var keys = (await db.Nodes.AsNoTracking().Select(n => new { n.Id, n.Key }).ToListAsync())
            .Select(n => (Type: "Node", n.Id, n.Key))
            .Concat((await db.Domains.AsNoTracking().Select(d => new { d.Id, d.Key }).ToListAsync()).Select(d => (Type: nameof(Domain), d.Id, d.Key)))
            .ToDictionary(k => (k.Type, k.Id.ToString(CultureInfo.InvariantCulture)), k => k.Key);
        string? Named(string type, string? id) =>
            id is null ? null : keys.TryGetValue((type, id), out var key) ? key : "?" + id;
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType != "SeedData").ToListAsync();
        return rows.Select(a =>
        {
            var type = a.EntityType == nameof(Domain) ? nameof(Domain) : "Node";
            var named = keys.TryGetValue((type, a.EntityId), out var key) ? key : a.EntityType == "Relationship" ? "(relationship)" : "?" + a.EntityId;
            // A relationship's ends and a node's domain are ids: named by key, as the two databases number rows apart.
            var changes = AuditChanges.Parse(a.Changes).Select(c => c.Key switch
            {
                "SourceId" or "TargetId" => $"{c.Key}={Named("Node", c.Value.Old)}>{Named("Node", c.Value.New)}",
                "DomainId" => $"{c.Key}={Named(nameof(Domain), c.Value.Old)}>{Named(nameof(Domain), c.Value.New)}",
                _ => $"{c.Key}={c.Value.Old}>{c.Value.New}",
            });
            return $"{a.At:O} {a.UserName} {a.EntityType} {named} {a.EntityName} {a.Action} {string.Join("|", changes)}";
        }).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<Dictionary<string, long>> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return new Dictionary<string, long>
        {
            ["domains"] = await db.Domains.CountAsync(),
            ["nodes"] = await db.Nodes.CountAsync(),
            ["audit"] = await db.AuditEntries.CountAsync(),
            ["versionSum"] = await db.Nodes.SumAsync(n => n.Version),
        };
    }

    /// <summary>Contexts like the app's, whose auditing interceptor bulk-writes from <paramref name="bulkMinimum"/> new rows.</summary>
    private sealed class Factory(
        TestDatabase database, int bulkMinimum = BulkInsert.DefaultMinimum, LocalCommits? commits = null,
        Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? extra = null) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.CreatePlainContext(
            [Auditing(), .. commits is null ? Array.Empty<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>() : [new ChangeFeedInterceptor(commits)], .. extra is null ? [] : new[] { extra }]);

        private AuditingInterceptor Auditing() => new(new Actor(database.Actor), database.Clock) { BulkInsertMinimum = bulkMinimum };

        private sealed class Actor(string name) : ICurrentActor
        {
            public string Name => name;
        }
    }

    /// <summary>Counts the rows of the bulk writes made by this test's own flow (tests run in parallel).</summary>
    private sealed class BulkRun : IDisposable
    {
        private static readonly AsyncLocal<BulkRun?> Current = new();
        private readonly ActivityListener _listener;
        private int _rows;

        public BulkRun()
        {
            Current.Value = this;
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == PortalTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Stopped,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Rows => Volatile.Read(ref _rows);

        private void Stopped(Activity activity)
        {
            // The listener is called on the flow that stops the activity: the test's own, when it is this test's.
            if (activity.OperationName == "bulk insert" && Current.Value == this && activity.GetTagItem("rows") is int rows)
            {
                Interlocked.Add(ref _rows, rows);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
