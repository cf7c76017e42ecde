using Concierge.Nlp.Entities;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// A multi-turn bot skill (order status, after-sales request …): a folder under Features/Bot/Skills implementing this
/// and registered with one line. Each customer turn, the skill that is in progress is asked first, then the others;
/// the first one that takes the turn answers it, and the knowledge base is not consulted. A skill keeps what it has
/// collected (its slots) in <see cref="SkillState"/>, stored on the conversation between turns.
/// </summary>
public interface IBotSkill
{
    /// <summary>Unique name, stored in <see cref="SkillState.Skill"/>.</summary>
    string Name { get; }

    /// <summary>Take this turn (return a <see cref="SkillTurn"/>) or let it pass (return null).</summary>
    Task<SkillTurn?> Handle(SkillContext context, CancellationToken ct);
}

/// <param name="Turn">The bot turn: text, language, channel, customer, history.</param>
/// <param name="NormalizedText">The message normalised (lower case, simplified, half-width).</param>
/// <param name="Entities">Order numbers, phones, dates, amounts … found in the message.</param>
/// <param name="Active">The state of the skill in progress in this conversation, if any (for any skill).</param>
public sealed record SkillContext(BotTurnContext Turn, string NormalizedText, IReadOnlyList<Entity> Entities, SkillState? Active);

/// <param name="Skill">The skill's <see cref="IBotSkill.Name"/>.</param>
/// <param name="Json">Whatever the skill needs to continue (slots filled so far, what it asked last).</param>
public sealed record SkillState(string Skill, string Json);

/// <param name="Next">The state to keep for the next turn; null when the skill is done (or cancelled).</param>
/// <param name="HandoffReason">Non-null to hand the conversation to a human.</param>
/// <param name="Reason">Why, for the bot's explanation record.</param>
/// <param name="StartedByPhrase">The skill started this turn because a trigger phrase matched (not a slot, an entity or a follow-up).</param>
public sealed record SkillTurn(IReadOnlyList<BotReply> Replies, SkillState? Next, string? HandoffReason, string Reason, bool StartedByPhrase = false);
