using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Agents;

internal sealed class AgentMapping : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.Property(a => a.DisplayName).HasMaxLength(200);
        b.Property(a => a.Role).HasMaxLength(32);
        b.Property(a => a.Skills).HasMaxLength(1000);
        b.Property(a => a.Language).HasMaxLength(10);
        b.Property(a => a.Teams).HasMaxLength(500);
        b.Ignore(a => a.SkillList);
        b.Ignore(a => a.TeamList);
    }
}

internal sealed class ApiTokenMapping : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(20);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.AgentId);
    }
}
