using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Knowledge.Learning;

/// <summary>
/// A customer question the knowledge base did not serve well: the bot could not answer it, or the customer voted its
/// answer unhelpful. Reviewers work through them grouped by similarity (knowledge-collection tasks).
/// </summary>
public sealed class UnansweredQuestion
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
    public string Language { get; set; } = "zh";
    /// <summary>no_answer | not_helpful</summary>
    public string Reason { get; set; } = "";
    /// <summary>The FAQ the bot offered, for not_helpful votes.</summary>
    public string? FaqKey { get; set; }
    public Guid ConversationId { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>What the reviewer did: the FAQ key it was attached to or created as, or "dismissed".</summary>
    public string? ResolvedAs { get; set; }
}

internal sealed class UnansweredQuestionMapping : IEntityTypeConfiguration<UnansweredQuestion>
{
    public void Configure(EntityTypeBuilder<UnansweredQuestion> b)
    {
        b.ToTable("unanswered_questions");
        b.HasKey(q => q.Id);
        b.Property(q => q.Text).HasMaxLength(4000);
        b.Property(q => q.Language).HasMaxLength(8);
        b.Property(q => q.Reason).HasMaxLength(20);
        b.Property(q => q.FaqKey).HasMaxLength(200);
        b.Property(q => q.ResolvedAs).HasMaxLength(200);
        b.HasIndex(q => new { q.ResolvedAt, q.CreatedAt });
        b.HasIndex(q => q.MessageId);
    }
}
