using ServicePortal.Core.Health;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Web.Hosting;

/// <summary>
/// Builds the dashboard for the latest month once the portal has started (in the background: the start does not wait), so that
/// the first person to open it reads cached figures instead of waiting for the first roll-up, gaps and supplier
/// ranking; a visit that arrives while it runs waits for the same build (see <see cref="DashboardService"/>). Then,
/// in the background, every other measured month, newest first, so that switching "As of" reads cached figures too.
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

        // Continuations run asynchronously: otherwise the warm-up would run inside the host's "started" notification,
        // and the portal's start would not return until the latest month was built.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken));
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var dashboard = services.GetRequiredService<DashboardService>();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            // The SLA results first (one query): a visit during the build shows them at once (DashboardService.PreviewAsync);
            // then the month's value stream, which the page shows with the health it reads once the first step is built.
            if (await dashboard.PreviewAsync(cancellationToken: stoppingToken) is { } preview)
            {
                await services.GetRequiredService<ValueStreamHealthService>().GetAsync(preview.Period, cancellationToken: stoppingToken);
                logger.LogInformation("Dashboard's SLA results and value stream ready in {Elapsed} ms", watch.ElapsedMilliseconds);
            }

            var board = await dashboard.GetAsync(cancellationToken: stoppingToken);
            logger.LogInformation("Dashboard ready in {Elapsed} ms", watch.ElapsedMilliseconds);

            // Then the other measured months, newest first, off the start path: switching "As of" reads cached figures.
            await Task.Run(
                async () =>
                {
                    watch.Restart();
                    foreach (var month in board.MeasuredPeriods.Where(m => m != board.Period))
                    {
                        await dashboard.GetAsync(month, cancellationToken: stoppingToken);
                    }

                    logger.LogInformation("Dashboard of {Months} earlier months ready in {Elapsed} ms", board.MeasuredPeriods.Count - 1, watch.ElapsedMilliseconds);
                },
                stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a head start: the page computes the same figures itself if this fails.
            logger.LogWarning(e, "Dashboard warm-up failed; the first visit will compute it");
        }
    }
}
