namespace Concierge.Features.Conversations;

/// <summary>A message as every API, widget and screen shows it.</summary>
/// <param name="QuickReplies">Buttons offered with the message (bot clarifications, "talk to a human"); empty otherwise.</param>
public sealed record MessageView(Guid Id, Guid ConversationId, long Seq, string Direction, string SenderType, string SenderName,
    string Text, DateTimeOffset CreatedAt, IReadOnlyList<string> QuickReplies, bool? Helpful = null, bool IsPrivate = false,
    string? Emotion = null, double? Negativity = null)
{
    public static MessageView Of(Message m) => new(m.Id, m.ConversationId, m.Seq,
        m.Direction == MessageDirection.Inbound ? "inbound" : "outbound",
        m.SenderType.ToString().ToLowerInvariant(), m.SenderName, m.Body, m.CreatedAt, m.QuickReplies, m.Helpful, m.IsPrivate,
        m.Emotion, m.Negativity);

    /// <summary>What a customer may see of a message: internal notes never; emotion analysis is for agents only.</summary>
    public MessageView ForCustomer() => this with { Emotion = null, Negativity = null };
}

/// <summary>Checks applied to every message text, whatever the channel.</summary>
internal static class MessageText
{
    public static Result Validate(string? text, int maxLength, string field = "text")
    {
        if (string.IsNullOrWhiteSpace(text)) return Result.Invalid(field, "The message text is empty.");
        if (text.Length > maxLength) return Result.Invalid(field, $"The message text is longer than {maxLength} characters ({text.Length}).");
        if (text.Contains('\0')) return Result.Invalid(field, "The message text contains a NUL character.");
        return Result.Ok();
    }

    public static string Clean(string text) => text.Trim().ReplaceLineEndings("\n");
}
