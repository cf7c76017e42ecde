using System.Security.Claims;
using System.Text.Json;
using Concierge.Features.Routing;
using Concierge.Features.Routing.Engine;
using Concierge.Features.Workbench;
using Concierge.Platform.Data;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Conversations;

/// <summary>A colleague has a conversation open (sent every few seconds while they do).</summary>
public sealed record AgentViewing(Guid InboxId, Guid ConversationId, Guid AgentId, string Name) : LiveEvent(InboxId, ConversationId);

/// <summary>
/// The agent screens' live connection (plain WebSocket, signed-in cookie): pushes changes in the inboxes the agent can
/// see, customers' and colleagues' typing, colleagues viewing the same conversation, mentions and routing changes; carries
/// the agent's own typing, viewing and activity. An open connection is also the agent's presence: opening the workbench
/// brings them online, closing it (for longer than a reload) takes them offline. Screens re-read state over HTTP when
/// told something changed, so a dropped event only delays an update.
/// </summary>
internal static class AgentLiveSocket
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.Map("/agent/live", Handle).RequireAuthorization(Policies.Agent).ExcludeFromDescription();

    private static async Task Handle(HttpContext http, ILiveFeed feed, IServiceScopeFactory scopes, PresenceTracker tracker)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("Expected a WebSocket request.", statusCode: 400).ExecuteAsync(http);
            return;
        }
        IReadOnlyCollection<Guid>? visible;
        var user = http.User;
        var me = Access.AgentId(user);
        using (var scope = scopes.CreateScope())
        {
            visible = await scope.ServiceProvider.GetRequiredService<Access>().VisibleInboxes(user, http.RequestAborted);
            if (me is { } id)
            {
                var presence = await scope.ServiceProvider.GetRequiredService<ConciergeDb>().Agents.AsNoTracking()
                    .Where(a => a.Id == id).Select(a => a.Presence).FirstOrDefaultAsync(http.RequestAborted);
                if (tracker.Connected(id, presence))
                    await scope.ServiceProvider.GetRequiredService<ChangePresence>().Set(id, Presence.Online, http.RequestAborted);
            }
        }

        var name = user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "";
        // Subscribed before the socket is accepted: whatever happens once the client sees the connection open reaches it.
        using var subscription = feed.Subscribe(e => e switch
        {
            AgentMentioned m => m.AgentId == me,
            AgentViewing v => v.AgentId != me && (visible is null || visible.Contains(e.InboxId)),
            TypingChanged { Who: "agent" } t => t.Name != name && (visible is null || visible.Contains(e.InboxId)),
            QueueUpdated => false,
            _ => visible is null || visible.Contains(e.InboxId),
        });
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await LiveSocket.Run(socket, subscription, e => e switch
            {
                ConversationUpdated u => new { type = "conversation", inboxId = u.InboxId, conversationId = u.ConversationId, kind = u.Kind, direction = u.Message?.Direction },
                TypingChanged t => new { type = "typing", conversationId = t.ConversationId, who = t.Who, name = t.Name, isTyping = t.IsTyping },
                AgentViewing v => new { type = "viewing", conversationId = v.ConversationId, name = v.Name },
                AgentMentioned m => new { type = "mention", conversationId = m.ConversationId, by = m.By, text = m.Text },
                RoutingChanged r => new { type = "routing", inboxId = r.InboxId },
                _ => null,
            }, (frame, ct) => OnFrame(frame, user, me, name, feed, scopes, tracker, ct), http.RequestAborted);
        }
        finally
        {
            if (me is { } id) tracker.Disconnected(id);
        }
    }

    private static async Task OnFrame(JsonElement frame, ClaimsPrincipal user, Guid? me, string name, ILiveFeed feed, IServiceScopeFactory scopes,
        PresenceTracker tracker, CancellationToken ct)
    {
        if (!frame.TryGetProperty("type", out var typeProp)) return;
        var type = typeProp.GetString();
        if (me is { } agentId && type is "active" or "typing" or "viewing" && tracker.Active(agentId))
        {
            // They were set away by inactivity and are back.
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ChangePresence>().Set(agentId, Presence.Online, ct);
        }
        if (type is not ("typing" or "viewing") || !frame.TryGetProperty("conversationId", out var idProp) || !idProp.TryGetGuid(out var conversationId)) return;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is null || !await scope.ServiceProvider.GetRequiredService<Access>().CanSee(user, conversation, ct)) return;
            if (type == "viewing")
            {
                if (me is { } id) feed.Publish(new AgentViewing(conversation.InboxId, conversation.Id, id, name));
                return;
            }
            var isTyping = frame.TryGetProperty("isTyping", out var t) && t.ValueKind == JsonValueKind.True;
            feed.Publish(new TypingChanged(conversation.InboxId, conversation.Id, conversation.ContactId, "agent", name, isTyping));
        }
    }
}
