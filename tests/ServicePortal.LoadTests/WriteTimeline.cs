using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ServicePortal.LoadTests;

/// <summary>
/// Where another user's slow saves fell during a large import: the import's own spans (the portal's OpenTelemetry
/// source: read, plan, apply, the write transaction and its bulk rounds) and each save, both as offsets from the
/// start, so a slow save can be told apart as waiting for the write lock (inside "write transaction") or for the CPU.
/// </summary>
public sealed class WriteTimeline : IDisposable
{
    private static readonly HashSet<string> Spans = new(StringComparer.Ordinal) { "import.read", "import.plan", "import.apply", "write transaction", "bulk insert", "bulk prepare", "bulk reserve ids", "changes since planning" };
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private readonly ConcurrentQueue<(string Name, double Start, double Seconds)> _spans = new();
    private readonly ConcurrentQueue<(double Start, double Milliseconds)> _saves = new();
    private readonly ActivityListener _listener;

    public WriteTimeline()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServicePortal.Core.PortalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Spans.Contains(activity.OperationName))
                {
                    _spans.Enqueue((activity.OperationName, (activity.StartTimeUtc - _startedUtc).TotalSeconds, activity.Duration.TotalSeconds));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Seconds since the timeline started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public void Save(double start, double milliseconds) => _saves.Enqueue((start, milliseconds));

    /// <summary>The spans in order, then the slowest saves, one a line.</summary>
    public IEnumerable<string> Lines(int slowest = 3)
    {
        foreach (var span in _spans.OrderBy(s => s.Start))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{span.Name}: {span.Start:0.00}–{span.Start + span.Seconds:0.00} s ({span.Seconds * 1000:0} ms)");
        }

        foreach (var save in _saves.OrderByDescending(s => s.Milliseconds).Take(slowest))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"slow save: {save.Start:0.00}–{save.Start + (save.Milliseconds / 1000):0.00} s ({save.Milliseconds:0} ms)");
        }
    }

    public void Dispose() => _listener.Dispose();
}
