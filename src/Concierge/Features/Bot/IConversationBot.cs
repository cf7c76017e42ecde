using Concierge.Features.Conversations;

namespace Concierge.Features.Bot;

/// <summary>
/// The seam where the bot plugs in. When an inbox has the bot enabled and a bot is registered, every customer message in a
/// conversation that is with the bot is passed here synchronously, so API callers get the bot's replies in the response.
/// With no bot registered, conversations go straight to the human queue.
/// </summary>
public interface IConversationBot
{
    Task<BotTurn> Respond(BotTurnContext context, CancellationToken ct);
}

/// <param name="History">The conversation so far, oldest first, including the new message.</param>
public sealed record BotTurnContext(Guid ConversationId, Guid InboxId, Guid ContactId, string Text, string Language,
    IReadOnlyList<Message> History);

/// <param name="Replies">What the bot says, in order.</param>
/// <param name="HandoffReason">Non-null to hand the conversation to the human queue (e.g. "customer_request").</param>
public sealed record BotTurn(IReadOnlyList<string> Replies, string? HandoffReason);
