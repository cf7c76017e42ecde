using System.Text.Json;
using System.Text.Json.Nodes;
using Concierge.Features.Bot.Skills.Connectors;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// Runs one declarative <see cref="SkillDefinition"/>: starts on its triggers, fills slots (several per message, known
/// ones taken from the conversation instead of asked), lets the customer cancel, step away to another skill or to the
/// knowledge base and come back, confirms, calls the connector, and never loops: after the definition's re-prompt
/// limit, or a second unknown order, it offers a human.
/// </summary>
internal sealed class SlotFillingSkill(string name, ISkillDefinitionProvider definitions, IEnumerable<ISkillConnector> connectors, TimeProvider clock)
    : IBotSkill
{
    /// <summary>How far back a follow-up ("那退货呢?") may find the slot it relies on.</summary>
    private const int FollowUpLookBack = 6;
    private const int HistoryLookBack = 30;

    public string Name => name;

    public async Task<SkillTurn?> Handle(SkillContext context, CancellationToken ct)
    {
        if (definitions.Find(name) is not { } definition) return null;
        var mine = context.Active?.Skill == name ? SlotFillingState.Read(context.Active.Json) : null;
        var language = SkillLanguage.Of(context, mine?.Language);
        return mine is null
            ? await Start(definition, context, language, ct)
            : await Continue(definition, mine with { Language = language }, context, language, ct);
    }

    private async Task<SkillTurn?> Start(SkillDefinition d, SkillContext c, string language, CancellationToken ct)
    {
        var text = c.NormalizedText;
        var found = SlotReader.Read(d, c, pending: null);
        var known = Known(d, c, HistoryLookBack);
        bool phrase = SlotReader.Matches(text, d.Triggers.All);
        bool followUp = !phrase && SlotReader.Matches(text, d.FollowUpTriggers?.All)
            && (d.Slots.Any(s => s.FromHistory && (found.ContainsKey(s.Name) || Known(d, c, FollowUpLookBack).ContainsKey(s.Name))))
            && (SlotReader.Remainder(text, SlotReader.Recognised(d, c)).Length <= 1 || !SlotReader.IsQuestion(text));
        bool entity = !phrase && !followUp && d.EntityTriggers.Any(t => c.Entities.Any(e => e.Type == t));
        if (!phrase && !followUp && !entity) return null;
        // Another skill that also claims the message wins when it is more specific ("DD… 我要退货" is after-sales).
        if (OtherClaims(d, c, entityTriggered: entity)) return null;
        if (SlotReader.IsQuestion(text) && entity && !phrase) return null;

        foreach (var (slot, value) in found) known[slot] = value;
        var state = new SlotFillingState { Language = language, Slots = known };
        var why = phrase ? "trigger phrase" : followUp ? "follow-up with a known slot" : "entity in the message";
        return await Proceed(d, state, c, language, $"Started ({why}).", ct) with { StartedByPhrase = phrase };
    }

    private async Task<SkillTurn?> Continue(SkillDefinition d, SlotFillingState state, SkillContext c, string language, CancellationToken ct)
    {
        var text = c.NormalizedText;
        var pending = state.Pending is null ? null : d.Slots.FirstOrDefault(s => s.Name == state.Pending);
        var found = SlotReader.Read(d, c, state.Pending);
        var answered = pending is not null && found.ContainsKey(pending.Name);
        // "算了，我要申请售后" is a new request, not just a cancel: let the other skill take it.
        if (OtherClaims(d, c, entityTriggered: false) && !(answered && pending!.Type != SlotTypes.Text)) return null;
        if (SlotReader.IsCancel(text))
            return new([new(language == "zh" ? "好的，已取消。还有什么可以帮您？" : "No problem, I've cancelled that. Anything else I can help with?")],
                null, null, "Cancelled by the customer.");
        // A question that merely mentions a slot word ("退货运费谁出?") is for the knowledge base, not an answer.
        if (!answered && SlotReader.IsQuestion(text) && !state.Confirming) found.Clear();

        if (state.Confirming)
        {
            if (found.Count > 0) return await Proceed(d, state.With(found) with { Confirming = false, Reprompts = 0 }, c, language, "Changed before confirming.", ct);
            if (SlotReader.IsYes(text)) return await Execute(d, state, c, language, ct);
            if (SlotReader.IsNo(text))
                return Reprompt(d, state, language, language == "zh"
                    ? "好的，请直接告诉我需要修改的内容（例如订单号、类型或原因），或回复“取消”。"
                    : "OK — just tell me what to change (the order number, the type or the reason), or say \"cancel\".", ConfirmReplies(language));
            if (SlotReader.IsQuestion(text)) return null;
            return Reprompt(d, state, language, SkillTemplate.Display(d.Confirm!.In(language), d, new(state.Slots, c, null), language), ConfirmReplies(language));
        }

        if (found.Count > 0)
            return await Proceed(d, state.With(found) with { Reprompts = answered ? 0 : state.Reprompts }, c, language, "Slot answered.", ct);
        if (pending is null) return await Proceed(d, state, c, language, "Resumed.", ct);
        if (SlotReader.Matches(text, d.Triggers.All)) return Ask(d, state, pending, c, language, "Asked again after the trigger was repeated.");
        if (SlotReader.LooksLikeAttempt(pending, text))
            return Reprompt(d, state, language, pending.Reprompt.In(language), Choices(pending, language));
        // Not an answer and not another skill: let the knowledge base answer and keep this skill parked for later.
        return null;
    }

    /// <summary>Ask for the next missing slot, confirm, or act.</summary>
    private async Task<SkillTurn> Proceed(SkillDefinition d, SlotFillingState state, SkillContext c, string language, string why, CancellationToken ct)
    {
        if (d.Slots.FirstOrDefault(s => !state.Slots.ContainsKey(s.Name)) is { } missing)
            return Ask(d, state.Pending == missing.Name ? state : state with { Pending = missing.Name, Reprompts = 0 }, missing, c, language, why);
        if (d.Confirm is { } confirm && !state.Confirming)
            return new([new(SkillTemplate.Display(confirm.In(language), d, new(state.Slots, c, null), language), ConfirmReplies(language))],
                Save(state with { Pending = null, Confirming = true, Reprompts = 0 }), null, $"{why} All slots filled; confirming.");
        return await Execute(d, state, c, language, ct);
    }

    private SkillTurn Ask(SkillDefinition d, SlotFillingState state, SlotDefinition slot, SkillContext c, string language, string why) =>
        new([new(SkillTemplate.Display(slot.Prompt.In(language), d, new(state.Slots, c, null), language), Choices(slot, language))],
            Save(state), null, $"{why} Asking for {slot.Name}.");

    /// <summary>A failed answer: ask again, up to the limit, then stop asking and offer a human.</summary>
    private SkillTurn Reprompt(SkillDefinition d, SlotFillingState state, string language, string text, IReadOnlyList<string>? quickReplies)
    {
        var next = state with { Reprompts = state.Reprompts + 1 };
        if (next.Reprompts > d.MaxReprompts)
            return OfferHuman(language, language == "zh"
                ? "抱歉，我好像没能理解清楚。需要的话可以为您转接人工客服。"
                : "Sorry, I don't seem to be getting this right. I can connect you with a member of our team.", $"Re-prompt limit {d.MaxReprompts} reached.");
        return new([new(text, quickReplies)], Save(next), null, $"Re-prompt {next.Reprompts}/{d.MaxReprompts}.");
    }

    private async Task<SkillTurn> Execute(SkillDefinition d, SlotFillingState state, SkillContext c, string language, CancellationToken ct)
    {
        var action = d.Action;
        var values = new SkillTemplate.Values(state.Slots, c, null);
        if (connectors.FirstOrDefault(x => x.Name == action.Connector) is not { } connector)
            return Apology(language, $"No connector named '{action.Connector}'.");
        JsonObject? body = null;
        if (action.Body is { } fields)
        {
            body = [];
            foreach (var (key, template) in fields) body[key] = SkillTemplate.RawText(template, values);
        }
        var result = await connector.Send(new HttpMethod(action.Method), SkillTemplate.Url(action.Path, values), body, ct);
        var withResult = values with { Result = result.Body };
        switch (result.Outcome)
        {
            case ConnectorOutcome.Ok:
                var variant = action.Success.FirstOrDefault(v => SkillTemplate.Holds(v.When, withResult)) ?? action.Success[^1];
                return new([new(SkillTemplate.Display(language == "zh" ? variant.Zh : variant.En, d, withResult, language))], null, null,
                    $"{action.Method} {action.Connector} → {result.Detail}.");
            case ConnectorOutcome.NotFound when action.NotFound is { } notFound:
                var said = SkillTemplate.Display(language == "zh" ? notFound.Zh : notFound.En, d, withResult, language);
                // Asked again once; a second unknown number is not going to be fixed by asking a third time.
                if (state.NotFound >= 1)
                    return OfferHuman(language, said + (language == "zh" ? " 如需帮助，可以转人工客服为您核实。" : " If you'd like, a member of our team can look into it."),
                        "Not found twice.");
                var slots = new Dictionary<string, string>(state.Slots);
                slots.Remove(notFound.Slot);
                return new([new(said)], Save(state with { Slots = slots, Pending = notFound.Slot, Confirming = false, NotFound = state.NotFound + 1, Reprompts = 0 }),
                    null, $"{action.Connector}: not found; asking for {notFound.Slot} again.");
            case ConnectorOutcome.Rejected when action.Rejected is { } rejected:
                return new([new(SkillTemplate.Display(rejected.In(language), d, withResult, language), HumanReply(language))], null, null,
                    $"{action.Connector} rejected the request ({result.Detail}).");
            default:
                return Apology(language, $"{action.Connector} failed: {result.Detail}");
        }
    }

    /// <summary>Slots already known: from a skill the customer just left, their profile, or earlier in the conversation.</summary>
    private Dictionary<string, string> Known(SkillDefinition d, SkillContext c, int lookBack)
    {
        var known = new Dictionary<string, string>();
        var previous = c.Active is { } active && active.Skill != name && definitions.Find(active.Skill) is not null ? SlotFillingState.Read(active.Json) : null;
        foreach (var slot in d.Slots)
        {
            if (previous?.Slots.TryGetValue(slot.Name, out var carried) == true && slot.Type != SlotTypes.Text) known[slot.Name] = carried;
            else if (slot.Type == SlotTypes.Phone && SlotReader.OnFile(c.Turn.CustomerAttributesJson, slot.Name) is { } onFile) known[slot.Name] = onFile;
            else if (slot.FromHistory && SlotReader.EntityTypeOf(slot.Type) is { } type
                     && SlotReader.FromHistory(c.Turn.History, type, slot, clock.GetUtcNow(), lookBack) is { } seen)
                known[slot.Name] = seen;
        }
        return known;
    }

    /// <summary>Does another skill claim this message with a phrase (or, for follow-ups, at least as specifically)?</summary>
    private bool OtherClaims(SkillDefinition d, SkillContext c, bool entityTriggered) =>
        definitions.All.Where(o => o.Name != d.Name).Any(o =>
            (SlotReader.Matches(c.NormalizedText, o.Triggers.All) && !SlotReader.Matches(c.NormalizedText, d.Triggers.All))
            || (entityTriggered && SlotReader.Matches(c.NormalizedText, o.FollowUpTriggers?.All)));

    private SkillState Save(SlotFillingState state) => new(name, JsonSerializer.Serialize(state));

    private static SkillTurn OfferHuman(string language, string text, string why) => new([new(text, HumanReply(language))], null, null, why);

    private static SkillTurn Apology(string language, string why) => OfferHuman(language, language == "zh"
        ? "抱歉，订单系统暂时无法访问，我现在查不到。您可以稍后再试，或者转人工客服为您处理。"
        : "Sorry, I can't reach our order system right now. You can try again a little later, or talk to a member of our team.", why);

    private static IReadOnlyList<string> HumanReply(string language) => [language == "zh" ? "转人工" : "Talk to a human"];

    private static IReadOnlyList<string> ConfirmReplies(string language) => language == "zh" ? ["确认提交", "取消"] : ["Confirm", "Cancel"];

    private static IReadOnlyList<string>? Choices(SlotDefinition slot, string language) =>
        slot.Type == SlotTypes.Choice ? slot.Options.Select(o => o.Label(language)).ToList() : null;
}

