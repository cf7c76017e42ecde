using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Conversations;

internal sealed class ConversationMapping : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("conversations");
        b.HasKey(c => c.Id);
        b.Property(c => c.Channel).HasMaxLength(32);
        b.Property(c => c.Language).HasMaxLength(8);
        b.Property(c => c.LastMessagePreview).HasMaxLength(200);
        b.Property(c => c.LastClarifyKey).HasMaxLength(500);
        b.Property(c => c.RequiredSkills).HasMaxLength(500);
        b.Property(c => c.Team).HasMaxLength(100);
        b.Property(c => c.Topic).HasMaxLength(100);
        b.Property(c => c.Emotion).HasMaxLength(20);
        // Two writers appending to one conversation at once: the second one's update fails and it retries.
        b.Property(c => c.LastSeq).IsConcurrencyToken();
        b.HasIndex(c => new { c.InboxId, c.Status, c.LastMessageAt });
        b.HasIndex(c => new { c.ContactId, c.LastMessageAt });
        b.HasIndex(c => new { c.AssigneeId, c.Status });
    }
}

internal sealed class MessageMapping : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.SenderName).HasMaxLength(200);
        b.Property(m => m.ClientMessageId).HasMaxLength(100);
        b.Property(m => m.DeliveryError).HasMaxLength(500);
        b.Property(m => m.Emotion).HasMaxLength(20);
        b.Ignore(m => m.QuickReplies);
        b.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        // Idempotency: one message per (inbox, customer, client message id). NULL ids never collide.
        b.HasIndex(m => new { m.InboxId, m.ContactId, m.ClientMessageId }).IsUnique();
        b.HasIndex(m => new { m.DeliveryStatus, m.CreatedAt });
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
