using Concierge.Platform.Events;

namespace Concierge.Features.Conversations;

public enum ConversationStatus { Bot = 0, Queued = 1, Assigned = 2, Resolved = 3 }

/// <summary>
/// A conversation between one customer and the company in one inbox. State machine:
/// Bot → Queued → Assigned → Resolved, and Resolved → (Bot | Queued) when the customer writes again.
/// Messages are numbered per conversation (<see cref="LastSeq"/>) so ordering is stable on every database.
/// </summary>
public sealed class Conversation : Aggregate
{
    private Conversation() { }

    public Guid Id { get; private set; }
    public Guid InboxId { get; private set; }
    public Guid ContactId { get; private set; }
    public string Channel { get; private set; } = "";
    public ConversationStatus Status { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastMessageAt { get; private set; }
    public string LastMessagePreview { get; private set; } = "";
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>Sequence number of the newest message; also the optimistic-concurrency token.</summary>
    public long LastSeq { get; private set; }
    /// <summary>Customer messages an agent has not seen yet.</summary>
    public int UnreadCount { get; private set; }
    /// <summary>Language of the customer's latest message ("zh" or "en"), used by the UI and later by routing.</summary>
    public string Language { get; private set; } = "zh";
    /// <summary>Bot turns in a row that did not help (no answer, fallback); the bot offers a human after two.</summary>
    public int BotFailures { get; private set; }
    /// <summary>The candidates the bot last asked the customer to choose from, so it never asks the same thing twice in a row.</summary>
    public string? LastClarifyKey { get; private set; }
    /// <summary>The bot skill in progress (its slots so far), as JSON; null when none.</summary>
    public string? SkillStateJson { get; private set; }
    /// <summary>When the conversation joined the human queue (kept across re-queues, so nobody loses their place).</summary>
    public DateTimeOffset? QueuedAt { get; private set; }
    /// <summary>Skill tags an agent needs to take it (comma separated), from its topic, language and channel.</summary>
    public string RequiredSkills { get; private set; } = "";
    /// <summary>The team that must serve it (a transfer to a team, or "risk" for a risk-locked conversation).</summary>
    public string? Team { get; private set; }
    /// <summary>What the customer is asking about, as the bot understood it (a knowledge category or a skill).</summary>
    public string? Topic { get; private set; }
    /// <summary>The customer's latest emotion (angry, anxious, disappointed, satisfied, neutral).</summary>
    public string? Emotion { get; private set; }
    /// <summary>High-risk (RT-4): only the risk team may answer; the bot never takes it back.</summary>
    public bool RiskLocked { get; private set; }
    /// <summary>The customer left a message while nobody could take it (out of business hours): follow up.</summary>
    public bool FollowUp { get; private set; }

    public static Conversation Start(Guid inboxId, Guid contactId, string channel, bool botFirst, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        InboxId = inboxId,
        ContactId = contactId,
        Channel = channel,
        Status = botFirst ? ConversationStatus.Bot : ConversationStatus.Queued,
        CreatedAt = now,
        LastMessageAt = now,
    };

    public bool IsOpen => Status != ConversationStatus.Resolved;

    /// <summary>The customer wrote. A resolved conversation reopens (to the bot if the inbox has one, else to the queue).</summary>
    public Message ReceiveFromCustomer(string text, string senderName, string? clientMessageId, bool botFirst, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Resolved)
        {
            Status = botFirst ? ConversationStatus.Bot : ConversationStatus.Queued;
            AssigneeId = null;
            ResolvedAt = null;
            BotFailures = 0;
            LastClarifyKey = null;
            SkillStateJson = null;
            FollowUp = false;
            Team = RiskLocked ? RiskTeam : null;
            QueuedAt = Status == ConversationStatus.Queued ? now : null;
            Raise(new ConversationReopened(Id, InboxId, now));
            if (Status == ConversationStatus.Queued) Raise(new HandoffRequested(Id, InboxId, "no_bot"));
        }
        var message = Append(MessageDirection.Inbound, SenderType.Customer, ContactId, senderName, text, clientMessageId, now);
        UnreadCount++;
        Language = LanguageGuess.Of(text);
        Raise(new MessageReceived(Id, InboxId, ContactId, message.Id, Status == ConversationStatus.Bot));
        if (Status == ConversationStatus.Queued && LastSeq == 1)
        {
            QueuedAt = now;
            Raise(new HandoffRequested(Id, InboxId, "no_bot"));
        }
        return message;
    }

    /// <summary>An agent (or the bot, with <paramref name="agentId"/> null) replies. Replying to a queued conversation assigns it to the agent.</summary>
    public Result<Message> Reply(SenderType sender, Guid? agentId, string senderName, string text, DateTimeOffset now,
        IReadOnlyList<string>? quickReplies = null)
    {
        if (sender == SenderType.Agent)
        {
            if (agentId is null) return Result<Message>.From(Result.Invalid("agentId", "An agent reply needs the agent."));
            if (Status == ConversationStatus.Assigned && AssigneeId != agentId)
            {
                // Another agent owns the conversation; the UI offers "take over" through AssignTo.
                return Result<Message>.From(Result.Conflict("This conversation is assigned to another agent."));
            }
            if (Status is ConversationStatus.Bot or ConversationStatus.Queued or ConversationStatus.Resolved)
            {
                AssignTo(agentId.Value, now);
            }
        }
        var message = Append(MessageDirection.Outbound, sender, agentId, senderName, text, null, now);
        if (quickReplies is { Count: > 0 }) message.OfferQuickReplies(quickReplies);
        if (sender != SenderType.Bot) UnreadCount = 0;
        Raise(new ReplySent(Id, InboxId, message.Id, message.DeliveryStatus == DeliveryStatus.Pending));
        return Result<Message>.Ok(message);
    }

