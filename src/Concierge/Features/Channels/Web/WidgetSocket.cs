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
            ConversationUpdated u => u.ContactId == contactId && u.Kind is not ("note" or "risk" or "unassigned") && u.Message is not { IsPrivate: true },
            Routing.QueueUpdated q => q.ContactId == contactId,
            TypingChanged t => t.ContactId == contactId && t.Who == "agent",
            _ => false,
        });
        await LiveSocket.Run(socket, subscription, e => e switch
        {
            ConversationUpdated { Message: { } m } => new { type = "message", message = m.ForCustomer() },
            Routing.QueueUpdated q => new { type = "queue", conversationId = q.ConversationId, position = q.Position, waiting = q.Waiting, etaSeconds = q.EstimatedWaitSeconds },
            ConversationUpdated u => new { type = "status", conversationId = u.ConversationId, status = u.Kind },
            TypingChanged t => new { type = "typing", who = t.Who, name = t.Name, isTyping = t.IsTyping },
            _ => null,
        }, async (frame, ct) =>
        {
            if (!frame.TryGetProperty("type", out var type) || type.GetString() != "typing") return;
            var isTyping = frame.TryGetProperty("isTyping", out var t) && t.ValueKind == JsonValueKind.True;
            using var scope = scopes.CreateScope();
            await WidgetEndpoints.PublishTyping(scope.ServiceProvider.GetRequiredService<ConciergeDb>(), feed, inboxId, contactId, isTyping, ct);
        }, http.RequestAborted);
    }
}
