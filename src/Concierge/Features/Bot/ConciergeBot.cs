using System.Text.Json;
using Concierge.Features.Bot.Skills;
using Concierge.Features.Knowledge;
using Concierge.Nlp.Entities;
using Concierge.Nlp.Retrieval;
using Concierge.Nlp.Sentiment;
using Concierge.Nlp.Text;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Bot;

/// <summary>
/// The bot's turn: normalise → hand-off checks (asked for a human, high-risk words, anger) → small talk → FAQ match →
/// answer, or ask which of two close candidates the customer means, or admit it does not know and offer a human; after
/// repeated failures it hands over. Every decision carries its candidates and reason for "why did the bot say this?".
/// </summary>
internal sealed class ConciergeBot(KnowledgeIndex knowledge, IEnumerable<IBotSkill> skills, IOptions<BotOptions> options, TimeProvider clock)
    : IConversationBot
{
    public async Task<BotTurn> Respond(BotTurnContext context, CancellationToken ct)
    {
        var turn = await Decide(context, ct);
        if (string.IsNullOrWhiteSpace(context.VipGreeting)) return turn;
        // A VIP's first message: the inbox's VIP greeting comes first, personalised.
        var greeting = new BotReply(Personalise(context.VipGreeting, context));
        return turn with { Replies = [greeting, .. turn.Replies] };
    }

    /// <summary>
    /// While the customer waits for a person, a question the knowledge base answers confidently (no close runner-up) is
    /// answered at once, introduced as such; anything else — small talk, a request for a person, risk words, anger, an
    /// unsure match — is left to the person, who sees the whole exchange.
    /// </summary>
    public async Task<BotTurn?> AnswerWhileWaiting(BotTurnContext context, CancellationToken ct)
    {
        var o = options.Value.For(context.Thresholds);
        var text = TextNormalizer.Normalize(context.Text);
        var sentiment = SentimentAnalyzer.Default.Analyze(context.Text);
        if (CustomerIntents.AsksForHuman(text) || CustomerIntents.IsGreeting(text) || CustomerIntents.IsThanks(text)
            || RiskKeyword(o, text) is not null || sentiment.Emotions.Angry >= o.AngerHandoff)
            return null;
        if (await ConfidentAnswer(context, sentiment.Emotion, ct) is not { } answer) return null;
        var intro = context.Language == "zh" ? "人工客服接入前，先为您解答：\n\n" : "While you wait for a teammate, here is the answer:\n\n";
        return answer with
        {
            Replies = [answer.Replies[0] with { Text = intro + answer.Replies[0].Text }, .. answer.Replies.Skip(1)],
            Decision = answer.Decision with { Reason = $"Waiting for a person. {answer.Decision.Reason}" },
        };
    }

    private async Task<BotTurn> Decide(BotTurnContext context, CancellationToken ct)
    {
        var o = options.Value.For(context.Thresholds);
        var zh = context.Language == "zh";
        var text = TextNormalizer.Normalize(context.Text);
        var sentiment = SentimentAnalyzer.Default.Analyze(context.Text);
        var emotion = sentiment.Emotion;

        if (CustomerIntents.AsksForHuman(text))
            return Handoff("customer_request", "The customer asked for a human.", zh
                ? "好的，正在为您转接人工客服，请稍候。"
                : "Sure — I'm connecting you with a member of our team now.", emotion);
        if (RiskKeyword(o, text) is { } risk)
            return Handoff("risk", $"High-risk keyword '{risk}'.", zh
                ? "为了保障您的账户和资金安全，已为您转接专员处理，请稍候。"
                : "To keep your account and money safe, I'm passing you to a specialist right away.", emotion);
        var anger = sentiment.Emotions.Angry;
        if (anger >= o.AngerHandoff)
        {
            // Strong anger goes to a person at once. Below that, the words alone may carry it ("how do I file a complaint",
            // "投诉一般多久给答复" read 0.80): if the knowledge base answers the question confidently, answer it and offer
            // a person in the same breath; otherwise hand off.
            var strong = Math.Max(StrongAnger, o.AngerHandoff);
            if (anger < strong && await ConfidentAnswer(context, emotion, ct) is { } calm)
                return calm with
                {
                    Replies = [calm.Replies[0] with { QuickReplies = [zh ? "转人工" : "Talk to a human"] }],
                    Decision = calm.Decision with { Reason = $"{calm.Decision.Reason} Anger {anger:0.00} ≥ {o.AngerHandoff:0.00} but < {strong:0.00}: answered, with a human offered." },
                };
            return Handoff("negative_emotion", $"Anger {anger:0.00} ≥ {o.AngerHandoff:0.00}.", zh
                ? "非常抱歉给您带来了不好的体验，我马上为您转接人工客服，请稍候。"
                : "I'm really sorry about this experience. I'm getting a member of our team for you right now.", emotion);
        }

        // A multi-turn skill in progress gets the turn first, then any skill that recognises the message.
        var active = context.SkillStateJson is null ? null : JsonSerializer.Deserialize<SkillState>(context.SkillStateJson);
        var entities = EntityExtractor.Default.Extract(context.Text, clock.GetUtcNow());
        var skillContext = new SkillContext(context, text, entities, active);
        foreach (var skill in skills.OrderByDescending(s => s.Name == active?.Skill))
        {
            if (await skill.Handle(skillContext, ct) is not { } taken) continue;
            // A general question that happens to contain a trigger phrase ("在哪能看到物流信息", "退换货政策是什么") is better
            // answered by an FAQ the knowledge base is sure of; a request ("查订单", "warranty claim please") or the
            // customer's own order ("我的订单到哪了", an order number) still goes to the skill.
            if (taken.StartedByPhrase && taken.HandoffReason is null && CustomerIntents.IsQuestion(text) && !CustomerIntents.IsPersonal(text)
                && !entities.Any(e => e.Type == EntityTypes.OrderNumber) && await ConfidentAnswer(context, emotion, ct) is { } general)
                return general with { Decision = general.Decision with { Reason = $"{general.Decision.Reason} A general question: answered instead of starting {skill.Name}." } };
            var state = taken.Next is null ? null : JsonSerializer.Serialize(taken.Next);
            return new BotTurn(taken.Replies, taken.HandoffReason,
                new BotDecision(taken.HandoffReason is null ? "skill" : "handoff", $"{skill.Name}: {taken.Reason}", [], null, Failed: false, Emotion: emotion), state);
        }

        if (CustomerIntents.IsGreeting(text))
            return Say("greet", "Greeting.", zh ? "您好！我是明灯智能助手，请问有什么可以帮您？" : "Hi! I'm the virtual assistant. How can I help you today?", emotion, context);
        if (CustomerIntents.IsThanks(text))
            return Say("greet", "Thanks.", zh ? "不客气！还有其他问题随时问我。" : "You're welcome! Anything else I can help with?", emotion, context);

        var snapshot = await knowledge.Ready(ct);
        if (snapshot.Index is null)
        {
            // No FAQs, perhaps only articles: their text may still answer.
            if (snapshot.FindPassage(context.Text, context.Language) is { } only && snapshot.Faqs.ContainsKey(only.Key))
                return FromArticle(only, context, [], emotion);
            return DontKnow(context, [], "The knowledge base has no FAQs and no article passage holds the question.", emotion);
        }

        var result = snapshot.Search(context.Text, 5)!;
        var candidates = Shown(snapshot, result, context.Language);

        // The customer clicked one of the choices we offered: answer exactly that.
        if (context.LastClarifyKey is not null && snapshot.Faqs.Values.FirstOrDefault(f =>
                context.LastClarifyKey.Split('|').Contains(f.Key) && string.Equals(f.Question(context.Language).Trim(), context.Text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } chosen)
            return Answer(chosen, context, candidates, "The customer picked it from the clarification.", emotion);

        if (result.NoneOfThese || candidates.Count == 0)
        {
            // No FAQ answers it; an article section that holds most of what was asked may (the passage, with its source).
            if (snapshot.FindPassage(context.Text, context.Language) is { } passage && snapshot.Faqs.ContainsKey(passage.Key))
                return FromArticle(passage, context, candidates, emotion);
            return DontKnow(context, candidates, $"No FAQ above the threshold {snapshot.Index.NoneThreshold:0.00} (best {candidates.FirstOrDefault()?.Score ?? 0:0.00}).", emotion);
        }

        var top = candidates[0];
        // When the best FAQ is more likely wrong than right (its score is the decision model's P(right)), an article window
        // that holds more of the question answers instead: "HEPA滤芯能不能用水洗？" is 91 % explained by the purifier guide,
        // while the best FAQ (exchanges, 0.37) only shares "能不能".
        if (top.Score < 0.5f && snapshot.FindPassage(context.Text, context.Language) is { } explained
            && explained.Coverage > top.Score && snapshot.Faqs.ContainsKey(explained.Key))
            return FromArticle(explained, context, candidates, emotion,
                $"Article passage {explained.Key} holds {explained.Coverage:P0} of the question, more than the best FAQ ({top.FaqKey} {top.Score:0.00}) is likely right.");
        var close = candidates.Skip(1).Where(c => top.Score - c.Score < o.ClarifyMargin && c.Score >= snapshot.Index.NoneThreshold).Take(2).ToList();
        if (close.Count > 0)
        {
            var choices = new[] { top }.Concat(close).ToList();
            var key = string.Join('|', choices.Select(c => c.FaqKey));
            if (key != context.LastClarifyKey)
            {
                return new BotTurn(
                    [new BotReply(zh ? "您是想问以下哪个问题呢？" : "Did you mean one of these?", choices.Select(c => c.Question).ToList())],
                    null, new BotDecision("clarify", $"Top candidates within {o.ClarifyMargin:0.00}: {string.Join(", ", choices.Select(c => $"{c.FaqKey} {c.Score:0.00}"))}.",
                        candidates, null, Failed: false, ClarifyKey: key, Emotion: emotion), context.SkillStateJson);
            }
        }
        return Answer(snapshot.Faqs[top.FaqKey], context, candidates, $"Best match {top.FaqKey} with {top.Score:0.00}.", emotion);
    }

    private static BotTurn Answer(LiveFaq faq, BotTurnContext context, IReadOnlyList<BotCandidate> candidates, string reason, string emotion)
    {
        var body = Personalise(faq.Answer(context.Language, context.Channel) ?? "", context);
        // A skill the customer stepped away from stays parked, so they can come back to it.
        return new BotTurn([new BotReply(body)], null, new BotDecision("answer", reason, candidates, faq.Key, Failed: false, Emotion: emotion), context.SkillStateJson);
    }

    private static string? RiskKeyword(BotOptions o, string text) =>
        o.RiskKeywords.FirstOrDefault(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>Anger at or above this always hands off, whatever the inbox's lower threshold lets the bot try first.</summary>
    private const float StrongAnger = 0.9f;

    /// <summary>The FAQ answer when the knowledge base is sure of one (no clarification, no article fallback), else null.</summary>
    private async Task<BotTurn?> ConfidentAnswer(BotTurnContext context, string emotion, CancellationToken ct)
    {
        var snapshot = await knowledge.Ready(ct);
        if (snapshot.Search(context.Text, 5) is not { NoneOfThese: false, Candidates: [var top, ..] } result || !snapshot.Faqs.TryGetValue(top.FaqId, out var faq))
            return null;
        var second = result.Candidates.Skip(1).FirstOrDefault();
        if (second is not null && top.Score - second.Score < options.Value.For(context.Thresholds).ClarifyMargin) return null;
        var candidates = Shown(snapshot, result, context.Language);
        return Answer(faq, context, candidates, $"Best match {top.FaqId} with {top.Score:0.00}.", emotion);
    }

    /// <summary>The candidates a decision records (and "why did the bot say this?" shows): the live FAQs among the results.</summary>
    private static List<BotCandidate> Shown(KnowledgeSnapshot snapshot, FaqSearchResult result, string language) =>
        result.Candidates.Where(c => snapshot.Faqs.ContainsKey(c.FaqId))
            .Select(c => new BotCandidate(c.FaqId, snapshot.Faqs[c.FaqId].Question(language), c.Score)).ToList();

    /// <summary>An answer from an article: the matching sentences and where they come from.</summary>
    private static BotTurn FromArticle(PassageHit passage, BotTurnContext context, IReadOnlyList<BotCandidate> candidates, string emotion, string? reason = null)
    {
        var source = context.Language == "zh" ? $"——摘自《{passage.Title}》" : $"(From “{passage.Title}”)";
        var shown = candidates.Any(c => c.FaqKey == passage.Key) ? candidates
            : new[] { new BotCandidate(passage.Key, passage.Title, passage.Coverage) }.Concat(candidates).ToList();
        return new BotTurn([new BotReply($"{passage.Excerpt}\n\n{source}")], null,
            new BotDecision("answer", reason ?? $"No FAQ matched; article passage {passage.Key} holds {passage.Coverage:P0} of the question ({passage.Matched} topic words).",
                shown, passage.Key, Failed: false, Emotion: emotion), context.SkillStateJson);
    }

    /// <summary>Fills customer fields into an answer: {{customer.name}}.</summary>
    private static string Personalise(string text, BotTurnContext context)
    {
        var name = context.CustomerName.Length > 0 ? context.CustomerName : context.Language == "zh" ? "您" : "there";
        return text.Replace("{{customer.name}}", name, StringComparison.OrdinalIgnoreCase);
    }

    private BotTurn DontKnow(BotTurnContext context, IReadOnlyList<BotCandidate> candidates, string reason, string emotion)
    {
        var zh = context.Language == "zh";
        if (context.ConsecutiveFailures + 1 >= options.Value.For(context.Thresholds).FailuresBeforeHandoff)
        {
            return new BotTurn([new BotReply(zh
                    ? "抱歉，这个问题我暂时回答不了，已为您转接人工客服，请稍候。"
                    : "Sorry, I can't answer that one — I'm connecting you with a member of our team.")],
                "repeated_failure", new BotDecision("handoff", reason + " Second failed turn in a row.", candidates, null, Failed: true, Emotion: emotion));
        }
        return new BotTurn([new BotReply(zh
                ? "抱歉，这个问题我还不太确定。您可以换个说法再问我，或者转人工客服为您处理。"
                : "Sorry, I'm not sure about that. You can rephrase your question, or talk to a member of our team.",
                [zh ? "转人工" : "Talk to a human"])],
            null, new BotDecision("fallback", reason, candidates, null, Failed: true, Emotion: emotion), context.SkillStateJson);
    }

    // Small talk and "not sure" keep a parked skill, so the customer can still come back to it.
    private static BotTurn Say(string action, string reason, string text, string emotion, BotTurnContext context) =>
        new([new BotReply(text)], null, new BotDecision(action, reason, [], null, Failed: false, Emotion: emotion), context.SkillStateJson);

    private static BotTurn Handoff(string reason, string why, string text, string emotion) =>
        new([new BotReply(text)], reason, new BotDecision("handoff", why, [], null, Failed: false, Emotion: emotion));
}
