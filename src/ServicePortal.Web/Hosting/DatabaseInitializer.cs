using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Web.Hosting;

/// <summary>
/// Runs before the server accepts requests: applies migrations, loads the sample enterprise into an empty database,
/// and creates the sign-in roles and (when <c>SeedDemoUsers</c> is true) the demo accounts.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceProvider services,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            try
            {
                if (await PortalDatabase.MigrateAsync(db, cancellationToken))
                {
                    logger.LogInformation("Adopted a database of the 2026-11-21 release: its migration history now starts at {Baseline}", db.Database.GetMigrations().First());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new StartupException($"the database could not be opened or migrated ({db.Database.ProviderName}): {e.Message}", e);
            }

            logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);

            if (configuration.GetValue("Seed:LoadSampleEnterprise", true))
            {
                await LoadSampleAsync(db, cancellationToken);
            }

            if (db.Database.IsSqlite())
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await PortalDatabase.RefreshStatisticsAsync(db, cancellationToken);
                logger.LogInformation("Query planner statistics refreshed in {Milliseconds} ms", watch.ElapsedMilliseconds);
            }
        }

        var demoUsers = configuration.GetValue("SeedDemoUsers", false);
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var accounts = new DemoAccounts(userManager, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await accounts.EnsureRolesAsync();
        if (demoUsers)
        {
            var created = await accounts.EnsureDemoUsersAsync();
            if (created > 0)
            {
                logger.LogWarning("Created {Count} demo accounts (password {Password}). Set SeedDemoUsers to false in production", created, DemoAccounts.Password);
            }
        }

        var presence = scope.ServiceProvider.GetRequiredService<DemoAccountsPresence>();
        await presence.RefreshAsync(userManager);
    }

    private async Task LoadSampleAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var folder = SeedLoader.FindFolder(configuration["Seed:Path"]);
        if (folder is null)
        {
            logger.LogWarning("No seed-data folder found; the portal starts with an empty catalog");
            return;
        }

        try
        {
            var result = await SeedLoader.LoadAsync(db, folder, cancellationToken);
            logger.LogInformation("{Message}", result.Message);
        }
        catch (SeedDataException e)
        {
            // Nothing was stored; the person starting the portal sees every problem with its file and item.
            throw new StartupException($"the sample data in {folder} has problems, nothing was loaded:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", e.Problems), e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
