using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServicePortal.LoadTests;

public sealed record ImportStallResult(
    int Rows, double ImportSeconds, bool Committed, string Message, int BaselineSaves, double BaselineMax,
    int Saves, double P50, double P95, double Max, int Errors, IReadOnlyList<string> SampleErrors);

/// <summary>
/// Does a large import stall other users? One client imports <c>rows</c> new services as one services CSV through
/// <c>POST /api/v1/import/services</c> while another client saves repeatedly (GET a service, change its description,
/// PUT it with If-Match), one save after the other; the report gives how long those saves took while the import ran
/// (their wait for SQLite's write lock shows here) against the same saves before it. Writes: run over a copy.
/// </summary>
public static class ImportStall
{
    public static async Task<ImportStallResult> RunAsync(string baseUrl, string token, int rows, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var services = await KeysAsync(http, "/api/v1/services?take=20", cancellationToken);
        var domains = await KeysAsync(http, "/api/v1/domains?take=50", cancellationToken);
        if (services.Count == 0 || domains.Count == 0)
        {
            throw new InvalidOperationException("The database has no services or domains to work with.");
        }

        var errors = new List<string>();
        var baseline = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            baseline.Add(await SaveAsync(http, services[i % services.Count], i, errors, cancellationToken));
        }

        var csv = Csv(rows, domains);
        using var importDone = new CancellationTokenSource();
        var saves = new List<double>();
        using var timeline = new WriteTimeline();
        var other = Task.Run(async () =>
        {
            for (var i = 0; !importDone.IsCancellationRequested; i++)
            {
                var start = timeline.Now;
                saves.Add(await SaveAsync(http, services[i % services.Count], 100 + i, errors, cancellationToken));
                timeline.Save(start, saves[^1]);
            }
        }, cancellationToken);

        var watch = Stopwatch.StartNew();
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PostAsync("/api/v1/import/services", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        watch.Stop();
        await importDone.CancelAsync();
        await other;

        foreach (var line in timeline.Lines())
        {
            Console.WriteLine("    " + line);
        }

        var committed = response.IsSuccessStatusCode;
        var message = TryMessage(body) ?? $"{(int)response.StatusCode}";
        var sorted = saves.Order().ToArray();
        return new ImportStallResult(rows, watch.Elapsed.TotalSeconds, committed, message, baseline.Count, baseline.Max(),
            sorted.Length, ApiLoad.Percentile(sorted, 50), ApiLoad.Percentile(sorted, 95), sorted.LastOrDefault(), errors.Count, errors.Take(5).ToList());
    }

    private static string Csv(int rows, IReadOnlyList<string> domains)
    {
        var stamp = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var text = new StringBuilder("key,name,kind,tier,domain,description\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"SVC-LOAD-{stamp}-{i:00000},Imported service {stamp} {i},Application,{1 + (i % 4)},{domains[i % domains.Count]},Loaded by the import stall harness\n");
        }

        return text.ToString();
    }

    /// <summary>One save as a user makes it: read the service (ETag), change its description, PUT it; the PUT's time.</summary>
    internal static async Task<double> SaveAsync(HttpClient http, string key, int n, List<string> errors, CancellationToken cancellationToken)
    {
        using var get = await http.GetAsync($"/api/v1/services/{Uri.EscapeDataString(key)}", cancellationToken);
        if (!get.IsSuccessStatusCode)
        {
            lock (errors)
            {
                errors.Add($"GET {key}: {(int)get.StatusCode}");
            }

            return 0;
        }

        var form = JsonNode.Parse(await get.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        form["description"] = $"Edited during the import stall run, save {n}";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{Uri.EscapeDataString(key)}")
        {
            Content = new StringContent(form.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(put, cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (errors)
            {
                errors.Add($"PUT {key}: {(int)response.StatusCode} {text}");
            }
        }

        return elapsed;
    }

    internal static async Task<List<string>> KeysAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("items");
        return items.EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
    }

    private static string? TryMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
