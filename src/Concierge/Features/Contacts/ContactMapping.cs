using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concierge.Features.Contacts;

internal sealed class ContactMapping : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.HasKey(c => c.Id);
        b.Property(c => c.ExternalId).HasMaxLength(200);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Phone).HasMaxLength(50);
        b.HasIndex(c => c.ExternalId).IsUnique();
        // 0002: agents search customers by email and name.
        b.HasIndex(c => c.Email);
        b.HasIndex(c => c.Name);
        b.Ignore(c => c.DisplayName);
        b.Ignore(c => c.VipLevel);
    }
}
