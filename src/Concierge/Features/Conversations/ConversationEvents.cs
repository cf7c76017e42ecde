using Concierge.Platform.Events;

namespace Concierge.Features.Conversations;

/// <summary>A customer message was stored. <paramref name="ForBot"/>: the conversation is with the bot, which should answer.</summary>
public sealed record MessageReceived(Guid ConversationId, Guid InboxId, Guid ContactId, Guid MessageId, bool ForBot) : IDomainEvent;
/// <summary>An agent or bot reply was stored. <paramref name="NeedsDelivery"/>: it waits in the outbox for the channel.</summary>
public sealed record ReplySent(Guid ConversationId, Guid InboxId, Guid MessageId, bool NeedsDelivery = true) : IDomainEvent;
/// <summary>The conversation now needs a human (no bot, the bot gave up, the customer asked …).</summary>
public sealed record HandoffRequested(Guid ConversationId, Guid InboxId, string Reason) : IDomainEvent;
/// <param name="ByRouter">Routing chose the agent (the decision is recorded separately); false for a manual assignment or take-over.</param>
public sealed record ConversationAssigned(Guid ConversationId, Guid InboxId, Guid AgentId, Guid? PreviousAgentId, DateTimeOffset At,
    bool ByRouter = false) : IDomainEvent;
/// <summary>The conversation left its agent and went back to the queue (the agent went offline, a transfer to a team …).</summary>
public sealed record ConversationUnassigned(Guid ConversationId, Guid InboxId, Guid? PreviousAgentId, string Reason, DateTimeOffset At) : IDomainEvent;
/// <summary>The conversation is now locked to the risk team.</summary>
public sealed record ConversationRiskLocked(Guid ConversationId, Guid InboxId, string Reason, DateTimeOffset At) : IDomainEvent;
/// <summary>An agent wrote an internal note (possibly mentioning colleagues).</summary>
public sealed record NoteAdded(Guid ConversationId, Guid InboxId, Guid MessageId, Guid AgentId) : IDomainEvent;
public sealed record ConversationResolved(Guid ConversationId, Guid InboxId, Guid? By, DateTimeOffset At) : IDomainEvent;
public sealed record ConversationReopened(Guid ConversationId, Guid InboxId, DateTimeOffset At) : IDomainEvent;
