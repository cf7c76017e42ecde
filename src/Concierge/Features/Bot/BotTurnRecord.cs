using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Bot;

/// <summary>One bot turn, kept for explainability: the candidates with scores, the chosen action and the reason.</summary>
public sealed class BotTurnRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>The customer message the bot answered.</summary>
    public Guid MessageId { get; set; }
    public string Action { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? FaqKey { get; set; }
    public string? Emotion { get; set; }
    public string CandidatesJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }

    public static BotTurnRecord Of(Guid conversationId, Guid messageId, BotDecision decision, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ConversationId = conversationId, MessageId = messageId, Action = decision.Action,
        Reason = decision.Reason.Length <= 500 ? decision.Reason : decision.Reason[..500], FaqKey = decision.FaqKey,
        Emotion = decision.Emotion, CandidatesJson = System.Text.Json.JsonSerializer.Serialize(decision.Candidates), CreatedAt = now,
    };
}

internal sealed class BotTurnRecordMapping : IEntityTypeConfiguration<BotTurnRecord>
{
    public void Configure(EntityTypeBuilder<BotTurnRecord> b)
    {
        b.ToTable("bot_turns");
        b.HasKey(t => t.Id);
        b.Property(t => t.Action).HasMaxLength(20);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.Property(t => t.FaqKey).HasMaxLength(200);
        b.Property(t => t.Emotion).HasMaxLength(20);
        b.HasIndex(t => t.ConversationId);
    }
}
