using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Concierge.Platform.Realtime;

/// <summary>
/// Runs one live WebSocket: pushes the subscription's events (as <paramref name="project"/> shapes them; null = skip)
/// and hands every JSON text frame the client sends to <paramref name="onFrame"/>, until either side closes.
/// Shared by the widget's socket and the agents' socket so both behave the same on close, cancellation and bad frames.
/// </summary>
public static class LiveSocket
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task Run(WebSocket socket, LiveSubscription subscription, Func<LiveEvent, object?> project,
        Func<JsonElement, CancellationToken, Task> onFrame, CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var pushing = Push(socket, subscription, project, cts.Token);
        try
        {
            await Receive(socket, onFrame, cts.Token);
        }
        finally
        {
            await cts.CancelAsync();
            try { await pushing; } catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
        }
    }

    private static async Task Push(WebSocket socket, LiveSubscription subscription, Func<LiveEvent, object?> project, CancellationToken ct)
    {
        await foreach (var e in subscription.Reader.ReadAllAsync(ct))
        {
            if (project(e) is not { } payload) continue;
            if (socket.State != WebSocketState.Open) return;
            try
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload, Json), WebSocketMessageType.Text, true, ct);
            }
            catch (WebSocketException) { return; } // the client went away; nothing to tell it any more
        }
    }

    private static async Task Receive(WebSocket socket, Func<JsonElement, CancellationToken, Task> onFrame, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            WebSocketReceiveResult result;
            try { result = await socket.ReceiveAsync(buffer, ct); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { return; }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // A browser closing a tab may abort right after its close frame; that is a normal end, not an error.
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
                catch (Exception ex) when (ex is WebSocketException or InvalidOperationException) { }
                return;
            }
            // Frames from clients are small commands (typing); anything longer or not text is ignored.
            if (!result.EndOfMessage || result.MessageType != WebSocketMessageType.Text) continue;
            try
            {
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
                await onFrame(doc.RootElement, ct);
            }
            catch (JsonException) { /* a malformed frame; the socket stays usable */ }
        }
    }
}
