using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Conversations;

public sealed record ConversationSummary(Guid Id, Guid InboxId, string InboxName, string Channel, Guid ContactId, string ContactName,
    string Status, Guid? AssigneeId, string? AssigneeName, DateTimeOffset LastMessageAt, string Preview, int Unread, string Language,
    string? Emotion = null, bool RiskLocked = false, bool FollowUp = false, int Vip = 0);

/// <summary>
/// The inbox list. Filters: "open" (default: waiting for or with a human, plus the bot's conversations in inboxes whose
/// roll-out is "bot answers, humans review"), "mine", "unassigned" (waiting in the queue), "followup" (left a message out of
/// hours), "bot", "resolved", "all".
/// </summary>
public sealed class ListConversations(ConciergeDb db, Access access)
{
    public sealed record Query(string? Filter = "open", Guid? InboxId = null, string? Search = null, int Limit = 100, Guid? ContactId = null);

    public async Task<Result<IReadOnlyList<ConversationSummary>>> Handle(Query query, ClaimsPrincipal actor, CancellationToken ct)
    {
        var visible = await access.VisibleInboxes(actor, ct);
        var q = db.Conversations.AsNoTracking().AsQueryable();
        if (visible is not null) q = q.Where(c => visible.Contains(c.InboxId));
        if (query.InboxId is { } inboxId) q = q.Where(c => c.InboxId == inboxId);
        if (query.ContactId is { } contactId) q = q.Where(c => c.ContactId == contactId);
        var me = Access.AgentId(actor);
        q = (query.Filter ?? "open").ToLowerInvariant() switch
        {
            "mine" => q.Where(c => c.AssigneeId == me && c.Status == ConversationStatus.Assigned),
            "unassigned" => q.Where(c => c.Status == ConversationStatus.Queued),
            "resolved" => q.Where(c => c.Status == ConversationStatus.Resolved),
            "all" => q,
            "bot" => q.Where(c => c.Status == ConversationStatus.Bot),
            "followup" => q.Where(c => c.FollowUp && c.Status != ConversationStatus.Resolved),
            _ => q.Where(c => c.Status == ConversationStatus.Queued || c.Status == ConversationStatus.Assigned ||
                              (c.Status == ConversationStatus.Bot && db.Inboxes.Any(i => i.Id == c.InboxId && i.Rollout == Channels.Rollouts.BotReview))),
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var contactIds = db.Contacts.Where(c => c.Name.Contains(term) || (c.ExternalId != null && c.ExternalId.Contains(term)) ||
                                                    (c.Email != null && c.Email.Contains(term))).Select(c => c.Id);
            q = q.Where(c => contactIds.Contains(c.ContactId) || c.LastMessagePreview.Contains(term));
        }

        var rows = await (
            from c in q.OrderByDescending(c => c.LastMessageAt).Take(Math.Clamp(query.Limit, 1, 500))
            join contact in db.Contacts on c.ContactId equals contact.Id
            join inbox in db.Inboxes on c.InboxId equals inbox.Id
            join agent in db.Set<Agent>() on c.AssigneeId equals agent.Id into agents
            from agent in agents.DefaultIfEmpty()
            select new { c, contact.Name, contact.Id, contact.AttributesJson, InboxName = inbox.Name, AgentName = agent != null ? agent.DisplayName : null }
        ).ToListAsync(ct);

        return Result<IReadOnlyList<ConversationSummary>>.Ok(rows
            .OrderByDescending(r => r.c.LastMessageAt)
            .Select(r => new ConversationSummary(r.c.Id, r.c.InboxId, r.InboxName, r.c.Channel, r.c.ContactId,
                Contacts.Contact.DisplayNameOf(r.Name, r.Id),
                r.c.Status.ToString().ToLowerInvariant(), r.c.AssigneeId, r.AgentName, r.c.LastMessageAt, r.c.LastMessagePreview,
                r.c.UnreadCount, r.c.Language, r.c.Emotion, r.c.RiskLocked, r.c.FollowUp, Routing.RoutingDesk.VipRank(r.AttributesJson)))
            .ToList());
    }
}

public sealed record ContactView(Guid Id, string? ExternalId, string Name, string? Email, string? Phone, string AttributesJson,
    DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

public sealed record ConversationDetail(ConversationSummary Summary, ContactView Contact, IReadOnlyList<MessageView> Messages,
    IReadOnlyList<ConversationSummary> OtherConversations);

/// <summary>One conversation with its messages, its customer, and the customer's other conversations on any channel.</summary>
public sealed class GetConversation(ConciergeDb db, Access access, ListConversations list)
{
    public async Task<Result<ConversationDetail>> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct))
            return Result<ConversationDetail>.From(Result.NotFound("Conversation not found."));

        var contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == conversation.ContactId, ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Seq).ToListAsync(ct);

        var all = (await list.Handle(new ListConversations.Query("all", ContactId: contact.Id, Limit: 500), actor, ct)).Value!;
        var summary = all.First(s => s.Id == conversationId);

        return Result<ConversationDetail>.Ok(new ConversationDetail(summary,
            new ContactView(contact.Id, contact.ExternalId, contact.DisplayName, contact.Email, contact.Phone, contact.AttributesJson,
                contact.CreatedAt, contact.LastSeenAt),
            messages.Select(MessageView.Of).ToList(),
            all.Where(s => s.Id != conversationId).ToList()));
    }
}

/// <summary>Messages newer than a given message (or all, when none is given), oldest first, as the customer sees them (no internal notes).</summary>
public sealed class GetMessages(ConciergeDb db)
{
    public async Task<Result<IReadOnlyList<MessageView>>> Handle(Guid conversationId, Guid? after, int limit, CancellationToken ct)
    {
        long afterSeq = 0;
        if (after is { } afterId)
        {
            var anchor = await db.Messages.AsNoTracking().Where(m => m.Id == afterId && m.ConversationId == conversationId)
                .Select(m => (long?)m.Seq).FirstOrDefaultAsync(ct);
            if (anchor is null) return Result<IReadOnlyList<MessageView>>.From(Result.Invalid("after", "The 'after' message is not in this conversation."));
            afterSeq = anchor.Value;
        }
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq && !m.IsPrivate)
            .OrderBy(m => m.Seq).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        return Result<IReadOnlyList<MessageView>>.Ok(messages.Select(m => MessageView.Of(m).ForCustomer()).ToList());
    }
}