/// <summary>What a slot-filling skill keeps between turns (the JSON inside <see cref="SkillState"/>).</summary>
internal sealed record SlotFillingState
{
    public string Language { get; init; } = "zh";
    public Dictionary<string, string> Slots { get; init; } = [];
    /// <summary>The slot asked for last; null while confirming.</summary>
    public string? Pending { get; init; }
    public int Reprompts { get; init; }
    public bool Confirming { get; init; }
    /// <summary>How many times the connector did not know the value given (e.g. an unknown order number).</summary>
    public int NotFound { get; init; }

    public SlotFillingState With(IReadOnlyDictionary<string, string> values)
    {
        var slots = new Dictionary<string, string>(Slots);
        foreach (var (k, v) in values) slots[k] = v;
        return this with { Slots = slots };
    }

    public static SlotFillingState? Read(string json)
    {
        try { return JsonSerializer.Deserialize<SlotFillingState>(json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>
/// The language to answer in. A message that is only an order number reads as English to the conversation's guess, but
/// the customer who started in Chinese still expects Chinese.
/// </summary>
internal static class SkillLanguage
{
    public static string Of(SkillContext context, string? skillLanguage)
    {
        var text = context.Turn.Text;
        foreach (var e in context.Entities.OrderByDescending(e => e.Start))
        {
            if (e.Start + e.Length <= text.Length) text = text.Remove(e.Start, e.Length);
        }
        if (text.Any(c => c is >= '\u4e00' and <= '\u9fff')) return "zh";
        if (text.Count(char.IsAsciiLetter) >= 2) return "en";
        if (skillLanguage is not null) return skillLanguage;
        var earlier = context.Turn.History.Reverse().Skip(1).FirstOrDefault(m => m.SenderType == Conversations.SenderType.Customer && m.Body.Any(char.IsLetter));
        return earlier is null ? context.Turn.Language : earlier.Body.Any(c => c is >= '\u4e00' and <= '\u9fff') ? "zh" : "en";
    }
}
