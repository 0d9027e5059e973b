using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServicePortal.EndToEnd.ScaleOut;

/// <summary>
/// nginx from Debian's package in front of several portal instances on loopback. Sessions are sticky by client
/// address (ip_hash), which keeps a Blazor circuit's negotiate and WebSocket on one instance; WebSocket upgrade
/// headers are passed through. This is the configuration README's scale-out section documents.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, string url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<string> upstreams)
    {
        if (!File.Exists(Executable))
        {
            Assert.Skip($"nginx is not installed at {Executable} (apt-get install -y nginx; .ci/run does this).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "sp-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var servers = string.Join("\n", upstreams.Select(u => $"    server {new Uri(u).Authority};"));
        var user = Environment.UserName == "root" ? "user root;" : "";
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream portal {
                ip_hash;
            {{servers}}
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://portal;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 3600s;
                }
              }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Executable, $"-p {directory} -c {directory}/nginx.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var url = $"http://127.0.0.1:{port}";
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                if ((await client.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return new NginxProxy(process, directory, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("nginx did not answer /health within 5 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
