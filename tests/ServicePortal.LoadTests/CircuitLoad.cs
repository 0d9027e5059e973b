using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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

        // The clients run in a child process (this program in client mode), so the server's memory is the server's
        // alone. It reads the base address and cookie from stdin, opens the circuits, reports, pings them while they
        // are held, and reports again and closes them when told to.
        using var child = StartClientProcess(portal.BaseUrl, options);
        try
        {
            await child.StandardInput.WriteLineAsync(cookieHeader);
            await child.StandardInput.FlushAsync(cancellationToken);
            var opened = await ReadReportAsync(child, "OPENED", cancellationToken);
            Console.WriteLine($"  opened {opened.Held} of {options.Circuits} in {opened.Seconds:0.0} s, server circuits {CountingCircuitHandler.Open - serverBefore}");

            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), cancellationToken);
            var serverCircuits = CountingCircuitHandler.Open - serverBefore;
            var (heapAfter, workingSetAfter) = Measure();
            await child.StandardInput.WriteLineAsync("CLOSE");
            await child.StandardInput.FlushAsync(cancellationToken);
            var held = await ReadReportAsync(child, "HELD", cancellationToken);
            Console.WriteLine($"  after {options.HoldSeconds} s hold: {held.Held} held, server circuits {serverCircuits}, GC heap {heapAfter:0.0} MB, working set {workingSetAfter:0} MB");
            return new CircuitResult(options.Circuits, held.Held, serverCircuits, options.HoldSeconds, opened.Seconds, opened.P50, opened.P95,
                heapBefore, heapAfter, workingSetBefore, workingSetAfter, held.Errors, held.SampleErrors);
        }
        finally
        {
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await child.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private sealed record ClientReport(int Held, int Errors, double Seconds, double P50, double P95, IReadOnlyList<string> SampleErrors);

    private static Process StartClientProcess(string baseUrl, LoadOptions options)
    {
        var info = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(CircuitLoad).Assembly.Location);
        }

        foreach (var argument in new[] { ClientMode, baseUrl, options.Circuits.ToString(CultureInfo.InvariantCulture),
                     options.CircuitConcurrency.ToString(CultureInfo.InvariantCulture), options.CircuitPath,
                     (options.HoldSeconds + 600).ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The circuit client process did not start.");
    }

    private static async Task<ClientReport> ReadReportAsync(Process child, string word, CancellationToken cancellationToken)
    {
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<ClientReport>(line[(word.Length + 1)..])!;
            }

            Console.WriteLine($"  client: {line}");
        }

        throw new InvalidOperationException($"The circuit client process ended before reporting {word}.");
    }

    public const string ClientMode = "--circuit-client-process";

    /// <summary>Client mode: <c>--circuit-client-process BASEURL COUNT CONCURRENCY PATH MAXSECONDS</c>, cookie on stdin.</summary>
    public static async Task<int> RunClientProcessAsync(string[] args)
    {
        var baseUrl = args[1];
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
        var path = args[4];
        using var lifetime = new CancellationTokenSource(TimeSpan.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture)));
        if (!new Uri(baseUrl).IsLoopback)
        {
            throw new InvalidOperationException("Circuit clients talk to loopback only.");
        }

        var cookieHeader = await Console.In.ReadLineAsync(lifetime.Token) ?? "";
        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = concurrency };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("Cookie", cookieHeader);

        var clients = new CircuitClient?[count];
        var openTimes = new double[count];
        var errors = 0;
        var sampleErrors = new List<string>();
        var opening = Stopwatch.StartNew();
        var progress = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = lifetime.Token }, async (i, ct) =>
        {
            var client = new CircuitClient();
            var watch = Stopwatch.StartNew();
            try
            {
                using var perCircuit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                perCircuit.CancelAfter(TimeSpan.FromSeconds(60));
                await client.OpenAsync(http, cookieHeader, path, perCircuit.Token);
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
                Console.WriteLine($"{progress} opened ({opening.Elapsed.TotalSeconds:0} s)");
            }
        });
        opening.Stop();
        var sorted = openTimes.Where(t => t > 0).Order().ToArray();
        Report("OPENED", clients.Count(c => c is { IsOpen: true }), opening.Elapsed.TotalSeconds, Percentile(sorted, 50), Percentile(sorted, 95));

        // Hold: idle tabs that ping, as SignalR clients do (the server drops silent clients after 30 s), until told to close.
        var close = Console.In.ReadLineAsync(lifetime.Token).AsTask();
        while (!close.IsCompleted)
        {
            await Task.WhenAny(close, Task.Delay(TimeSpan.FromSeconds(10), lifetime.Token));
            foreach (var client in clients)
            {
                if (client is not null)
                {
                    try
                    {
                        await client.PingAsync(lifetime.Token);
                    }
                    catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException)
                    {
                        // Counted below: the client is no longer open.
                    }
                }
            }
        }

        var lost = clients.Where(c => c is { IsOpen: false }).ToList();
        foreach (var client in lost.Take(3))
        {
            lock (sampleErrors)
            {
                sampleErrors.Add($"circuit lost during the hold: {client!.Error}");
            }
        }

        errors += lost.Count;
        Report("HELD", clients.Count(c => c is { IsOpen: true }), opening.Elapsed.TotalSeconds, Percentile(sorted, 50), Percentile(sorted, 95));
        foreach (var client in clients)
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        return 0;

        void Report(string word, int held, double seconds, double p50, double p95)
        {
            lock (sampleErrors)
            {
                Console.WriteLine($"{word} {JsonSerializer.Serialize(new ClientReport(held, errors, seconds, p50, p95, sampleErrors.Take(5).ToList()))}");
            }
        }

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
