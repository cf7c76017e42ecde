using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Concierge.Features.Channels;

/// <summary>
/// Inboxes by id for the message path: every customer message needs its inbox (bot on? roll-out, thresholds, VIP rules),
/// and reading the row each time was one query per turn for data that changes a few times a year. Saving an inbox through
/// <see cref="ConciergeDb"/> forgets it here at once; the short expiry bounds what another server node may still hold.
/// The cached inbox is detached and shared: read it, never change it (load it from the database to edit).
/// </summary>
public sealed class InboxDirectory(IMemoryCache cache)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    public async Task<Inbox?> Find(ConciergeDb db, Guid id, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(id), out Inbox? inbox)) return inbox;
        inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && !i.IsArchived, ct);
        if (inbox is not null) cache.Set(Key(id), inbox, Expiry);
        return inbox;
    }

    public void Forget(Guid id) => cache.Remove(Key(id));

    private static string Key(Guid id) => "inbox:" + id.ToString("N");
}
