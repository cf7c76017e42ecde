using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Routing;

/// <summary>Why routing gave a conversation to an agent: who was eligible, which rule decided. Shown beside the conversation.</summary>
public sealed class RoutingDecision
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid AgentId { get; set; }
    public string AgentName { get; set; } = "";
    /// <summary>What set routing off: enqueued, agent-free, relaxed, preferred.</summary>
    public string Trigger { get; set; } = "";
    public int EligibleAgents { get; set; }
    public bool SkillsRelaxed { get; set; }
    public bool SeniorFirst { get; set; }
    /// <summary>The reasons as a JSON array of short sentences.</summary>
    public string ReasonsJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RoutingDecisionMapping : IEntityTypeConfiguration<RoutingDecision>
{
    public void Configure(EntityTypeBuilder<RoutingDecision> b)
    {
        b.ToTable("routing_decisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.AgentName).HasMaxLength(200);
        b.Property(d => d.Trigger).HasMaxLength(20);
        b.HasIndex(d => new { d.ConversationId, d.CreatedAt });
    }
}
