using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// A skill definition edited in the admin UI: a new skill, or a built-in one changed or switched off. It overrides the
/// built-in definition of the same name; deleting the row restores the built-in.
/// </summary>
public sealed class StoredSkillDefinition
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The validated definition as JSON (YAML input is stored converted).</summary>
    public string Json { get; set; } = "";
    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class StoredSkillDefinitionMapping : IEntityTypeConfiguration<StoredSkillDefinition>
{
    public void Configure(EntityTypeBuilder<StoredSkillDefinition> b)
    {
        b.ToTable("skill_definitions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(64);
        b.Property(s => s.UpdatedBy).HasMaxLength(200);
        b.HasIndex(s => s.Name).IsUnique();
    }
}
