using Concierge.Features.Bot;
using Concierge.Features.Channels;
using Concierge.Features.Conversations;
using Concierge.Features.Knowledge;
using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Concierge.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Routing;

/// <summary>
/// Keeps the router in step with conversations: a hand-off joins the queue with what it needs (skills from its topic and
/// language, VIP, emotion, team); manual assignments, resolutions and re-queues move agents' loads. Out of business
/// hours the customer is told they can leave a message, and the conversation waits as a follow-up.
/// </summary>
public sealed class RouteConversations(ConciergeDb db, RoutingDesk desk, IOptions<RoutingOptions> options, TimeProvider clock) :
    IEventHandler<HandoffRequested>, IEventHandler<ConversationAssigned>, IEventHandler<ConversationResolved>,
    IEventHandler<ConversationUnassigned>, IEventHandler<MessageReceived>
{
    public async Task Handle(HandoffRequested e, CancellationToken ct)
    {
        Conversation? conversation;
        for (var attempt = 0; ; attempt++)
        {
            conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == e.ConversationId, ct);
            if (conversation is null || conversation.Status != ConversationStatus.Queued) return;
            var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == conversation.InboxId, ct);
            var topic = await Topic(conversation.Id, ct);
            // A transfer names the team that should serve it: the agent's choice replaces the skills routing would infer.
            var skills = e.Reason == "transfer" ? [] : RequiredSkills(topic, conversation.Language, conversation.Channel);
            conversation.SetRoutingNeeds(string.Join(',', skills), topic);
            var now = clock.GetUtcNow();
            if (inbox.Hours is { } hours && !hours.IsOpen(now) && !conversation.FollowUp)
            {
                conversation.MarkFollowUp();
                var text = conversation.Language == "en"
                    ? "Our team is offline right now. Please leave your message here — we will get back to you as soon as we open."
                    : "现在是非工作时间，客服暂时不在线。请留下您的问题，我们上班后会第一时间回复您。";
                if (conversation.Reply(SenderType.System, null, "Concierge", text, now).Value is { } m) db.Messages.Add(m);
            }
            try { await db.SaveChangesAsync(ct); break; }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The customer wrote again meanwhile; read the conversation afresh.
                db.ChangeTracker.Clear();
            }
        }
        await desk.Enqueue(db, conversation, ct);
    }

    public async Task Handle(ConversationAssigned e, CancellationToken ct)
    {
        // Routing's own assignments are already counted; a manual one (take, take-over, transfer) moves the load.
        if (!e.ByRouter) await desk.Held(e.ConversationId, e.InboxId, e.AgentId, ct);
    }

    public Task Handle(ConversationResolved e, CancellationToken ct) => desk.Release(e.ConversationId, e.InboxId, ct);

    public Task Handle(ConversationUnassigned e, CancellationToken ct) => desk.Release(e.ConversationId, e.InboxId, ct);

    public async Task Handle(MessageReceived e, CancellationToken ct)
    {
        // A waiting customer who grows upset moves up the queue.
        if (!desk.Router.IsWaiting(e.ConversationId)) return;
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == e.ConversationId, ct);
        if (conversation is not null) await desk.Enqueue(db, conversation, ct);
    }

    /// <summary>Skills an agent needs: the topic's, and English for English-speaking customers — only those some agent has.</summary>
    public IReadOnlyList<string> RequiredSkills(string? topic, string language, string channel)
    {
        var o = options.Value;
        var wanted = new List<string>();
        if (topic is not null) wanted.Add(o.TopicSkills.TryGetValue(topic, out var skill) ? skill : topic);
        if (language == "en") wanted.Add(o.EnglishSkill);
        wanted.Add(channel);
        return wanted.Where(desk.KnownSkills.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>What the conversation is about, from the bot's latest understanding: a skill it ran, or the FAQ's category.</summary>
    private async Task<string?> Topic(Guid conversationId, CancellationToken ct)
    {
        var turns = await db.Set<BotTurnRecord>().AsNoTracking().Where(t => t.ConversationId == conversationId)
            .OrderByDescending(t => t.CreatedAt).Take(5).ToListAsync(ct);
        foreach (var turn in turns)
        {
            // Skill turns read "order-status: …".
            if (turn.Action is "skill" or "handoff" && turn.Reason.IndexOf(':') is > 0 and var colon && !turn.Reason[..colon].Contains(' '))
                return turn.Reason[..colon];
            var key = turn.FaqKey ?? FirstCandidate(turn.CandidatesJson);
            if (key is null) continue;
            var category = await db.Set<KnowledgeItem>().AsNoTracking().Where(k => k.Key == key).Select(k => k.Category).FirstOrDefaultAsync(ct);
            if (!string.IsNullOrEmpty(category)) return category;
        }
        return null;
    }

    private static string? FirstCandidate(string json)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            foreach (var c in doc.RootElement.EnumerateArray())
                if (c.TryGetProperty("faqKey", out var k) || c.TryGetProperty("FaqKey", out k)) return k.GetString();
        }
        catch (System.Text.Json.JsonException) { }
        return null;
    }
}
