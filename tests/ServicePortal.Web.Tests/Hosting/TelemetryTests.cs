using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Tests.Hosting;

public class TelemetryTests
{
    [Fact]
    public void WithoutAnEndpoint_NothingIsCollected()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithAnEndpoint_TracesAndMetricsAreExportedOverOtlp()
    {
        using var services = Build(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "http://127.0.0.1:4317" });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void AnEndpointThatIsNoUrl_StopsTheStartWithAMessage()
    {
        var error = Assert.Throws<StartupException>(() => Build(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "collector" }));

        Assert.Contains("OpenTelemetry:Endpoint", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPortalTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
