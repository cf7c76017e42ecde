using System.Text.Json;
using System.Text.Json.Nodes;
using Concierge.Features.Bot;
using Concierge.Features.Bot.Skills;
using Concierge.Features.Bot.Skills.Connectors;
using Concierge.Features.Conversations;
using Concierge.Nlp.Entities;
using Concierge.Nlp.Text;

namespace Concierge.Tests.Bot;

/// <summary>
/// A conversation with the built-in skills and nothing else, turn by turn, as the bot runs them: the skill in progress
/// first, then the others; when none takes the turn the knowledge base would answer and the parked state is kept.
/// The order system is a fake (it is the process boundary).
/// </summary>
internal sealed class SkillDialogue
{
    private readonly Conversation _conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "app", true, DateTimeOffset.UtcNow);
    private readonly List<Message> _history = [];
    private readonly IReadOnlyList<IBotSkill> _skills;
    private readonly string _externalId;

    public SkillDialogue(FakeOrders? orders = null, string externalId = "u-1001", string attributesJson = "{}")
    {
        Orders = orders ?? new FakeOrders();
        _externalId = externalId;
        AttributesJson = attributesJson;
        var definitions = new BuiltInSkillDefinitions();
        _skills = definitions.All.Select(d => (IBotSkill)new SlotFillingSkill(d.Name, definitions, [Orders], TimeProvider.System)).ToList();
    }

    public FakeOrders Orders { get; }
    public string AttributesJson { get; }
    public SkillState? State { get; private set; }
    public SkillTurn? Last { get; private set; }

    /// <summary>What <see cref="Say"/> returns when no skill takes the turn.</summary>
    public const string KnowledgeBase = "(no skill: the knowledge base answers)";

    /// <summary>The bot's reply text, or <see cref="KnowledgeBase"/> when no skill took the turn.</summary>
    public async Task<string> Say(string text)
    {
        var now = DateTimeOffset.UtcNow;
        _history.Add(_conversation.ReceiveFromCustomer(text, "Customer", null, true, now));
        var language = text.Any(c => c is >= '\u4e00' and <= '\u9fff') ? "zh" : "en";
        var turn = new BotTurnContext(_conversation.Id, _conversation.InboxId, _conversation.ContactId, text, language, "app", _history.ToList(), 0, null,
            "王芳", AttributesJson, _externalId, State is null ? null : JsonSerializer.Serialize(State));
        var context = new SkillContext(turn, TextNormalizer.Normalize(text), EntityExtractor.Default.Extract(text, now), State);
        foreach (var skill in _skills.OrderByDescending(s => s.Name == State?.Skill))
        {
            if (await skill.Handle(context, CancellationToken.None) is not { } taken) continue;
            Last = taken;
            State = taken.Next;
            foreach (var reply in taken.Replies)
                _history.Add(_conversation.Reply(SenderType.Bot, null, "Bot", reply.Text, now, reply.QuickReplies).Value!);
            return string.Join("\n", taken.Replies.Select(r => r.Text));
        }
        Last = null;
        return KnowledgeBase;
    }

    public IReadOnlyList<string> QuickReplies => Last?.Replies.LastOrDefault()?.QuickReplies ?? [];
}

/// <summary>The order system as the skills see it: two orders of u-1001, a record of every call, and an off switch.</summary>
internal sealed class FakeOrders : ISkillConnector
{
    public string Name => "orders";
    public bool Down { get; set; }
    public List<string> Calls { get; } = [];
    public List<JsonObject?> Bodies { get; } = [];

    public Task<ConnectorResult> Send(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
    {
        Calls.Add($"{method} {pathAndQuery}");
        Bodies.Add(body);
        if (Down) return Task.FromResult(new ConnectorResult(ConnectorOutcome.Failed, null, "connection refused"));
        var known = new[] { "DD20261114001", "DD20261102003" };
        var number = pathAndQuery.Split('/', '?')[1];
        if (!known.Contains(number)) return Task.FromResult(new ConnectorResult(ConnectorOutcome.NotFound, null, "404"));
        var json = method == HttpMethod.Get
            ? number == "DD20261114001"
                ? """{"orderNumber":"DD20261114001","status":"shipped","courier":"SF Express","trackingNumber":"SF1402837465921","eta":"2026-11-16"}"""
                : """{"orderNumber":"DD20261102003","status":"delivered","courier":"JD Logistics","trackingNumber":"JDVA20481937265"}"""
            : """{"requestNumber":"AS202611200001","status":"submitted"}""";
        return Task.FromResult(new ConnectorResult(ConnectorOutcome.Ok, JsonDocument.Parse(json).RootElement.Clone(), "200"));
    }
}
