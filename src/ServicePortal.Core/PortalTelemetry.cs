using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ServicePortal.Core;

/// <summary>
/// The portal's own metrics and traces, named <see cref="Name"/> ("ServicePortal"): what its engines do, beside
/// what ASP.NET Core, HttpClient and EF Core report. Recording costs next to nothing while nobody listens (the web host
/// subscribes only when <c>OpenTelemetry:Endpoint</c> is set; README, "Operations").
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "ServicePortal";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> ImpactComputations = Meter.CreateCounter<long>(
        "serviceportal.impact.computations", "{computation}", "Impact analyses run (blast radius or supply chain).");

    private static readonly Histogram<double> ImpactDuration = Meter.CreateHistogram<double>(
        "serviceportal.impact.duration", "ms", "Time of one impact analysis on the graph index.");

    private static readonly Histogram<long> ImpactReach = Meter.CreateHistogram<long>(
        "serviceportal.impact.nodes", "{node}", "Nodes an impact analysis reached.");

    private static readonly Counter<long> Imports = Meter.CreateCounter<long>(
        "serviceportal.imports", "{import}", "Imports committed or refused, by format.");

    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "serviceportal.import.duration", "s", "Time of one import commit.");

    private static readonly Counter<long> GraphIndexBuilds = Meter.CreateCounter<long>(
        "serviceportal.graph_index.builds", "{build}", "CMDB graph index builds (first load and every rebuild after a change).");

    private static readonly Histogram<double> GraphIndexBuildDuration = Meter.CreateHistogram<double>(
        "serviceportal.graph_index.build.duration", "s", "Time to load and build the CMDB graph index.");

    /// <summary>A start time for <see cref="Stopwatch.GetElapsedTime(long)"/>, taken only when a duration is listened to.</summary>
    internal static long StartImpact() => ImpactDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void RecordImpact(string kind, long started, int nodesReached)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        ImpactComputations.Add(1, tag);
        ImpactReach.Record(nodesReached, tag);
        if (started != 0)
        {
            ImpactDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
        }
    }

    internal static void RecordImport(string format, bool committed, TimeSpan elapsed)
    {
        var tags = new TagList { { "format", format }, { "outcome", committed ? "committed" : "refused" } };
        Imports.Add(1, tags);
        ImportDuration.Record(elapsed.TotalSeconds, tags);
    }

    internal static void RecordGraphIndexBuild(int nodes, TimeSpan elapsed)
    {
        GraphIndexBuilds.Add(1);
        GraphIndexBuildDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("nodes", nodes));
    }
}
