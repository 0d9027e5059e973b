using System.Diagnostics;
using System.Net;
using System.Runtime;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ServicePortal.LoadTests;

public sealed record CircuitResult(int Requested, int Held, int ServerCircuits, int HoldSeconds, double OpenSeconds, double OpenP50, double OpenP95,
    double HeapBeforeMb, double HeapAfterMb, double WorkingSetBeforeMb, double WorkingSetAfterMb, int Errors, IReadOnlyList<string> SampleErrors)
{
    public double HeapPerCircuitKb => Held > 0 ? (HeapAfterMb - HeapBeforeMb) * 1024 / Held : 0;

    public double WorkingSetPerCircuitKb => Held > 0 ? (WorkingSetAfterMb - WorkingSetBeforeMb) * 1024 / Held : 0;
}

/// <summary>Counts the circuits the server really has open (registered beside the portal's own handlers).</summary>
public sealed class CountingCircuitHandler : CircuitHandler
{
    private static int _open;

    public static int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Opens N lightweight circuits (bounded concurrency), holds them idle for a while with pings, and measures the server
/// process's memory before and after (each after a forced, compacting full GC).
/// </summary>
public static partial class CircuitLoad
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<CircuitResult> RunAsync(PortalHost portal, LoadOptions options, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = true, MaxConnectionsPerServer = options.CircuitConcurrency };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(portal.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

        // Sign in once through the form; all circuits are the same user's tabs (password hashing 2,000 times would
        // measure PBKDF2, not circuits).
        var form = await http.GetStringAsync("/account/login", cancellationToken);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        using (var signIn = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["email"] = options.Email,
                   ["password"] = ServicePortal.Core.Identity.DemoAccounts.Password,
                   ["returnUrl"] = "/",
                   ["__RequestVerificationToken"] = token,
               }), cancellationToken))
        {
            signIn.EnsureSuccessStatusCode();
        }

        var cookieHeader = cookies.GetCookieHeader(new Uri(portal.BaseUrl));
        if (!cookieHeader.Contains("ServicePortal.Auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {options.Email} failed (no auth cookie).");
        }

        // Warm up: one circuit opened and closed, so JIT and first-render caches are not counted per circuit.
        await using (var warm = new CircuitClient())
        {
            await warm.OpenAsync(http, cookieHeader, options.CircuitPath, cancellationToken);
        }

        await Task.Delay(1000, cancellationToken);
        var serverBefore = CountingCircuitHandler.Open;
        var (heapBefore, workingSetBefore) = Measure();
        Console.WriteLine($"  before: GC heap {heapBefore:0.0} MB, working set {workingSetBefore:0} MB, server circuits {serverBefore}");

        var clients = new CircuitClient?[options.Circuits];
        var openTimes = new double[options.Circuits];
        var errors = 0;
        var sampleErrors = new List<string>();
        var opening = Stopwatch.StartNew();
        var progress = 0;
        await Parallel.ForAsync(0, options.Circuits, new ParallelOptions { MaxDegreeOfParallelism = options.CircuitConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var client = new CircuitClient();
            var watch = Stopwatch.StartNew();
            try
            {
                using var perCircuit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                perCircuit.CancelAfter(TimeSpan.FromSeconds(60));
                await client.OpenAsync(http, cookieHeader, options.CircuitPath, perCircuit.Token);
                openTimes[i] = watch.Elapsed.TotalMilliseconds;
                clients[i] = client;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Error($"circuit {i}: {e.GetType().Name}: {e.Message}");
                await client.DisposeAsync();
            }

            if (Interlocked.Increment(ref progress) % 250 == 0)
            {
                Console.WriteLine($"  {progress} opened ({opening.Elapsed.TotalSeconds:0} s), server circuits {CountingCircuitHandler.Open - serverBefore}");
            }
        });
        opening.Stop();

        // Hold: idle tabs that ping, as SignalR clients do (the server drops silent clients after 30 s).
        var hold = Stopwatch.StartNew();
        while (hold.Elapsed < TimeSpan.FromSeconds(options.HoldSeconds))
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, options.HoldSeconds - hold.Elapsed.TotalSeconds))), cancellationToken);
            foreach (var client in clients)
            {
                if (client is not null)
                {
                    try
                    {
                        await client.PingAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException)
                    {
                        // Counted below: the client is no longer open.
                    }
                }
            }
        }

        var held = clients.Count(c => c is { IsOpen: true });
        foreach (var lost in clients.Where(c => c is { IsOpen: false }).Take(3))
        {
            Error($"circuit {lost!.CircuitId?[..8]} lost during the hold: {lost.Error}");
        }

        errors += clients.Count(c => c is { IsOpen: false }) - Math.Min(3, clients.Count(c => c is { IsOpen: false }));
        var serverCircuits = CountingCircuitHandler.Open - serverBefore;
        var (heapAfter, workingSetAfter) = Measure();
        Console.WriteLine($"  after {options.HoldSeconds} s hold: {held} held, server circuits {serverCircuits}, GC heap {heapAfter:0.0} MB, working set {workingSetAfter:0} MB");

        foreach (var client in clients)
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        var sorted = openTimes.Where(t => t > 0).Order().ToArray();
        return new CircuitResult(options.Circuits, held, serverCircuits, options.HoldSeconds, opening.Elapsed.TotalSeconds,
            Percentile(sorted, 50), Percentile(sorted, 95), heapBefore, heapAfter, workingSetBefore, workingSetAfter, errors, sampleErrors);

        void Error(string message)
        {
            Interlocked.Increment(ref errors);
            lock (sampleErrors)
            {
                if (sampleErrors.Count < 5)
                {
                    sampleErrors.Add(message);
                }
            }
        }
    }

    private static (double HeapMb, double WorkingSetMb) Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024), process.WorkingSet64 / (1024.0 * 1024));
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