    public Result AssignTo(Guid agentId, DateTimeOffset now, bool byRouter = false)
    {
        if (Status == ConversationStatus.Assigned && AssigneeId == agentId) return Result.Ok();
        var previous = AssigneeId;
        Status = ConversationStatus.Assigned;
        AssigneeId = agentId;
        ResolvedAt = null;
        FollowUp = false;
        Raise(new ConversationAssigned(Id, InboxId, agentId, previous, now, byRouter));
        return Result.Ok();
    }

    /// <summary>Hand the conversation from the bot to the human queue.</summary>
    public Result RequestHandoff(string reason, DateTimeOffset now)
    {
        if (Status != ConversationStatus.Bot) return Result.Conflict("Only a conversation with the bot can be handed off.");
        Status = ConversationStatus.Queued;
        QueuedAt ??= now;
        Raise(new HandoffRequested(Id, InboxId, reason));
        return Result.Ok();
    }

    /// <summary>
    /// Back to the human queue: its agent went offline (<paramref name="reason"/> "agent_offline"), or it is transferred to a
    /// team. It keeps its original place in the queue.
    /// </summary>
    public Result ReturnToQueue(string reason, string? team, DateTimeOffset now)
    {
        if (Status is ConversationStatus.Resolved) return Result.Conflict("A resolved conversation cannot be queued.");
        if (RiskLocked && team is not null && team != RiskTeam) return Result.Conflict("A high-risk conversation stays with the risk team.");
        var previous = AssigneeId;
        Status = ConversationStatus.Queued;
        AssigneeId = null;
        QueuedAt ??= now;
        if (team is not null) Team = team;
        Raise(new ConversationUnassigned(Id, InboxId, previous, reason, now));
        Raise(new HandoffRequested(Id, InboxId, reason));
        return Result.Ok();
    }

    /// <summary>The team whose members handle high-risk conversations.</summary>
    public const string RiskTeam = "risk";

    /// <summary>
    /// Lock the conversation to the risk team (RT-4): the bot stops, other agents can read but not answer. A conversation with
    /// the bot goes to the queue; one held by an agent outside the team is taken away from them.
    /// </summary>
    public void LockForRisk(string reason, DateTimeOffset now, bool assigneeInRiskTeam)
    {
        if (RiskLocked) return;
        RiskLocked = true;
        Team = RiskTeam;
        Raise(new ConversationRiskLocked(Id, InboxId, reason, now));
        if (Status == ConversationStatus.Bot) RequestHandoff("risk", now);
        else if (Status == ConversationStatus.Assigned && !assigneeInRiskTeam) ReturnToQueue("risk", RiskTeam, now);
    }

    /// <summary>What routing needs to know: the skills it asks for and what it is about.</summary>
    public void SetRoutingNeeds(string requiredSkills, string? topic)
    {
        RequiredSkills = requiredSkills.Length <= 500 ? requiredSkills : requiredSkills[..500];
        if (topic is not null) Topic = topic.Length <= 100 ? topic : topic[..100];
    }

    public void NoteEmotion(string? emotion) { if (emotion is not null) Emotion = emotion; }

    /// <summary>Nobody can take it now (out of business hours): the customer's message waits as a follow-up.</summary>
    public void MarkFollowUp() => FollowUp = true;

    /// <summary>An internal note (not shown to the customer), optionally mentioning colleagues.</summary>
    public Message AddNote(Guid agentId, string agentName, string text, DateTimeOffset now)
    {
        var message = Append(MessageDirection.Outbound, SenderType.Agent, agentId, agentName, text, null, now, isPrivate: true);
        Raise(new NoteAdded(Id, InboxId, message.Id, agentId));
        return message;
    }

    public Result Resolve(Guid? by, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Resolved) return Result.Conflict("The conversation is already resolved.");
        Status = ConversationStatus.Resolved;
        FollowUp = false;
        QueuedAt = null;
        if (!RiskLocked) Team = null;
        ResolvedAt = now;
        UnreadCount = 0;
        Raise(new ConversationResolved(Id, InboxId, by, now));
        return Result.Ok();
    }

    public void MarkRead() => UnreadCount = 0;

    /// <summary>Remember how the bot's turn went: failures in a row, and what it last asked to clarify.</summary>
    public void RecordBotTurn(bool failed, string? clarifyKey, string? skillStateJson)
    {
        BotFailures = failed ? BotFailures + 1 : 0;
        LastClarifyKey = clarifyKey;
        SkillStateJson = skillStateJson;
    }

    private Message Append(MessageDirection direction, SenderType sender, Guid? senderId, string senderName, string text,
        string? clientMessageId, DateTimeOffset now, bool isPrivate = false)
    {
        LastSeq++;
        if (!isPrivate)
        {
            // A note is for colleagues: the list keeps showing the customer's conversation, not the note.
            LastMessageAt = now;
            LastMessagePreview = text.Length <= 120 ? text : text[..120];
        }
        return new Message(this, LastSeq, direction, sender, senderId, senderName, text, clientMessageId, now, isPrivate);
    }
}

/// <summary>A cheap guess of the language of a message: any CJK character means Chinese.</summary>
internal static class LanguageGuess
{
    public static string Of(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf') return "zh";
        }
        return text.Any(char.IsLetter) ? "en" : "zh";
    }
}
