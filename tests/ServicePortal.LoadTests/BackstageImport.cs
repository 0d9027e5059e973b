using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServicePortal.LoadTests;

public sealed record BackstageImportResult(
    int Entities, int Relations, double Megabytes, double PreviewSeconds, string PreviewCounts, double CommitSeconds, bool Committed, string CommitMessage,
    double SecondSeconds, string SecondCounts, double SyncSeconds, string SyncCounts, int SavesDuringCommit, double SaveMaxDuringCommit, int SaveErrors);

/// <summary>
/// Issue 18's figures: a generated Backstage catalog of <c>entities</c> entities with about five relations each
/// (domains, systems, groups, components, APIs and resources; spec.owner, spec.system, spec.domain, dependsOn,
/// providesApis, consumesApis) through the portal's API as one YAML file named as one source: its preview, its
/// commit, the same catalog again (nothing to change), and a sync where one component in a hundred has left the
/// catalog (those are listed as removals and removed). Writes: run over a copy or the sample.
/// </summary>
public static class BackstageImport
{
    private const string Source = "load-test-catalog";

    public static async Task<BackstageImportResult> RunAsync(string baseUrl, string token, int entities, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (yaml, relations, left) = Catalog(entities, leaveOut: 0);
        var megabytes = Encoding.UTF8.GetByteCount(yaml) / (1024.0 * 1024);
        Console.WriteLine($"  catalog: {entities} entities, {relations} relations, {megabytes:0.0} MB");

        var (previewSeconds, preview) = await PostAsync(http, "/api/v1/import/backstage/preview", yaml, cancellationToken);
        // While it commits, another user saves one service after another (as the import stall harness does).
        var services = await ImportStall.KeysAsync(http, "/api/v1/services?take=20", cancellationToken);
        var errors = new List<string>();
        var saves = new List<double>();
        using var committing = new CancellationTokenSource();
        var timeline = new WriteTimeline();
        var other = Task.Run(async () =>
        {
            for (var i = 0; !committing.IsCancellationRequested; i++)
            {
                var start = timeline.Now;
                saves.Add(await ImportStall.SaveAsync(http, services[i % services.Count], 500 + i, errors, cancellationToken));
                timeline.Save(start, saves[^1]);
            }
        }, cancellationToken);
        var (commitSeconds, commit) = await PostAsync(http, "/api/v1/import/backstage", yaml, cancellationToken);
        await committing.CancelAsync();
        await other;
        timeline.Dispose();
        foreach (var line in timeline.Lines())
        {
            Console.WriteLine("    " + line);
        }
        var committed = commit.TryGetProperty("committed", out var c) && c.GetBoolean();
        var message = commit.TryGetProperty("message", out var m) ? m.GetString() ?? "" : commit.ToString()[..Math.Min(300, commit.ToString().Length)];
        var (secondSeconds, second) = await PostAsync(http, "/api/v1/import/backstage", yaml, cancellationToken);

        var (smaller, _, removed) = Catalog(entities, leaveOut: 100);
        var (syncSeconds, sync) = await PostAsync(http, "/api/v1/import/backstage", smaller, cancellationToken);
        return new BackstageImportResult(
            entities, relations, megabytes, previewSeconds, Counts(preview), commitSeconds, committed, message,
            secondSeconds, Counts(second), syncSeconds, Counts(sync) + $" ({removed} components left the catalog)",
            saves.Count, saves.DefaultIfEmpty(0).Max(), errors.Count);
    }

    private static async Task<(double Seconds, JsonElement Body)> PostAsync(HttpClient http, string path, string yaml, CancellationToken cancellationToken)
    {
        // Where the server's time went: the import's own spans (read, plan, apply; the portal's OpenTelemetry source).
        var spans = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServicePortal.Core.PortalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => spans.AddOrUpdate(activity.OperationName, activity.Duration.TotalSeconds, (_, total) => total + activity.Duration.TotalSeconds),
        };
        ActivitySource.AddActivityListener(listener);
        var watch = Stopwatch.StartNew();
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await http.PostAsync($"{path}?source={Source}", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        watch.Stop();
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }

