using System.Security.Claims;
using System.Text.Json;
using Concierge.Features.Bot;
using Concierge.Features.Bot.Skills.Connectors;
using Concierge.Features.Conversations;
using Concierge.Features.Routing;
using Concierge.Nlp.Entities;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Concierge.Features.Workbench;

public sealed record ConversationSummaryText(string? Wants, IReadOnlyList<string> Facts, IReadOnlyList<string> BotTried, string? HandoffReason);
public sealed record EmotionPoint(long Seq, string Emotion, double Negativity, DateTimeOffset At);
public sealed record OrderRow(string OrderNumber, string Status, string Item, string? Courier, string? TrackingNumber, string? Eta);
public sealed record FilledCanned(Guid Id, string Shortcut, string Title, string Text, string Kind);

/// <summary>Everything the agent's assistant panel shows beside a conversation.</summary>
public sealed record Assist(ConversationSummaryText Summary, string? Topic, IReadOnlyList<string> Entities, string? Emotion, bool Negative,
    IReadOnlyList<EmotionPoint> EmotionTrend, IReadOnlyList<FilledCanned> Soothing, IReadOnlyList<FilledCanned> Canned,
    IReadOnlyList<OrderRow>? Orders, string? OrdersError, IReadOnlyList<RoutingDecisionView> Routing, bool RiskLocked, bool FollowUp);

