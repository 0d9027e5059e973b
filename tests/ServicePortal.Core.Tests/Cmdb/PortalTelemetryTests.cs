using System.Diagnostics.Metrics;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>The portal's meter ("ServicePortal") reports impact computations to whoever listens (OpenTelemetry in the host).</summary>
public class PortalTelemetryTests
{
    // Other tests run analyses in parallel: only measurements made on this test's own flow are kept.
    private static readonly AsyncLocal<bool> Mine = new();

    [Fact]
    public void ImpactAnalysis_IsCountedWithItsKindAndReach()
    {
        var graph = new TestGraph().DependsOn("Shop", "Orders").DependsOn("Orders", "Database");
        var analyzer = new ImpactAnalyzer(graph.Build());
        var counted = new List<(string Instrument, long Value, string? Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PortalTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Mine.Value)
            {
                var kind = tags.ToArray().SingleOrDefault(t => t.Key == "kind").Value as string;
                counted.Add((instrument.Name, value, kind));
            }
        });
        listener.Start();
        Mine.Value = true;

        analyzer.Analyze([graph["Database"]]);
        analyzer.SupplyChain(graph["Shop"]);

        Assert.Equal(
            [
                ("serviceportal.impact.computations", 1L, "blast_radius"), ("serviceportal.impact.nodes", 3L, "blast_radius"),
                ("serviceportal.impact.computations", 1L, "supply_chain"), ("serviceportal.impact.nodes", 3L, "supply_chain"),
            ],
            counted);
    }
}
