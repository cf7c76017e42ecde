using System.Text.Json;
using System.Text.RegularExpressions;
using Concierge.Features.Conversations;
using Concierge.Nlp.Entities;
using Concierge.Nlp.Text;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// Reads slot values out of customer messages: recognised entities for typed slots, option synonyms for choices, and
/// free text for text slots, plus the small-talk cues the dialogue needs (cancel, yes/no, "is this a question?").
/// Works on normalised text (lower case, simplified, half-width).
/// </summary>
internal static partial class SlotReader
{
    private static readonly string[] s_cancel = ["算了", "取消", "不用了", "不要了", "不办了", "不查了", "不需要了", "cancel", "never mind", "nevermind", "forget it"];
    private static readonly string[] s_yesZh = ["确认提交", "确认", "确定", "是的", "是", "对", "对的", "好的", "好", "可以", "没问题", "提交", "嗯", "行"];
    private static readonly string[] s_yesEn = ["yes", "y", "yeah", "yep", "ok", "okay", "confirm", "sure", "correct", "submit", "go ahead", "please do"];
    private static readonly string[] s_noZh = ["不", "不是", "不对", "否", "错了", "不确认", "有误"];
    private static readonly string[] s_noEn = ["no", "n", "nope", "wrong", "not right", "incorrect"];
    private static readonly string[] s_questionZh = ["吗", "怎么", "如何", "为什么", "多久", "多少", "几天", "能不能", "可不可以", "是否", "哪里", "什么"];
    private static readonly string[] s_fillerZh = ["我要", "我想", "想要", "申请", "帮我", "麻烦", "一下", "订单号", "订单", "单号", "这个", "那个", "怎么样", "怎么", "可以", "还有",
        "我", "要", "想", "请", "那", "呢", "吗", "吧", "啊", "呀", "了", "的", "是", "能", "再", "给", "办", "因为", "原因"];
    private static readonly HashSet<string> s_fillerEn = ["i", "i'd", "i'm", "want", "wanna", "to", "would", "like", "please", "my", "the", "a", "an", "order", "number", "for", "it",
        "is", "this", "that", "what", "about", "how", "and", "because", "can", "could", "you", "me", "do", "need", "get", "of", "on", "with", "hi", "hello", "thanks", "so", "then", "ok", "reason"];
    private static readonly string[] s_reasonCues = ["原因是", "原因:", "原因", "因为", "reason is", "reason:", "because"];

    public static bool IsCancel(string text) =>
        s_cancel.Any(c => text.Contains(c, StringComparison.Ordinal)) && (Cjk(text) <= 8 && Words(text) <= 5);

    public static bool IsYes(string text) => Bare(text) is var t && (s_yesZh.Contains(t) || s_yesEn.Contains(t));
    public static bool IsNo(string text) => Bare(text) is var t && (s_noZh.Contains(t) || s_noEn.Contains(t));

    public static bool IsQuestion(string text) =>
        text.TrimEnd().EndsWith('?') || s_questionZh.Any(q => text.Contains(q, StringComparison.Ordinal)) || QuestionEn().IsMatch(text);

    /// <summary>A reason may say 为什么 or 怎么; only a clear question (吗, "?", "how …") is not an answer.</summary>
    private static bool IsPlainQuestion(string text) =>
        text.TrimEnd().EndsWith('?') || text.Contains('吗', StringComparison.Ordinal) || QuestionEn().IsMatch(text);

    public static bool Matches(string text, IEnumerable<string>? phrases) =>
        phrases?.Any(p => text.Contains(p.ToLowerInvariant(), StringComparison.Ordinal)) == true;

    /// <summary>
    /// Values for the definition's slots found in this message. The pending text slot takes the whole message; other
    /// text slots take what is left once everything recognised is removed, when enough is left to be a reason.
    /// </summary>
    public static Dictionary<string, string> Read(SkillDefinition definition, SkillContext context, string? pending)
    {
        var text = context.NormalizedText;
        var found = new Dictionary<string, string>();
        foreach (var slot in definition.Slots)
        {
            var value = slot.Type switch
            {
                SlotTypes.OrderNumber => Entity(context.Entities, EntityTypes.OrderNumber, slot),
                SlotTypes.Phone => Entity(context.Entities, EntityTypes.Phone, slot),
                SlotTypes.Date => Entity(context.Entities, EntityTypes.DateTime, slot),
                SlotTypes.Choice => Choice(slot, text),
                _ => null,
            };
            if (value is not null) found[slot.Name] = value;
        }
        foreach (var slot in definition.Slots.Where(s => s.Type == SlotTypes.Text))
        {
            var original = context.Turn.Text.Trim();
            if (slot.Name == pending)
            {
                var answer = StripReasonCue(original);
                if (answer.Length >= 2 && !IsPlainQuestion(text)) found[slot.Name] = Clip(answer);
            }
            else if (s_reasonCues.Any(c => text.StartsWith(c, StringComparison.Ordinal)))
            {
                found[slot.Name] = Clip(StripReasonCue(original));
            }
            else if (slot.FromRemainder && found.Count > 0 && !IsQuestion(text))
            {
                var rest = Remainder(text, Recognised(definition, context));
                if (Cjk(rest) >= 2 || Words(rest) >= 2) found[slot.Name] = Clip(rest.Trim());
            }
        }
        return found;
    }