/// <summary>
/// The agent's AI assistance for one conversation: a short extractive summary (what the customer wants, the facts they
/// gave, what the bot already tried), the emotion trend with soothing replies when it turns negative (EMO-2 level 2),
/// canned responses filled for this customer, their orders from the order system, and why routing chose this agent.
/// </summary>
public sealed class GetAssist(ConciergeDb db, Access access, IEnumerable<ISkillConnector> connectors, GetRoutingDecisions decisions, IMemoryCache cache)
{
    public async Task<Result<Assist>> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result<Assist>.From(Result.NotFound("Conversation not found."));
        var contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == conversation.ContactId, ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Seq).Take(200).OrderBy(m => m.Seq).ToListAsync(ct);
        var turns = await db.Set<BotTurnRecord>().AsNoTracking().Where(t => t.ConversationId == conversationId)
            .OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var agentName = Access.AgentId(actor) is { } me ? await db.Agents.AsNoTracking().Where(a => a.Id == me).Select(a => a.DisplayName).FirstOrDefaultAsync(ct) : null;

        var customerMessages = messages.Where(m => m.SenderType == SenderType.Customer).ToList();
        var entities = customerMessages.SelectMany(m => EntityExtractor.Default.Extract(m.Body, m.CreatedAt))
            .GroupBy(e => (e.Type, e.Value)).Select(g => g.First()).ToList();
        var orderNumber = entities.LastOrDefault(e => e.Type is "order" or "order_number")?.Value;
        var summary = Summarize(customerMessages, turns, entities, conversation.Language);

        var trend = customerMessages.Where(m => m.Emotion is not null)
            .Select(m => new EmotionPoint(m.Seq, m.Emotion!, m.Negativity ?? 0, m.CreatedAt)).TakeLast(30).ToList();
        var lastEmotion = customerMessages.LastOrDefault()?.Emotion ?? conversation.Emotion;
        var negative = RoutingDesk.IsNegative(lastEmotion) || (customerMessages.LastOrDefault()?.Negativity ?? 0) >= 0.5;

        var lang = conversation.Language;
        var canned = await db.Set<CannedResponse>().AsNoTracking().Where(c => c.Language == lang || c.Language == "")
            .OrderBy(c => c.Shortcut).ToListAsync(ct);
        FilledCanned Fill(CannedResponse c) => new(c.Id, c.Shortcut, c.Title,
            CannedVariables.Fill(c.Body, contact.Name, orderNumber, agentName, lang), c.Kind);
        var soothing = negative ? canned.Where(c => c.Kind == CannedKinds.Soothe).Select(Fill).ToList() : [];

        var (orders, ordersError) = await Orders(contact.ExternalId, ct);
        var routing = (await decisions.Handle(conversationId, actor, ct)).Value ?? [];
        return Result<Assist>.Ok(new Assist(summary, conversation.Topic, entities.Select(e => $"{e.Type}: {e.Value}").ToList(), lastEmotion, negative,
            trend, soothing, canned.Select(Fill).ToList(), orders, ordersError, routing, conversation.RiskLocked, conversation.FollowUp));
    }

    /// <summary>
    /// Extractive, not generated: the customer's most informative message (after greetings and "human please"), the
    /// entities they gave, and the bot's actions in order — so nothing in it can be invented.
    /// </summary>
    internal static ConversationSummaryText Summarize(IReadOnlyList<Message> customer, IReadOnlyList<BotTurnRecord> turns,
        IReadOnlyList<Entity> entities, string language)
    {
        var handoffRequests = turns.Where(t => t.Action == "handoff" && t.Reason.Contains("asked for a human", StringComparison.Ordinal))
            .Select(t => t.MessageId).ToHashSet();
        var informative = customer.Where(m => !handoffRequests.Contains(m.Id) && m.Body.Trim().Length >= 4)
            .Select(m => (m, score: Score(m.Body))).Where(x => x.score > 0).ToList();
        var wants = informative.Count == 0 ? customer.FirstOrDefault()?.Body
            : informative.OrderByDescending(x => x.score).ThenBy(x => x.m.Seq).First().m.Body;
        if (wants is { Length: > 160 }) wants = wants[..160] + "…";

        var facts = entities.Select(e => Fact(e, language)).Distinct().Take(8).ToList();
        var tried = new List<string>();
        foreach (var t in turns)
        {
            var line = t.Action switch
            {
                "answer" => (language == "en" ? "Answered: " : "已回答：") + (TopQuestion(t.CandidatesJson) ?? t.FaqKey),
                "clarify" => (language == "en" ? "Asked which question: " : "请客户确认问题：") + string.Join(" / ", Questions(t.CandidatesJson).Take(3)),
                "fallback" => language == "en" ? "Did not know the answer" : "未能回答",
                "skill" => (language == "en" ? "Ran " : "执行了 ") + t.Reason.Split(':')[0],
                "handoff" => null,
                _ => null,
            };
            if (line is not null && (tried.Count == 0 || tried[^1] != line)) tried.Add(line);
        }
        var handoff = turns.LastOrDefault(t => t.Action == "handoff")?.Reason;
        return new ConversationSummaryText(wants, facts, tried.TakeLast(6).ToList(), handoff);
    }

    // Questions and complaints carry more than greetings: length, question marks and the words of customer trouble.
    private static double Score(string text)
    {
        var t = text.Trim();
        if (t.Length < 4) return 0;
        double score = Math.Min(t.Length, 80) / 80.0;
        if (t.Contains('?') || t.Contains('？') || t.Contains('吗') || t.Contains("怎么") || t.Contains("how", StringComparison.OrdinalIgnoreCase)) score += 0.5;
        string[] trouble = ["退", "没收到", "坏", "投诉", "refund", "return", "broken", "never arrived", "charged", "订单", "order", "发票", "invoice"];
        if (trouble.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase))) score += 0.7;
        string[] greeting = ["你好", "您好", "在吗", "hello", "hi", "转人工", "人工"];
        if (greeting.Any(g => t.Equals(g, StringComparison.OrdinalIgnoreCase))) return 0;
        return score;
    }

    private static string Fact(Entity e, string language) => e.Type switch
    {
        "order" or "order_number" => (language == "en" ? "Order " : "订单号 ") + e.Value,
        "phone" => (language == "en" ? "Phone " : "电话 ") + e.Value,
        "amount" => (language == "en" ? "Amount " : "金额 ") + e.Value,
        "datetime" => (language == "en" ? "Date " : "时间 ") + e.Text,
        "tracking" => (language == "en" ? "Tracking " : "运单号 ") + e.Value,
        "email" => "Email " + e.Value,
        _ => $"{e.Type} {e.Value}",
    };

    private static IEnumerable<string> Questions(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateArray()
                .Select(c => c.TryGetProperty("Question", out var q) || c.TryGetProperty("question", out q) ? q.GetString() : null)
                .OfType<string>().ToList();
        }
        catch (JsonException) { return []; }
    }

    private static string? TopQuestion(string json) => Questions(json).FirstOrDefault();

    // The workbench re-renders on every live event; the order system is asked at most once a minute per customer.
    private async Task<(IReadOnlyList<OrderRow>?, string?)> Orders(string? externalId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(externalId)) return (null, null);
        if (cache.TryGetValue(("orders", externalId), out (IReadOnlyList<OrderRow>?, string?) cached)) return cached;
        var fetched = await FetchOrders(externalId, ct);
        cache.Set(("orders", externalId), fetched, TimeSpan.FromSeconds(fetched.Item2 is null ? 60 : 10));
        return fetched;
    }

    private async Task<(IReadOnlyList<OrderRow>?, string?)> FetchOrders(string externalId, CancellationToken ct)
    {
        if (connectors.FirstOrDefault(c => c.Name == "orders") is not { } orders) return (null, null);
        var result = await orders.Send(HttpMethod.Get, $"orders?customer={Uri.EscapeDataString(externalId)}", null, ct);
        if (result.Outcome != ConnectorOutcome.Ok || result.Body is not { ValueKind: JsonValueKind.Array } body)
            return (null, result.Outcome == ConnectorOutcome.NotFound ? null : result.Detail);
        var rows = body.EnumerateArray().Select(o => new OrderRow(Str(o, "orderNumber") ?? "", Str(o, "status") ?? "", Str(o, "item") ?? "",
            Str(o, "courier"), Str(o, "trackingNumber"), Str(o, "eta"))).ToList();
        return (rows, null);
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
