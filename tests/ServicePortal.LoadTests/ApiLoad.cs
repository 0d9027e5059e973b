using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServicePortal.LoadTests;

public sealed record ApiResult(int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max,
    IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, double> P95ByKind, IReadOnlyList<string> SampleErrors)
{
    /// <summary>CPU time this process (portal and clients) spent per request during the load: what bounds throughput on a shared machine.</summary>
    public double CpuMsPerRequest { get; init; }

    public IReadOnlyDictionary<string, double> P50ByKind { get; init; } = new Dictionary<string, double>();

    public double Throughput => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>
/// A bounded API read load: <c>clients</c> concurrent clients each send <c>requests</c> requests over a fixed mix of
/// list (with and without search), get and impact calls, with a personal API token, to 127.0.0.1 only.
/// </summary>
public static class ApiLoad
{
    public static async Task<ApiResult> RunAsync(string baseUrl, string token, int clients, int requestsPerClient, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (keys, words) = await ServiceKeysAsync(http, cancellationToken);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("The API lists no services; nothing to load.");
        }

        // Warm up (JIT, EF query compilation, connection pool) outside the measurement.
        foreach (var path in Paths(keys, words, 0).Take(12))
        {
            using var _ = await http.GetAsync(path, cancellationToken);
        }

        var latencies = new double[clients * requestsPerClient];
        var kinds = new string[latencies.Length];
        var errors = 0;
        var sampleErrors = new List<string>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = cancellationToken }, async (client, ct) =>
        {
            var paths = Paths(keys, words, client).Take(requestsPerClient).ToList();
            for (var i = 0; i < paths.Count; i++)
            {
                var slot = client * requestsPerClient + i;
                kinds[slot] = KindOf(paths[i]);
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(paths[i], HttpCompletionOption.ResponseContentRead, ct);
                    latencies[slot] = watch.Elapsed.TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        Error($"{(int)response.StatusCode} {paths[i]}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    latencies[slot] = watch.Elapsed.TotalMilliseconds;
                    Error($"{e.GetType().Name} {paths[i]}: {e.Message}");
                }
            }
        });
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var sorted = latencies.Order().ToArray();
        var groups = kinds.Select((kind, i) => (kind, latency: latencies[i])).GroupBy(r => r.kind).ToList();
        var byKind = groups.ToDictionary(g => g.Key, g => g.Count());
        var p95ByKind = groups.ToDictionary(g => g.Key, g => Percentile(g.Select(r => r.latency).Order().ToArray(), 95));
        return new ApiResult(sorted.Length, errors, total.Elapsed.TotalSeconds,
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.LastOrDefault(), byKind, p95ByKind, sampleErrors)
        {
            CpuMsPerRequest = cpu.TotalMilliseconds / Math.Max(1, sorted.Length),
            P50ByKind = groups.ToDictionary(g => g.Key, g => Percentile(g.Select(r => r.latency).Order().ToArray(), 50)),
        };

        void Error(string message)
        {
            Interlocked.Increment(ref errors);
            lock (sampleErrors)
            {
                if (sampleErrors.Count < 10)
                {
                    sampleErrors.Add(message);
                }
            }
        }
    }

    /// <summary>
    /// The request mix, deterministic per client: 40% list pages (a quarter of them searched for the start of a word
    /// of a service's name, as a person types it), 40% get, 20% impact.
    /// </summary>
    private static IEnumerable<string> Paths(IReadOnlyList<string> keys, IReadOnlyList<string> words, int client)
    {
        var random = new Random(1000 + client);
        while (true)
        {
            var key = keys[random.Next(keys.Count)];
            var roll = random.Next(10);
            yield return roll switch
            {
                < 3 => $"/api/v1/services?skip={random.Next(0, Math.Max(1, keys.Count - 50))}&take=50",
                < 4 => $"/api/v1/services?take=50&search={Uri.EscapeDataString(words[random.Next(words.Count)])}",
                < 8 => $"/api/v1/services/{Uri.EscapeDataString(key)}",
                _ => $"/api/v1/impact/{Uri.EscapeDataString(key)}",
            };
        }
    }

    /// <summary>Up to 2,000 service keys, and search words: the first four letters of each word of their names.</summary>
    private static async Task<(List<string> Keys, List<string> Words)> ServiceKeysAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var skip = 0; keys.Count < 2000; skip += 500)
        {
            using var response = await http.GetAsync($"/api/v1/services?skip={skip}&take=500", cancellationToken);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var items = json.RootElement.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                keys.Add(item.GetProperty("key").GetString()!);
                foreach (var word in item.GetProperty("name").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4))
                {
                    words.Add(word[..4].ToLowerInvariant());
                }
            }

            if (items.GetArrayLength() < 500)
            {
                break;
            }
        }

        return (keys, words.Order(StringComparer.Ordinal).ToList());
    }

    private static string KindOf(string path) =>
        path.StartsWith("/api/v1/impact/", StringComparison.Ordinal) ? "impact"
        : path.Contains("search=", StringComparison.Ordinal) ? "search"
        : path.Contains('?', StringComparison.Ordinal) ? "list"
        : "get";

    internal static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
