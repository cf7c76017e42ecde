using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Workbench;

/// <summary>
/// A saved reply agents insert with a shortcut ("/refund"). The body may hold variables — {{customer.name}},
/// {{order.number}}, {{agent.name}} — filled in from the conversation. Kind "soothe" marks replies offered when the
/// customer is upset (EMO-2 level 2).
/// </summary>
public sealed class CannedResponse
{
    public Guid Id { get; set; }
    public string Shortcut { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>"zh", "en", or "" for any language.</summary>
    public string Language { get; set; } = "";
    /// <summary>"reply" or "soothe".</summary>
    public string Kind { get; set; } = CannedKinds.Reply;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class CannedKinds
{
    public const string Reply = "reply";
    public const string Soothe = "soothe";
    public static readonly string[] All = [Reply, Soothe];
}

/// <summary>An agent was @mentioned in an internal note.</summary>
public sealed class Mention
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid MessageId { get; set; }
    public Guid AgentId { get; set; }
    public Guid MentionedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class CannedResponseMapping : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> b)
    {
        b.ToTable("canned_responses");
        b.HasKey(c => c.Id);
        b.Property(c => c.Shortcut).HasMaxLength(50);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Body).HasMaxLength(4000);
        b.Property(c => c.Language).HasMaxLength(8);
        b.Property(c => c.Kind).HasMaxLength(20);
        b.HasIndex(c => new { c.Shortcut, c.Language }).IsUnique();
    }
}

internal sealed class MentionMapping : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> b)
    {
        b.ToTable("mentions");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.AgentId, m.ReadAt });
        b.HasIndex(m => m.MessageId);
    }
}
