using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ServicePortal.Core.Tests.Support;

/// <summary>
/// A PostgreSQL server for the tests. Uses SERVICEPORTAL_TEST_POSTGRES (a connection string to a server where the
/// user may create databases) when set; otherwise starts a throwaway cluster from Debian's postgresql package on a free
/// loopback port and removes it afterwards. Only when neither is possible do the PostgreSQL tests skip, naming why.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "SERVICEPORTAL_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;
    private static string? _unavailable;

    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
    }

    public string AdminConnectionString { get; }

    /// <summary>The shared server, started on first use; skips the calling test when PostgreSQL is truly absent.</summary>
    public static async Task<PostgresServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is null && _unavailable is null)
            {
                try
                {
                    _shared = await StartAsync();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                catch (PostgresUnavailableException e)
                {
                    _unavailable = e.Message;
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        if (_shared is null)
        {
            Assert.Skip($"PostgreSQL is not available: {_unavailable}");
        }

        return _shared!;
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "sp_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ToString();
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, null, null);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new PostgresUnavailableException(
                $"no {EnvironmentVariable} connection string and no initdb under /usr/lib/postgresql (install Debian's 'postgresql' package; .ci/run does)");
        }

        var data = Path.Combine(Path.GetTempPath(), "sp-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: hand the folder to the 'postgres' user the package creates.
            await RunAsync("chown", $"postgres:postgres {data}");
        }

        await RunAsync(bin, asRoot, "initdb", $"-D {data} -U postgres --auth=trust --encoding=UTF8 --no-sync");
        await RunAsync(bin, asRoot, "pg_ctl", $"-D {data} -w -t 60 -l {data}/server.log -o \"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start");
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        return new PostgresServer(connectionString, data, bin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            await RunAsync(_binDirectory, Environment.UserName == "root", "pg_ctl", $"-D {_dataDirectory} -m immediate stop");
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static Task RunAsync(string bin, bool asRoot, string tool, string arguments) =>
        asRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(bin, tool)} {arguments}")
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new PostgresUnavailableException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new PostgresUnavailableException($"{fileName} {arguments} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class PostgresUnavailableException(string message) : Exception(message);
}
