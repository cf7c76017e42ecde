namespace Concierge.Features.Conversations;

public enum MessageDirection { Inbound = 0, Outbound = 1 }
public enum SenderType { Customer = 0, Agent = 1, Bot = 2, System = 3 }
public enum DeliveryStatus { Delivered = 0, Pending = 1, Failed = 2 }

/// <summary>One message in a conversation. Immutable once written, apart from its delivery status.</summary>
public sealed class Message
{
    private Message() { }

    internal Message(Conversation conversation, long seq, MessageDirection direction, SenderType sender, Guid? senderId,
        string senderName, string body, string? clientMessageId, DateTimeOffset now, bool isPrivate = false)
    {
        IsPrivate = isPrivate;
        Id = Guid.CreateVersion7(now);
        ConversationId = conversation.Id;
        InboxId = conversation.InboxId;
        ContactId = conversation.ContactId;
        Seq = seq;
        Direction = direction;
        SenderType = sender;
        SenderId = senderId;
        SenderName = senderName;
        Body = body;
        ClientMessageId = clientMessageId;
        CreatedAt = now;
        // The bot answers inside the customer's own request, and its replies go back in that response: they are
        // delivered when stored. Agent replies wait in the outbox until the channel confirms.
        DeliveryStatus = direction == MessageDirection.Outbound && sender != SenderType.Bot && !isPrivate ? DeliveryStatus.Pending : DeliveryStatus.Delivered;
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid InboxId { get; private set; }
    public Guid ContactId { get; private set; }
    public long Seq { get; private set; }
    public MessageDirection Direction { get; private set; }
    public SenderType SenderType { get; private set; }
    public Guid? SenderId { get; private set; }
    public string SenderName { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>The sender's own id for this message; a retry with the same id is stored once.</summary>
    public string? ClientMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DeliveryStatus DeliveryStatus { get; private set; }
    public int DeliveryAttempts { get; private set; }
    /// <summary>Buttons offered with a bot message (JSON array of strings), e.g. clarification choices or "talk to a human".</summary>
    public string? QuickRepliesJson { get; private set; }
    /// <summary>The customer's vote on a bot answer (thumbs up/down); null when they did not vote.</summary>
    public bool? Helpful { get; private set; }
    public string? DeliveryError { get; private set; }
    /// <summary>An internal note between agents: never shown or delivered to the customer.</summary>
    public bool IsPrivate { get; private set; }
    /// <summary>The emotion detected in a customer message (angry, anxious, disappointed, satisfied, neutral).</summary>
    public string? Emotion { get; private set; }
    /// <summary>How negative the message reads, 0–1 (for the agent's emotion indicator and trend).</summary>
    public double? Negativity { get; private set; }

    internal void NoteEmotion(string emotion, double negativity) { Emotion = emotion; Negativity = Math.Round(negativity, 3); }

    public IReadOnlyList<string> QuickReplies =>
        QuickRepliesJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(QuickRepliesJson) ?? [];

    internal void OfferQuickReplies(IReadOnlyList<string> choices) => QuickRepliesJson = System.Text.Json.JsonSerializer.Serialize(choices);

    /// <summary>The customer votes on a bot answer. Only bot messages can be rated; the last vote counts.</summary>
    public Result Rate(bool helpful)
    {
        if (SenderType != SenderType.Bot) return Result.Invalid("messageId", "Only the bot's answers can be rated.");
        Helpful = helpful;
        return Result.Ok();
    }

    public void MarkDelivered() { DeliveryStatus = DeliveryStatus.Delivered; DeliveryError = null; }

    public void MarkDeliveryFailed(string error, bool final)
    {
        DeliveryAttempts++;
        DeliveryError = error.Length <= 500 ? error : error[..500];
        if (final) DeliveryStatus = DeliveryStatus.Failed;
    }
}
