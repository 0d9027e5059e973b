using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServicePortal.Core;

namespace ServicePortal.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics, sent over OTLP to <c>OpenTelemetry:Endpoint</c> (e.g. <c>http://127.0.0.1:4317</c>;
/// <c>OpenTelemetry:Protocol</c> <c>grpc</c>, the default, or <c>http/protobuf</c>). Without an endpoint nothing is
/// registered: no listener, no exporter, no cost. Collected: ASP.NET Core requests, outgoing HttpClient calls,
/// EF Core commands (traces; EF's own "Microsoft.EntityFrameworkCore" meter for metrics) and the portal's own
/// "ServicePortal" source and meter (<see cref="PortalTelemetry"/>: impact analyses, imports, graph index builds).
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "ServicePortal";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUrl))
        {
            throw new StartupException($"OpenTelemetry:Endpoint '{endpoint}' is not an absolute URL (e.g. http://127.0.0.1:4317).");
        }

        var protocol = configuration["OpenTelemetry:Protocol"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new StartupException($"OpenTelemetry:Protocol '{other}' is not 'grpc' or 'http/protobuf'."),
        };

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(PortalTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddMeter(PortalTelemetry.Name))
            .UseOtlpExporter(protocol, baseUrl);
        return services;
    }
}
