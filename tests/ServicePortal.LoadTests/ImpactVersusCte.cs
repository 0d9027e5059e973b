using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.LoadTests;

public sealed record ImpactVersusCteResult(
    string Hub, int ApiAffected, long CteReached, int ApiCalls, double ApiP50, double ApiP95, double ApiMax,
    int CteRuns, double CteP50, double CteP95, string SqliteVersion,
    double EngineP50, double EngineP95, double WhatIfP50, double WhatIfP95)
{
    /// <summary>How many times faster the API answers than the CTE, median against median.</summary>
    public double Ratio => ApiP50 > 0 ? CteP50 / ApiP50 : 0;
}

/// <summary>
/// Issue 20 item 5, side by side in one run on one database file: the impact API at the worst hub (one client,
/// <c>calls</c> sequential GET /api/v1/impact/{hub}, whole response read) and SQLite's recursive CTE for the same
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
        var api = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await AffectedAsync(http, hub, cancellationToken);
            api.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The same work without HTTP, in the portal's process: the engine's walk alone, and the what-if report the
        // API builds on (walk + summary), so the report shows where an API call's time goes.
        var index = await services.GetRequiredService<GraphIndexProvider>().GetAsync(cancellationToken);
        var graph = services.GetRequiredService<CmdbGraphService>();
        var engine = new List<double>();
        var whatIf = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            new ImpactAnalyzer(index).Analyze([hubId]);
            engine.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await graph.WhatIfAsync([hubId], cancellationToken);
            whatIf.Add(watch.Elapsed.TotalMilliseconds);
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

        var apiSorted = api.Order().ToArray();
        var sqlSorted = sql.Order().ToArray();
        var engineSorted = engine.Order().ToArray();
        var whatIfSorted = whatIf.Order().ToArray();
        return new ImpactVersusCteResult(hub, reach[hub], reached, calls, ApiLoad.Percentile(apiSorted, 50), ApiLoad.Percentile(apiSorted, 95), apiSorted[^1],
            runs, ApiLoad.Percentile(sqlSorted, 50), ApiLoad.Percentile(sqlSorted, 95), sqliteVersion,
            ApiLoad.Percentile(engineSorted, 50), ApiLoad.Percentile(engineSorted, 95), ApiLoad.Percentile(whatIfSorted, 50), ApiLoad.Percentile(whatIfSorted, 95));
    }

    private static async Task<int> AffectedAsync(HttpClient http, string key, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/impact/{Uri.EscapeDataString(key)}", HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return json.RootElement.GetProperty("affectedCount").GetInt32();
    }
}
