using ServicePortal.Core.Health;

namespace ServicePortal.Web.Hosting;

/// <summary>
/// Builds the dashboard for the latest month once the portal has started, in the background, so that the first
/// person to open it reads cached figures instead of waiting for the first roll-up, gaps and supplier ranking.
/// <c>Dashboard:WarmUp</c> = false switches it off.
/// </summary>
public sealed class DashboardWarmUp(
    IServiceProvider services, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Dashboard:WarmUp", true))
        {
            return;
        }

        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken));
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await services.GetRequiredService<DashboardService>().GetAsync(cancellationToken: stoppingToken);
            logger.LogInformation("Dashboard ready in {Elapsed} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a head start: the page computes the same figures itself if this fails.
            logger.LogWarning(e, "Dashboard warm-up failed; the first visit will compute it");
        }
    }
}
