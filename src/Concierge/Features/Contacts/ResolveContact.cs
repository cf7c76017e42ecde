using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Contacts;

/// <summary>
/// Finds or creates the contact behind an inbound message: by a known contact id (signed widget visitor), by the company's
/// external user id (one customer across channels), or a new anonymous visitor.
/// </summary>
public sealed class ResolveContact(ConciergeDb db, TimeProvider clock)
{
    /// <param name="save">False when the caller saves the contact with its own changes (one transaction per message).</param>
    public async Task<Result<Contact>> Handle(Guid? contactId, ReceiveMessage.CustomerInfo? info, CancellationToken ct, bool save = true)
    {
        var now = clock.GetUtcNow();
        Contact? contact = null;
        if (contactId is { } id)
        {
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (contact is null) return Result<Contact>.From(Result.NotFound("The visitor is unknown; start a new session."));
        }
        else if (!string.IsNullOrWhiteSpace(info?.ExternalId))
        {
            var externalId = info.ExternalId.Trim();
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.ExternalId == externalId, ct);
            if (contact is null)
            {
                contact = Contact.Create(externalId, info.Name, info.Email, now);
                db.Contacts.Add(contact);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // The same customer arrived on two channels at the same moment: use the row the other request wrote.
                    db.ChangeTracker.Clear();
                    contact = await db.Contacts.FirstAsync(c => c.ExternalId == externalId, ct);
                }
            }
        }
        else
        {
            if (info is null) return Result<Contact>.From(Result.Invalid("customer", "customer is required (at least customer.externalId)."));
            contact = Contact.Create(null, info.Name, info.Email, now);
            db.Contacts.Add(contact);
        }

        contact.Update(info?.Name, info?.Email, info?.Phone);
        if (info?.Attributes is { Count: > 0 } attributes) contact.MergeAttributes(attributes);
        // "Last seen" to the minute is enough; not rewriting the row on every message saves a write per turn.
        if (now - contact.LastSeenAt >= TimeSpan.FromMinutes(1)) contact.Seen(now);
        if (save) await db.SaveChangesAsync(ct);
        return Result<Contact>.Ok(contact);
    }
}
