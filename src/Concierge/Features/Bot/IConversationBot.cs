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

    /// <summary>
    /// A message in a conversation that waits in the queue for a person (nobody has taken it yet): the bot may answer
    /// a question its knowledge base is sure of, so the customer is not left waiting for what it knows. Null = say
    /// nothing (the person will answer). Never hands off or changes the conversation.
    /// </summary>
    Task<BotTurn?> AnswerWhileWaiting(BotTurnContext context, CancellationToken ct) => Task.FromResult<BotTurn?>(null);
}

/// <param name="History">The conversation so far, oldest first, including the new message.</param>
/// <param name="ConsecutiveFailures">Bot turns in a row that did not help, before this one.</param>
/// <param name="LastClarifyKey">What the bot asked the customer to choose from last turn, if it did.</param>
/// <param name="SkillStateJson">The multi-turn skill in progress (serialised <see cref="Skills.SkillState"/>), if any.</param>
/// <param name="VipGreeting">Set on a VIP customer's first message when the inbox has a VIP greeting: say it first.</param>
public sealed record BotTurnContext(Guid ConversationId, Guid InboxId, Guid ContactId, string Text, string Language, string Channel,
    IReadOnlyList<Message> History, int ConsecutiveFailures, string? LastClarifyKey, string CustomerName, string CustomerAttributesJson,
    string? CustomerExternalId = null, string? SkillStateJson = null, string? VipGreeting = null, BotThresholds? Thresholds = null);

/// <param name="Replies">What the bot says, in order.</param>
/// <param name="HandoffReason">Non-null to hand the conversation to the human queue (e.g. "customer_request").</param>
/// <param name="Decision">Why: recorded for "why did the bot say this?".</param>
/// <param name="SkillStateJson">The skill state to keep for the next turn (null: no skill in progress).</param>
public sealed record BotTurn(IReadOnlyList<BotReply> Replies, string? HandoffReason, BotDecision Decision, string? SkillStateJson = null);

public sealed record BotReply(string Text, IReadOnlyList<string>? QuickReplies = null);

/// <param name="Action">answer | clarify | fallback | handoff | greet</param>
/// <param name="Failed">The turn did not help the customer (counts towards offering a human).</param>
public sealed record BotDecision(string Action, string Reason, IReadOnlyList<BotCandidate> Candidates, string? FaqKey, bool Failed,
    string? ClarifyKey = null, string? Emotion = null);

public sealed record BotCandidate(string FaqKey, string Question, float Score);
