using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;

namespace ServicePortal.LoadTests;

/// <summary>
/// The real portal in this process: Kestrel on a free loopback port over a SQLite file (the seeded sample in a temporary
/// file, or the database given with --db), with the demo accounts.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _temporaryDatabase;

    private PortalHost(WebApplication app, string baseUrl, string database, string? temporaryDatabase)
    {
        _app = app;
        BaseUrl = baseUrl;
        DatabasePath = database;
        _temporaryDatabase = temporaryDatabase;
    }

    public string BaseUrl { get; }

    /// <summary>The SQLite file the portal runs over.</summary>
    public string DatabasePath { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PortalHost> StartAsync(LoadOptions options)
    {
        string? temporary = null;
        var database = options.Database;
        if (database is null)
        {
            temporary = Path.Combine(Path.GetTempPath(), $"sp-load-{Guid.NewGuid():N}.db");
            database = temporary;
        }
        else if (!File.Exists(database))
        {
            throw new FileNotFoundException($"No database at {database}.");
        }

        var level = options.Verbose ? "Warning" : "Error";
        var app = ServicePortal.Web.PortalApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Portal=Data Source={database}",
            "--SeedDemoUsers=true",
            "--environment=Production",
            // Quiet unless asked: the portal's per-request warnings would bury the results.
            $"--Logging:LogLevel:Default={level}",
            $"--Logging:LogLevel:Microsoft.AspNetCore={level}",
            $"--Logging:LogLevel:Microsoft.EntityFrameworkCore={level}",
            $"--Logging:LogLevel:Microsoft.Hosting.Lifetime={level}",
            // The dashboard's warm-up says how long it took (issue 20 item 3).
            "--Logging:LogLevel:ServicePortal.Web.Hosting.DashboardWarmUp=Information",
        ], builder => builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CountingCircuitHandler>());
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        if (!new Uri(baseUrl).IsLoopback)
        {
            throw new InvalidOperationException($"The portal must listen on loopback only, not {baseUrl}.");
        }

        return new PortalHost(app, baseUrl, database, temporary);
    }

    private readonly List<(string UserId, int TokenId)> _tokens = [];

    /// <summary>A personal API token for a demo user, made through Core's <see cref="ApiTokenService"/> (not the UI);
    /// revoked when the harness stops, so runs against a kept --db do not pile up active tokens.</summary>
    public async Task<string> CreateApiTokenAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var result = await _app.Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(user.Id, $"load test {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}", DateTime.UtcNow.AddHours(2));
        var created = result.Value ?? throw new InvalidOperationException("The API token could not be created (too many active tokens?).");
        _tokens.Add((user.Id, created.Row.Id));
        return created.Token;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (userId, tokenId) in _tokens)
        {
            await _app.Services.GetRequiredService<ApiTokenService>().RevokeAsync(userId, tokenId);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_temporaryDatabase is not null)
        {
            foreach (var file in new[] { _temporaryDatabase, _temporaryDatabase + "-wal", _temporaryDatabase + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
