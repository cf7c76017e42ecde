using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;

namespace Concierge.Features.Channels.Web;

/// <summary>
/// The widget's live connection (plain WebSocket, no client library): pushes new messages, agent typing and status changes
/// of the visitor's own conversations, and takes the visitor's typing indicator. Messages are still sent by POST so every
/// send is acknowledged after commit; the socket only notifies.
/// </summary>
internal static class WidgetSocket
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task Handle(HttpContext http, VisitorTokens tokens, ILiveFeed feed, IServiceScopeFactory scopes)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("Expected a WebSocket request.", statusCode: 400).ExecuteAsync(http);
            return;
        }
        if (!tokens.TryRead(http.Request.Query["token"], out var inboxId, out var contactId))
        {
            await Results.Problem("The visitor token is missing or invalid.", statusCode: 401, title: "Unauthorized").ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var subscription = feed.Subscribe(e => e.InboxId == inboxId && e switch
        {
            ConversationUpdated u => u.ContactId == contactId,
            TypingChanged t => t.ContactId == contactId && t.Who == "agent",
            _ => false,
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var pushing = Push(socket, subscription, cts.Token);
        try
        {
            await Receive(socket, inboxId, contactId, feed, scopes, cts.Token);
        }
        finally
        {
            await cts.CancelAsync();
            try { await pushing; } catch (OperationCanceledException) { }
        }
    }

    private static async Task Push(WebSocket socket, LiveSubscription subscription, CancellationToken ct)
    {
        await foreach (var e in subscription.Reader.ReadAllAsync(ct))
        {
            object payload = e switch
            {
                ConversationUpdated { Message: { } m } => new { type = "message", message = m },
                ConversationUpdated u => new { type = "status", conversationId = u.ConversationId, status = u.Kind },
                TypingChanged t => new { type = "typing", who = t.Who, name = t.Name, isTyping = t.IsTyping },
                _ => new { type = "noop" },
            };
            if (socket.State != WebSocketState.Open) return;
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload, Json), WebSocketMessageType.Text, true, ct);
        }
    }

    private static async Task Receive(WebSocket socket, Guid inboxId, Guid contactId, ILiveFeed feed, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            WebSocketReceiveResult result;
            try { result = await socket.ReceiveAsync(buffer, ct); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { return; }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }
            if (!result.EndOfMessage || result.MessageType != WebSocketMessageType.Text) continue;
            try
            {
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (doc.RootElement.TryGetProperty("type", out var type) && type.GetString() == "typing")
                {
                    var isTyping = doc.RootElement.TryGetProperty("isTyping", out var t) && t.ValueKind == JsonValueKind.True;
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
                    await WidgetEndpoints.PublishTyping(db, feed, inboxId, contactId, isTyping, ct);
                }
            }
            catch (JsonException) { /* ignore a malformed frame; the socket stays usable */ }
        }
    }
}
