using System.Security.Claims;
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

        var user = http.User;
        var name = user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "";
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var subscription = feed.Subscribe(e => (visible is null || visible.Contains(e.InboxId)) && e is not TypingChanged { Who: "agent" });
        await LiveSocket.Run(socket, subscription, e => e switch
        {
            ConversationUpdated u => new { type = "conversation", inboxId = u.InboxId, conversationId = u.ConversationId, kind = u.Kind, direction = u.Message?.Direction },
            TypingChanged t => new { type = "typing", conversationId = t.ConversationId, who = t.Who, name = t.Name, isTyping = t.IsTyping },
            _ => null,
        }, async (frame, ct) =>
        {
            if (!frame.TryGetProperty("type", out var type) || type.GetString() != "typing" ||
                !frame.TryGetProperty("conversationId", out var idProp) || !idProp.TryGetGuid(out var conversationId)) return;
            var isTyping = frame.TryGetProperty("isTyping", out var t) && t.ValueKind == JsonValueKind.True;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is not null && await scope.ServiceProvider.GetRequiredService<Access>().CanSee(user, conversation, ct))
                feed.Publish(new TypingChanged(conversation.InboxId, conversation.Id, conversation.ContactId, "agent", name, isTyping));
        }, http.RequestAborted);
    }
}