    /// <summary>Does this message look like an attempt at the pending slot (a number that is not an order number …)?</summary>
    public static bool LooksLikeAttempt(SlotDefinition slot, string text) => slot.Type switch
    {
        SlotTypes.OrderNumber or SlotTypes.Phone => AttemptedId().IsMatch(text),
        SlotTypes.Date => text.Any(char.IsAsciiDigit),
        SlotTypes.Choice => !IsQuestion(text) && (Cjk(text) <= 6 && Words(text) <= 4),
        _ => false,
    };

    /// <summary>What is left of the message once phrases, entities and filler words are removed.</summary>
    public static string Remainder(string text, IEnumerable<string> recognised)
    {
        var rest = text;
        foreach (var phrase in recognised.Where(p => p.Length > 0).OrderByDescending(p => p.Length))
            rest = rest.Replace(phrase.ToLowerInvariant(), " ", StringComparison.Ordinal);
        foreach (var filler in s_fillerZh) rest = rest.Replace(filler, " ", StringComparison.Ordinal);
        var words = Separator().Split(rest).Where(w => w.Length > 0 && !s_fillerEn.Contains(w));
        return string.Join(' ', words);
    }

    /// <summary>Phrases this definition recognises in a message: triggers, follow-ups, option words and the entities' text.</summary>
    public static IEnumerable<string> Recognised(SkillDefinition definition, SkillContext context) =>
        definition.Triggers.All.Concat(definition.FollowUpTriggers?.All ?? [])
            .Concat(definition.Slots.SelectMany(s => s.Options.SelectMany(o => o.Synonyms.Append(o.Zh).Append(o.En))))
            .Concat(context.Entities.Select(e => TextNormalizer.Normalize(e.Text)));

    /// <summary>The latest value of an entity type the customer gave in the conversation (bot prompts carry examples, so only theirs).</summary>
    public static string? FromHistory(IReadOnlyList<Message> history, string entityType, SlotDefinition slot, DateTimeOffset now, int lookBack)
    {
        foreach (var message in history.Reverse().Take(lookBack))
        {
            if (message.SenderType != SenderType.Customer) continue;
            var value = Entity(EntityExtractor.Default.Extract(message.Body, now), entityType, slot, last: true);
            if (value is not null) return value;
        }
        return null;
    }

    /// <summary>The customer's value on file (contact attributes), e.g. their phone.</summary>
    public static string? OnFile(string attributesJson, string slotName)
    {
        try
        {
            using var doc = JsonDocument.Parse(attributesJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(slotName, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    public static string? EntityTypeOf(string slotType) => slotType switch
    {
        SlotTypes.OrderNumber => EntityTypes.OrderNumber,
        SlotTypes.Phone => EntityTypes.Phone,
        SlotTypes.Date => EntityTypes.DateTime,
        _ => null,
    };

    private static string? Entity(IReadOnlyList<Entity> entities, string type, SlotDefinition slot, bool last = false)
    {
        var matching = entities.Where(e => e.Type == type && (slot.Pattern is null || Regex.IsMatch(e.Value, slot.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50))));
        return (last ? matching.LastOrDefault() : matching.FirstOrDefault())?.Value;
    }

    private static string? Choice(SlotDefinition slot, string text)
    {
        var hits = slot.Options.Where(o => o.Synonyms.Append(o.Zh).Append(o.En).Any(s => text.Contains(s.ToLowerInvariant(), StringComparison.Ordinal)))
            .Select(o => o.Value).Distinct().ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    private static string StripReasonCue(string text)
    {
        var t = text.Trim();
        foreach (var cue in s_reasonCues)
        {
            if (t.StartsWith(cue, StringComparison.OrdinalIgnoreCase)) return t[cue.Length..].TrimStart(' ', ':', '：', '，', ',');
        }
        return t;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300];

    private static string Bare(string text) => Punctuation().Replace(text, "").Trim();

    private static int Cjk(string text) => text.Count(c => c is >= '\u4e00' and <= '\u9fff');

    private static int Words(string text) => Separator().Split(text).Count(w => w.Any(char.IsAsciiLetter));

    [GeneratedRegex(@"[\s\p{P}\p{S}]+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"[\p{P}\p{S}~]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^\s*(how|what|when|where|why|which|who|can|could|do|does|is|are|will|should)\b")]
    private static partial Regex QuestionEn();

    [GeneratedRegex(@"(?<![a-z])[a-z]{0,4}[-\s]?\d{3,}")]
    private static partial Regex AttemptedId();
}
