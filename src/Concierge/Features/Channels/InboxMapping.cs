using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Channels;

internal sealed class InboxMapping : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> b)
    {
        b.ToTable("inboxes");
        b.HasKey(i => i.Id);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Channel).HasMaxLength(32);
        b.Property(i => i.ApiKeyHash).HasMaxLength(64);
        b.Property(i => i.ApiKeyHint).HasMaxLength(20);
        b.Property(i => i.IdentitySecret).HasMaxLength(100);
        b.Property(i => i.WebhookUrl).HasMaxLength(2000);
        b.Property(i => i.WebhookSecret).HasMaxLength(100);
        b.Property(i => i.Greeting).HasMaxLength(1000);
        b.Property(i => i.VipGreeting).HasMaxLength(1000);
        b.Property(i => i.WidgetColor).HasMaxLength(20);
        b.Property(i => i.Rollout).HasMaxLength(20);
        b.Ignore(i => i.RoutingRules);
        b.Ignore(i => i.Hours);
        b.Ignore(i => i.BotThresholds);
        b.Ignore(i => i.BotAnswers);
        b.HasIndex(i => i.ApiKeyHash).IsUnique();
    }
}

internal sealed class InboxMemberMapping : IEntityTypeConfiguration<InboxMember>
{
    public void Configure(EntityTypeBuilder<InboxMember> b)
    {
        b.ToTable("inbox_members");
        b.HasKey(m => new { m.InboxId, m.AgentId });
        b.HasIndex(m => m.AgentId);
    }
}
