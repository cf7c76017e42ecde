using Concierge.Features.Contacts;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Channels.Web;

/// <summary>
/// Works out which contact a widget visitor is: a verified site user (external id + valid HMAC) wins; else the contact in a
/// valid visitor token for this inbox; else, when asked to, a new anonymous visitor.
/// </summary>
internal sealed class ResolveWidgetVisitor(ConciergeDb db, VisitorTokens tokens, TimeProvider clock)
{
    public async Task<Result<Guid?>> Handle(Inbox inbox, string? token, WidgetEndpoints.UserIdentity? user, bool createIfMissing, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(user?.ExternalId))
        {
            var externalId = user.ExternalId.Trim();
            if (externalId.Length > 200) return Result<Guid?>.From(Result.Invalid("user.externalId", "user.externalId is longer than 200 characters."));
            var expected = Secrets.HmacHex(inbox.IdentitySecret, externalId);
            if (string.IsNullOrEmpty(user.Hash) || !Secrets.FixedTimeEquals(expected, user.Hash.Trim().ToLowerInvariant()))
                return Result<Guid?>.From(Result.Invalid("user.hash", "The user's identity hash does not match (HMAC-SHA256 of the external id with the inbox's identity secret)."));
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.ExternalId == externalId, ct);
            if (contact is null)
            {
                contact = Contact.Create(externalId, user.Name, user.Email, clock.GetUtcNow());
                db.Contacts.Add(contact);
            }
            else contact.Update(user.Name, user.Email, null);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                contact = await db.Contacts.FirstAsync(c => c.ExternalId == externalId, ct);
            }
            return Result<Guid?>.Ok(contact.Id);
        }

        if (tokens.TryRead(token, out var tokenInbox, out var contactId) && tokenInbox == inbox.Id &&
            await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
        {
            return Result<Guid?>.Ok(contactId);
        }
        if (!createIfMissing) return Result<Guid?>.Ok(null);

        var visitor = Contact.Create(null, null, null, clock.GetUtcNow());
        db.Contacts.Add(visitor);
        await db.SaveChangesAsync(ct);
        return Result<Guid?>.Ok(visitor.Id);
    }
}
