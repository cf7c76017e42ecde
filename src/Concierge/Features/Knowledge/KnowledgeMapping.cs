using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Knowledge;

internal sealed class KnowledgeItemMapping : IEntityTypeConfiguration<KnowledgeItem>
{
    public void Configure(EntityTypeBuilder<KnowledgeItem> b)
    {
        b.ToTable("knowledge_items");
        b.HasKey(k => k.Id);
        b.Property(k => k.Key).HasMaxLength(200);
        b.Property(k => k.Category).HasMaxLength(100);
        b.Property(k => k.Tags).HasMaxLength(1000);
        b.Property(k => k.ProductLine).HasMaxLength(100);
        b.Property(k => k.Owner).HasMaxLength(200);
        b.HasIndex(k => k.Key).IsUnique();
        b.HasIndex(k => k.Status);
        b.HasMany(k => k.Phrasings).WithOne().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(k => k.Answers).WithOne().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(k => k.Phrasings).HasField("_phrasings").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(k => k.Answers).HasField("_answers").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(k => k.StandardQuestion);
    }
}

internal sealed class KnowledgePhrasingMapping : IEntityTypeConfiguration<KnowledgePhrasing>
{
    public void Configure(EntityTypeBuilder<KnowledgePhrasing> b)
    {
        b.ToTable("knowledge_phrasings");
        b.HasKey(p => p.Id);
        // Ids are made in code; without this EF would take a new phrasing added to a loaded FAQ for an existing row.
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Text).HasMaxLength(1000);
        b.Property(p => p.Language).HasMaxLength(8);
        b.Property(p => p.Source).HasMaxLength(20);
        b.HasIndex(p => p.ItemId);
    }
}

internal sealed class KnowledgeAnswerMapping : IEntityTypeConfiguration<KnowledgeAnswer>
{
    public void Configure(EntityTypeBuilder<KnowledgeAnswer> b)
    {
        b.ToTable("knowledge_answers");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Language).HasMaxLength(8);
        b.Property(a => a.Channel).HasMaxLength(32);
        b.HasIndex(a => a.ItemId);
    }
}
