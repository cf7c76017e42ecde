using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Concierge.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Conversations;

/// <summary>A conversation changed: open inbox screens and the customer's widget refresh. <paramref name="Message"/> is set for new messages.</summary>
public sealed record ConversationUpdated(Guid InboxId, Guid ConversationId, Guid ContactId, string Kind, MessageView? Message)
    : LiveEvent(InboxId, ConversationId);

/// <summary>Someone is typing. <paramref name="Who"/> is "customer" or "agent".</summary>
public sealed record TypingChanged(Guid InboxId, Guid ConversationId, Guid ContactId, string Who, string Name, bool IsTyping)
    : LiveEvent(InboxId, ConversationId);

/// <summary>Pushes committed changes to the live feed (agents' screens, widgets).</summary>
public sealed class PushLiveUpdates(ConciergeDb db, ILiveFeed feed) :
    IEventHandler<MessageReceived>, IEventHandler<ReplySent>, IEventHandler<ConversationAssigned>,
    IEventHandler<ConversationResolved>, IEventHandler<ConversationReopened>, IEventHandler<HandoffRequested>,
    IEventHandler<ConversationUnassigned>, IEventHandler<NoteAdded>, IEventHandler<ConversationRiskLocked>
{
    public Task Handle(ConversationUnassigned e, CancellationToken ct) => Push(e.ConversationId, "unassigned", ct);
    public Task Handle(ConversationRiskLocked e, CancellationToken ct) => Push(e.ConversationId, "risk", ct);
    // Notes are for agents: pushed without the message, so no widget ever receives a note's text.
    public Task Handle(NoteAdded e, CancellationToken ct) => Push(e.ConversationId, "note", ct);
    public async Task Handle(MessageReceived e, CancellationToken ct) => await PushMessage(e.MessageId, "message", ct);
    public async Task Handle(ReplySent e, CancellationToken ct) => await PushMessage(e.MessageId, "message", ct);
    public Task Handle(ConversationAssigned e, CancellationToken ct) => Push(e.ConversationId, "assigned", ct);
    public Task Handle(ConversationResolved e, CancellationToken ct) => Push(e.ConversationId, "resolved", ct);
    public Task Handle(ConversationReopened e, CancellationToken ct) => Push(e.ConversationId, "reopened", ct);
    public Task Handle(HandoffRequested e, CancellationToken ct) => Push(e.ConversationId, "queued", ct);

    private async Task PushMessage(Guid messageId, string kind, CancellationToken ct)
    {
        // The message was usually just saved by this request's context: Find takes it from there without a query.
        var m = await db.Messages.FindAsync([messageId], ct);
        if (m is not null) feed.Publish(new ConversationUpdated(m.InboxId, m.ConversationId, m.ContactId, kind, MessageView.Of(m)));
    }

    private async Task Push(Guid conversationId, string kind, CancellationToken ct)
    {
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId)
            .Select(x => new { x.InboxId, x.ContactId }).FirstOrDefaultAsync(ct);
        if (c is not null) feed.Publish(new ConversationUpdated(c.InboxId, conversationId, c.ContactId, kind, null));
    }
}
