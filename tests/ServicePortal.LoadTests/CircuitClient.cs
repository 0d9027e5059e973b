using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServicePortal.LoadTests;

/// <summary>
/// A lightweight interactive Blazor circuit: what blazor.web.js does for an interactive-server Web App page, without the
/// DOM. It gets the prerendered page (signed in by a cookie), reads the component markers
/// (<c>&lt;!--Blazor:{...}--&gt;</c>) and the persisted component state, negotiates a SignalR connection on
/// <c>/_blazor</c>, opens a WebSocket with the "blazorpack" hub protocol, invokes
/// <c>StartCircuit(baseUri, uri, "[]", state)</c> and then sends <c>UpdateRootComponents</c> with an "add" operation
/// per marker, as the Web App script does. It then behaves like an idle tab: it acknowledges every render batch
/// (<c>OnRenderCompleted</c>), answers the server's JS interop calls with an empty success, and pings.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> _pending = new();
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiveLoop;

    public string? CircuitId { get; private set; }

    public int RenderBatches { get; private set; }

    public string? Error { get; private set; }

    public bool IsOpen => _socket.State == WebSocketState.Open && Error is null;

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--\\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\\s*-->")]
    private static partial Regex State();

    /// <summary>Opens the circuit and waits until the server has rendered its components over it (interactive).</summary>
    public async Task OpenAsync(HttpClient http, string cookieHeader, string path, CancellationToken cancellationToken)
    {
        var baseUri = http.BaseAddress!;

        // 1. The prerendered page, as a browser gets it.
        using var page = await http.GetAsync(path, cancellationToken);
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }

        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components (signed out?).");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        // 2. SignalR negotiate, then the WebSocket transport with the hub protocol handshake.
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null, cancellationToken);
        negotiate.EnsureSuccessStatusCode();
        using var negotiation = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(cancellationToken));
        var token = negotiation.RootElement.GetProperty("connectionToken").GetString();
        _socket.Options.SetRequestHeader("Cookie", cookieHeader);
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _socket.Options.SetBuffer(4096, 4096);
        var socketUri = new UriBuilder(baseUri) { Scheme = "ws", Path = "/_blazor", Query = "id=" + Uri.EscapeDataString(token!) }.Uri;
        await _socket.ConnectAsync(socketUri, cancellationToken);
        await SendAsync(BlazorPack.HandshakeRequest, WebSocketMessageType.Text, cancellationToken);
        var handshake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiveLoop = ReceiveLoopAsync(handshake);
        await handshake.Task.WaitAsync(cancellationToken);

        // 3. StartCircuit: a Web App starts with no components; they come with the first UpdateRootComponents.
        var started = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending["0"] = started;
        await SendAsync(BlazorPack.InvocationMessage("0", "StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", state), WebSocketMessageType.Binary, cancellationToken);
        CircuitId = await started.Task.WaitAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("StartCircuit returned no circuit id.");

        // 4. UpdateRootComponents: one "add" per prerendered server component, with the marker as the page had it.
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = (JsonObject)markers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
        await SendAsync(BlazorPack.InvocationMessage(null, "UpdateRootComponents", batch, state), WebSocketMessageType.Binary, cancellationToken);
        await _firstRender.Task.WaitAsync(cancellationToken);
        if (Error is not null)
        {
            throw new InvalidOperationException(Error);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        IsOpen ? SendAsync(BlazorPack.PingMessage, WebSocketMessageType.Binary, cancellationToken) : Task.CompletedTask;

    private async Task SendAsync(byte[] message, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, type, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync(TaskCompletionSource handshake)
    {
        var buffer = new byte[4096];
        var pending = new List<byte>();
        var messages = new List<object?[]>();
        var handshaken = false;
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.AddRange(buffer.AsSpan(0, result.Count));
                if (!handshaken)
                {
                    var end = pending.IndexOf(0x1e);
                    if (end < 0)
                    {
                        continue;
                    }

                    var response = System.Text.Encoding.UTF8.GetString([.. pending.GetRange(0, end)]);
                    pending.RemoveRange(0, end + 1);
                    if (response.Contains("\"error\"", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"Handshake refused: {response}");
                    }

                    handshaken = true;
                    handshake.TrySetResult();
                }

                if (!result.EndOfMessage || pending.Count == 0)
                {
                    continue;
                }

                messages.Clear();
                var consumed = BlazorPack.ReadFrames([.. pending], messages);
                pending.RemoveRange(0, consumed);
                foreach (var message in messages)
                {
                    await HandleAsync(message);
                }

                if (pending.Capacity > 64 * 1024 && pending.Count == 0)
                {
                    pending = [];
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or OperationCanceledException or NotSupportedException or IndexOutOfRangeException or ArgumentException)
        {
            Fail($"{e.GetType().Name}: {e.Message}");
        }

        if (Error is null && !_disposing)
        {
            Fail("the server closed the connection");
        }

        handshake.TrySetException(new InvalidOperationException(Error ?? "closed"));
        return;

        void Fail(string error)
        {
            Error ??= error;
            _firstRender.TrySetResult();
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new InvalidOperationException(error));
            }
        }
    }

    private bool _disposing;

    private async Task HandleAsync(object?[] message)
    {
        switch (message.Length > 0 ? message[0] as long? : null)
        {
            case BlazorPack.Invocation:
                var target = message[3] as string;
                var arguments = message[4] as object?[] ?? [];
                switch (target)
                {
                    case "JS.RenderBatch":
                        RenderBatches++;
                        await SendAsync(BlazorPack.InvocationMessage(null, "OnRenderCompleted", (long)arguments[0]!, null), WebSocketMessageType.Binary, CancellationToken.None);
                        _firstRender.TrySetResult();
                        break;
                    case "JS.BeginInvokeJS" when arguments[0] is long handle && handle != 0:
                        // An idle tab has no DOM for the script to touch: answer "done, no value", as a void call would.
                        await SendAsync(BlazorPack.InvocationMessage(null, "EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]"), WebSocketMessageType.Binary, CancellationToken.None);
                        break;
                    case "JS.Error":
                        Error ??= $"JS.Error: {arguments.FirstOrDefault()}";
                        _firstRender.TrySetResult();
                        break;
                }

                break;
            case BlazorPack.Completion:
                if (message[2] is string id && _pending.TryRemove(id, out var waiting))
                {
                    var kind = message[3] as long?;
                    if (kind == 1)
                    {
                        waiting.TrySetException(new InvalidOperationException($"Hub error: {message[4]}"));
                    }
                    else
                    {
                        waiting.TrySetResult(kind == 3 ? message[4] : null);
                    }
                }

                break;
            case BlazorPack.Close:
                Error ??= $"closed by the server: {(message.Length > 1 ? message[1] : null) ?? "no error"}";
                _firstRender.TrySetResult();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing is best effort; the server drops the circuit either way.
        }

        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await Task.WhenAny(_receiveLoop, Task.Delay(5000));
        }

        _sendLock.Dispose();
    }
}
