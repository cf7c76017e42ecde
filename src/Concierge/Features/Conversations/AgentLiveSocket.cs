using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Concierge.Platform.Data;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Conversations;

/// <summary>
/// The agent screens' live connection (plain WebSocket, signed-in cookie): pushes changes in the inboxes the agent can
/// see and customers' typing, and carries the agent's own typing indicator to the customer. Screens re-read state over
/// HTTP when told something changed, so a dropped event only delays an update.
/// </summary>
internal static class AgentLiveSocket
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) =>
        app.Map("/agent/live", Handle).RequireAuthorization(Policies.Agent).ExcludeFromDescription();

    private static async Task Handle(HttpContext http, ILiveFeed feed, IServiceScopeFactory scopes)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("Expected a WebSocket request.", statusCode: 400).ExecuteAsync(http);
            return;
        }
        IReadOnlyCollection<Guid>? visible;
        using (var scope = scopes.CreateScope())
            visible = await scope.ServiceProvider.GetRequiredService<Access>().VisibleInboxes(http.User, http.RequestAborted);

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var subscription = feed.Subscribe(e => (visible is null || visible.Contains(e.InboxId)) && e is not TypingChanged { Who: "agent" });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var pushing = Push(socket, subscription, cts.Token);
        try
        {
            await Receive(socket, http.User, feed, scopes, cts.Token);
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
                ConversationUpdated u => new { type = "conversation", inboxId = u.InboxId, conversationId = u.ConversationId, kind = u.Kind, direction = u.Message?.Direction },
                TypingChanged t => new { type = "typing", conversationId = t.ConversationId, who = t.Who, name = t.Name, isTyping = t.IsTyping },
                _ => new { type = "noop" },
            };
            if (socket.State != WebSocketState.Open) return;
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload, Json), WebSocketMessageType.Text, true, ct);
        }
    }

    private static async Task Receive(WebSocket socket, ClaimsPrincipal user, ILiveFeed feed, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var name = user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "";
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
                var root = doc.RootElement;
                if (root.TryGetProperty("type", out var type) && type.GetString() == "typing" &&
                    root.TryGetProperty("conversationId", out var idProp) && idProp.TryGetGuid(out var conversationId))
                {
                    var isTyping = root.TryGetProperty("isTyping", out var t) && t.ValueKind == JsonValueKind.True;
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
                    var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
                    if (conversation is not null && await scope.ServiceProvider.GetRequiredService<Access>().CanSee(user, conversation, ct))
                        feed.Publish(new TypingChanged(conversation.InboxId, conversation.Id, conversation.ContactId, "agent", name, isTyping));
                }
            }
            catch (JsonException) { /* ignore a malformed frame */ }
        }
    }
}
