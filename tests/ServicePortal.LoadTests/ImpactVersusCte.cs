using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;

namespace ServicePortal.LoadTests;

/// <summary>Percentiles of one series of timings, in ms.</summary>
public sealed record Timings(double P50, double P95, double Max)
{
    public static Timings Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Timings(ApiLoad.Percentile(sorted, 50), ApiLoad.Percentile(sorted, 95), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:0.0} / p95 {P95:0.0} / max {Max:0.0} ms";
}

/// <summary>
/// <see cref="ApiCold"/>: every call answered as the first one after a change (the portal's kept impact reports
/// forgotten before each, so it walks and summarises); <see cref="ApiWarm"/>: the same question again with nothing
/// changed (the kept report, then paging, paths and JSON). In the portal's process: the engine's walk alone, the impact
/// summary alone (on that walk), the what-if report cold (lookups, walk, summary), and the first what-if report after a
/// saved change to an SLA target (<see cref="AfterSlaTargetChange"/>) or to an accountable person
/// (<see cref="AfterPersonChange"/>, which also sorts the accountable people by name once for the new lookups).
/// </summary>
public sealed record ImpactVersusCteResult(
    string Hub, int ApiAffected, long CteReached, int ApiCalls, Timings ApiCold, Timings ApiWarm,
    int CteRuns, double CteP50, double CteP95, string SqliteVersion,
    Timings Engine, Timings Summary, Timings WhatIfCold, int ReportsMade, Timings AfterSlaTargetChange, Timings AfterPersonChange)
{
    /// <summary>How many times faster the API answers than the CTE, median against median, cold (first call after a change).</summary>
    public double RatioCold => ApiCold.P50 > 0 ? CteP50 / ApiCold.P50 : 0;

    /// <summary>The same, warm (the same question again).</summary>
    public double RatioWarm => ApiWarm.P50 > 0 ? CteP50 / ApiWarm.P50 : 0;
}

/// <summary>
/// Issue 20 item 5, side by side in one run on one database file: the impact API at the worst hub (one client,
/// <c>calls</c> sequential GET /api/v1/impact/{hub} cold and as many warm, whole response read) and SQLite's recursive CTE for the same
/// walk (reachability only, UNION dedups; the statement of tests/ServicePortal.Benchmarks/ImpactBenchmarks.cs) on a
/// connection of its own to the same file. The worst hub is the one of the ten nodes with most direct dependants
/// whose impact reaches most nodes.
/// </summary>
public static class ImpactVersusCte
{
    /// <summary>Kept in step with ImpactBenchmarks.BlastRadiusCte.</summary>
    private const string BlastRadiusCte = """
        WITH RECURSIVE impacted(id) AS (
            SELECT $hub
            UNION
            SELECT r.SourceId FROM Relationships r JOIN impacted i ON r.TargetId = i.id WHERE r.Type <> 'PartOf'
            UNION
            SELECT r.TargetId FROM Relationships r JOIN impacted i ON r.SourceId = i.id WHERE r.Type = 'PartOf'
        )
        SELECT COUNT(*) FROM impacted;
        """;

    /// <summary>Untimed cold and warm pairs at the hub before the timed ones (see <see cref="RunAsync"/>).</summary>
    public const int WarmUpPairs = 60;

