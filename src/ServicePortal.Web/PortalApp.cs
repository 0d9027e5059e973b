using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Seeding;
using ServicePortal.Core;
using ServicePortal.Web.Api;
using ServicePortal.Web.Components;
using ServicePortal.Web.Features.Account;
using ServicePortal.Web.Features.Admin;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Features.Shell;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web;

/// <summary>Builds and runs the portal. Tests call <see cref="Build"/> to host it on a free loopback port.</summary>
public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--migrate-only"))
        {
            return await MigrateOnlyAsync(args);
        }

        if (args.Contains("--generate"))
        {
            await Console.Error.WriteLineAsync(
                "The scale generator moved out of the portal: dotnet run -c Release --project tests/ServicePortal.DataGenerator -- 100000 \"--ConnectionStrings:Portal=Data Source=data/scale.db\"");
            return 2;
        }

        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync();
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"ServicePortal did not start: {e.Message}");
            return 1;
        }

        var urls = string.Join(", ", app.Urls);
        app.Logger.LogInformation("ServicePortal is running. Open {Urls} in a browser", urls);
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name picks the static-asset manifests (MudBlazor's CSS and scripts); it must be this project's
        // even when a test assembly is the process entry point.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
        });

        // The app's configuration is the repository's appsettings.json, linked beside the binaries. It goes first, so
        // an environment file, environment variables and the command line (e.g. --urls) still override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        builder.WebHost.UseStaticWebAssets();

        configure?.Invoke(builder);
        AddServices(builder);

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddServicePortalCore(builder.Configuration);
        services.AddSingleton<ICurrentActor, HttpAndCircuitActor>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        services.AddHostedService<DatabaseInitializer>();

        // Keys that sign cookies and antiforgery tokens live in the database: every instance accepts every cookie.
        services.AddDataProtection().SetApplicationName("ServicePortal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>())));

        services.AddIdentity<PortalUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "ServicePortal.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddAuthorization(options => options.AddPortalPolicies());
        services.AddCascadingAuthenticationState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
        services.AddPortalTelemetry(builder.Configuration); // only when OpenTelemetry:Endpoint is set
        services.AddPortalWeb();
        services.AddPortalApi(); // JSON API, OpenAPI, API tokens, export/import
    }

    private static void UsePipeline(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UsePortalApiErrors(); // problem details instead of the not-found page for /api
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ActorMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapRaciCsv();
        app.MapSlaEndpoints();
        app.MapPortalApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    /// <summary><c>--migrate-only</c>: applies pending migrations to the configured database and exits (for deployments
    /// that migrate once before starting several instances).</summary>
    private static async Task<int> MigrateOnlyAsync(string[] args)
    {
        await using var app = Build(args);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToHashSet();
        var adopted = await PortalDatabase.MigrateAsync(db);
        var pending = db.Database.GetMigrations().Where(m => !applied.Contains(m) && !(adopted && m == db.Database.GetMigrations().First())).ToList();
        if (adopted)
        {
            Console.WriteLine($"Adopted a database of the 2026-11-21 release: its migration history now starts at {db.Database.GetMigrations().First()}.");
        }

        Console.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}

/// <summary>A start-up failure with a message meant for the person who started the portal.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
