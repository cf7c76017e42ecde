using Concierge.Platform.Events;

namespace Concierge.Features.Conversations;

/// <summary>A customer message was stored. <paramref name="ForBot"/>: the conversation is with the bot, which should answer.</summary>
public sealed record MessageReceived(Guid ConversationId, Guid InboxId, Guid ContactId, Guid MessageId, bool ForBot) : IDomainEvent;
/// <summary>An agent or bot reply was stored. <paramref name="NeedsDelivery"/>: it waits in the outbox for the channel.</summary>
public sealed record ReplySent(Guid ConversationId, Guid InboxId, Guid MessageId, bool NeedsDelivery = true) : IDomainEvent;
/// <summary>The conversation now needs a human (no bot, the bot gave up, the customer asked …).</summary>
public sealed record HandoffRequested(Guid ConversationId, Guid InboxId, string Reason) : IDomainEvent;
public sealed record ConversationAssigned(Guid ConversationId, Guid InboxId, Guid AgentId, Guid? PreviousAgentId, DateTimeOffset At) : IDomainEvent;
public sealed record ConversationResolved(Guid ConversationId, Guid InboxId, Guid? By, DateTimeOffset At) : IDomainEvent;
public sealed record ConversationReopened(Guid ConversationId, Guid InboxId, DateTimeOffset At) : IDomainEvent;