        Console.WriteLine($"    {path}: {watch.Elapsed.TotalSeconds:0.0} s; spans {string.Join(", ", spans.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value:0.0} s"))}");
        return (watch.Elapsed.TotalSeconds, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>"added / updated / unchanged / removed / errors" of a preview or of a result's preview.</summary>
    private static string Counts(JsonElement body)
    {
        var preview = body.TryGetProperty("preview", out var p) ? p : body;
        if (!preview.TryGetProperty("items", out var items))
        {
            return body.ToString()[..Math.Min(200, body.ToString().Length)];
        }

        var changes = items.EnumerateArray()
            .GroupBy(i => i.TryGetProperty("change", out var change) ? change.ToString() : "?")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        var warnings = preview.TryGetProperty("warnings", out var w) ? w.GetArrayLength() : 0;
        var first = warnings > 0 ? $", the first: {w[0]}" : "";
        return $"{string.Join(", ", changes)}; {warnings} warnings{first}";
    }

    /// <summary>
    /// The catalog as multi-document YAML, the same for the same size; <paramref name="leaveOut"/> &gt; 0 drops every
    /// leaveOut-th component (and the relations to it) to make a sync remove something.
    /// </summary>
    private static (string Yaml, int Relations, int LeftOut) Catalog(int entities, int leaveOut)
    {
        var random = new Random(18);
        var domains = Math.Max(2, entities / 200);
        var systems = Math.Max(4, entities / 20);
        var groups = Math.Max(2, entities / 100);
        var apis = entities / 5;
        var resources = entities * 15 / 100;
        var components = Math.Max(1, entities - domains - systems - groups - apis - resources);
        var text = new StringBuilder(entities * 400);
        var relations = 0;
        var leftOut = 0;
        bool Kept(int component) => leaveOut <= 0 || component % leaveOut != leaveOut - 1;

        void Entity(string kind, string name, string? type, Action<StringBuilder> spec)
        {
            text.Append("---\napiVersion: backstage.io/v1alpha1\nkind: ").Append(kind)
                .Append("\nmetadata:\n  name: ").Append(name)
                .Append("\n  description: Generated ").Append(kind.ToLowerInvariant()).Append(' ').Append(name)
                .Append("\nspec:\n");
            if (type is not null)
            {
                text.Append("  type: ").Append(type).Append('\n');
            }

            spec(text);
        }

        string Group(int i) => $"group:team-{i % groups:D4}";
        for (var i = 0; i < groups; i++)
        {
            Entity("Group", $"team-{i:D4}", "team", s => s.Append("  children: []\n"));
        }

        for (var i = 0; i < domains; i++)
        {
            Entity("Domain", $"domain-{i:D4}", null, s => s.Append("  owner: ").Append(Group(i)).Append('\n'));
            relations++;
        }

        for (var i = 0; i < systems; i++)
        {
            Entity("System", $"system-{i:D5}", null, s => s.Append("  owner: ").Append(Group(i)).Append("\n  domain: domain-").Append((i % domains).ToString("D4", CultureInfo.InvariantCulture)).Append('\n'));
            relations += 2;
        }

        for (var i = 0; i < resources; i++)
        {
            Entity("Resource", $"resource-{i:D5}", i % 3 == 0 ? "database" : i % 3 == 1 ? "storage" : "queue",
                s => s.Append("  owner: ").Append(Group(i)).Append("\n  system: system-").Append((i % systems).ToString("D5", CultureInfo.InvariantCulture)).Append('\n'));
            relations += 2;
        }

        for (var i = 0; i < apis; i++)
        {
            Entity("API", $"api-{i:D5}", "openapi", s => s.Append("  lifecycle: production\n  owner: ").Append(Group(i))
                .Append("\n  system: system-").Append((i % systems).ToString("D5", CultureInfo.InvariantCulture))
                .Append("\n  definition: |\n    openapi: 3.0.0\n"));
            relations += 2;
        }

        for (var i = 0; i < components; i++)
        {
            // Every component draws its relations whether it is kept or not, so leaving some out changes nothing else.
            var dependsOn = new SortedSet<string>(StringComparer.Ordinal);
            for (var d = random.Next(1, 3); d > 0; d--)
            {
                dependsOn.Add($"resource:resource-{random.Next(resources):D5}");
            }

            if (i > 0 && random.Next(i) is var other && Kept(other))
            {
                dependsOn.Add($"component:component-{other:D5}");
            }

            var consumes = new SortedSet<string>(StringComparer.Ordinal);
            for (var d = random.Next(0, 2); d > 0; d--)
            {
                consumes.Add($"api-{random.Next(apis):D5}");
            }

            if (!Kept(i))
            {
                leftOut++;
                continue;
            }

            var provides = apis > 0 && i % 2 == 0 ? $"api-{i / 2 % apis:D5}" : null;
            relations += 2 + dependsOn.Count + consumes.Count + (provides is null ? 0 : 1);
            Entity("Component", $"component-{i:D5}", i % 4 == 0 ? "website" : "service", s =>
            {
                s.Append("  lifecycle: production\n  owner: ").Append(Group(i))
                    .Append("\n  system: system-").Append((i % systems).ToString("D5", CultureInfo.InvariantCulture)).Append('\n');
                s.Append("  dependsOn:\n");
                foreach (var target in dependsOn)
                {
                    s.Append("    - ").Append(target).Append('\n');
                }

                if (provides is not null)
                {
                    s.Append("  providesApis:\n    - ").Append(provides).Append('\n');
                }

                if (consumes.Count > 0)
                {
                    s.Append("  consumesApis:\n");
                    foreach (var api in consumes)
                    {
                        s.Append("    - ").Append(api).Append('\n');
                    }
                }
            });
        }

        return (text.ToString(), relations, leftOut);
    }
}