    public static async Task<ImpactVersusCteResult> RunAsync(IServiceProvider services, string baseUrl, string token, string database, int calls, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(cancellationToken);

        var candidates = new List<(int Id, string Key)>();
        await using (var top = connection.CreateCommand())
        {
            top.CommandText = """
                SELECT n.Id, n.Key FROM Nodes n JOIN (
                    SELECT CASE WHEN Type = 'PartOf' THEN SourceId ELSE TargetId END AS Id, COUNT(*) AS Dependants
                    FROM Relationships GROUP BY 1 ORDER BY 2 DESC LIMIT 10) d ON d.Id = n.Id
                """;
            await using var reader = await top.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        // Also the warm-up: the first calls build the graph index and compile the queries.
        var reach = new Dictionary<string, int>();
        foreach (var (_, key) in candidates)
        {
            reach[key] = await AffectedAsync(http, key, cancellationToken);
        }

        var (hubId, hub) = candidates.MaxBy(c => reach[c.Key]);
        var graph = services.GetRequiredService<CmdbGraphService>();

        // The steady state of a running portal: the runtime recompiles a hot method optimised (with what its first calls
        // showed) after ~30 calls, in the background, and the walk, summary and rendering run slower until it has (a
        // clump of calls 2-8x slower around the 15th-40th, measured). Untimed cold and warm pairs first.
        for (var i = 0; i < WarmUpPairs; i++)
        {
            graph.ForgetReports();
            await AffectedAsync(http, hub, cancellationToken);
            await AffectedAsync(http, hub, cancellationToken);
        }

        var madeBefore = graph.ReportsMade;

        // Cold and warm calls interleaved, so both see the same load on the (shared) machine.
        var cold = new List<double>();
        var warm = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            graph.ForgetReports();
            var watch = Stopwatch.StartNew();
            await AffectedAsync(http, hub, cancellationToken);
            cold.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await AffectedAsync(http, hub, cancellationToken);
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }

        var reportsMade = graph.ReportsMade - madeBefore;

        // The same work without HTTP, in the portal's process: the engine's walk alone, the summary alone on that walk,
        // and the what-if report the API builds on (lookups from their cache, walk, summary) with nothing kept, so the
        // report shows where a cold API call's time goes.
        var index = await services.GetRequiredService<GraphIndexProvider>().GetAsync(cancellationToken);
        ImpactLookups lookups;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            lookups = await services.GetRequiredService<ImpactLookupsCache>().GetAsync(db, cancellationToken);
        }

        var engine = new List<double>();
        var summary = new List<double>();
        var whatIf = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = new ImpactAnalyzer(index).Analyze([hubId]);
            engine.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            ImpactSummary.From(result, lookups);
            summary.Add(watch.Elapsed.TotalMilliseconds);
            graph.ForgetReports();
            watch.Restart();
            await graph.WhatIfAsync([hubId], cancellationToken);
            whatIf.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The first what-if report after a change to SLA targets or to people, as the portal makes it: the change saved
        // through the portal's own context (audited, so the change feed reports it), then the report timed. The walk is
        // kept (the graph did not change); the lookups read again only the part the change touched (SLA targets, or the
        // accountable people, whose name order is then made again); then the first summary on them.
        var afterTarget = new List<double>();
        var afterPerson = new List<double>();
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await graph.WhatIfAsync([hubId], cancellationToken);
        for (var i = 0; i < Math.Clamp(calls / 20, 3, 10); i++)
        {
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var target = await db.SlaTargets.OrderBy(t => t.Id).FirstAsync(cancellationToken);
                target.Name = target.Name.EndsWith('.') ? target.Name[..^1] : target.Name + ".";
                await db.SaveChangesAsync(cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            await graph.WhatIfAsync([hubId], cancellationToken);
            afterTarget.Add(watch.Elapsed.TotalMilliseconds);

            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var person = await db.People.Where(p => db.RoleAssignments.Any(a => a.PersonId == p.Id && a.Raci == ServicePortal.Core.Governance.Raci.Accountable))
                    .OrderBy(p => p.Id).FirstAsync(cancellationToken);
                person.Name = person.Name.EndsWith('.') ? person.Name[..^1] : person.Name + ".";
                await db.SaveChangesAsync(cancellationToken);
            }

            watch.Restart();
            await graph.WhatIfAsync([hubId], cancellationToken);
            afterPerson.Add(watch.Elapsed.TotalMilliseconds);
        }

        await using var cte = connection.CreateCommand();
        cte.CommandText = BlastRadiusCte;
        cte.Parameters.AddWithValue("$hub", hubId);
        var reached = (long)(await cte.ExecuteScalarAsync(cancellationToken))!; // warm-up: pages into the cache
        var sql = new List<double>();
        var runs = Math.Clamp(calls / 20, 3, 15);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await cte.ExecuteScalarAsync(cancellationToken);
            sql.Add(watch.Elapsed.TotalMilliseconds);
        }

        await using var version = connection.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        var sqliteVersion = (string)(await version.ExecuteScalarAsync(cancellationToken))!;

        return new ImpactVersusCteResult(hub, reach[hub], reached, calls, Timings.Of(cold), Timings.Of(warm),
            runs, ApiLoad.Percentile([.. sql.Order()], 50), ApiLoad.Percentile([.. sql.Order()], 95), sqliteVersion,
            Timings.Of(engine), Timings.Of(summary), Timings.Of(whatIf), reportsMade, Timings.Of(afterTarget), Timings.Of(afterPerson));
    }

    private static async Task<int> AffectedAsync(HttpClient http, string key, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/impact/{Uri.EscapeDataString(key)}", HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return json.RootElement.GetProperty("affectedCount").GetInt32();
    }
}
