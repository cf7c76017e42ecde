using Concierge.Features.Agents;
using Concierge.Features.Channels;
using Concierge.Features.Contacts;
using Concierge.Features.Conversations;
using Concierge.Platform.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Concierge.Platform.Data;

/// <summary>
/// The one DbContext. Use it directly from use cases and project queries into view records.
/// Domain events raised by aggregates are dispatched after <see cref="SaveChangesAsync(CancellationToken)"/> commits.
/// </summary>
public sealed class ConciergeDb(DbContextOptions<ConciergeDb> options, EventDispatcher dispatcher, InboxDirectory? inboxes = null)
    : IdentityDbContext<Agent, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Inbox> Inboxes => Set<Inbox>();
    public DbSet<InboxMember> InboxMembers => Set<InboxMember>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Agent> Agents => Set<Agent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ConciergeDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset values in SQL; store UTC ticks there so that queries such as
        // "conversations by last activity" run in the database. PostgreSQL keeps its native timestamptz.
        if (Database.IsSqlite())
        {
            builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var raisers = ChangeTracker.Entries<IHasEvents>().Select(e => e.Entity).ToList();
        int result = 0;
        // Nothing to write (a lookup that changed nothing): do not queue for the write turn.
        if (ChangeTracker.HasChanges())
        {
            var changedInboxes = ChangeTracker.Entries<Inbox>().Where(e => e.State != EntityState.Unchanged).Select(e => e.Entity.Id).ToList();
            if (Database.CurrentTransaction is not null || !Database.IsSqlite())
            {
                // Inside an explicit transaction the caller already holds the write turn (see EnterWrite).
                result = await base.SaveChangesAsync(cancellationToken);
            }
            else
            {
                // Everything that needs no lock happens before taking the single write turn, so it is held only for the
                // writing itself: open the pooled connection and find the changes first (HasChanges just did).
                await Database.OpenConnectionAsync(cancellationToken);
                var detect = ChangeTracker.AutoDetectChangesEnabled;
                try
                {
                    ChangeTracker.AutoDetectChangesEnabled = false;
                    using (await EnterWrite(cancellationToken))
                        result = await base.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    ChangeTracker.AutoDetectChangesEnabled = detect;
                    await Database.CloseConnectionAsync();
                }
            }
            foreach (var id in changedInboxes) inboxes?.Forget(id);
        }
        if (Database.CurrentTransaction is null) await DispatchEvents(raisers, cancellationToken);
        return result;
    }

    /// <summary>
    /// Takes this database's write turn on SQLite (a no-op on PostgreSQL). SaveChanges does it itself; wrap bulk writes
    /// (ExecuteUpdate/ExecuteDelete) and explicit transactions in it. Never dispatch events or call other use cases inside.
    /// </summary>
    public async ValueTask<IDisposable?> EnterWrite(CancellationToken ct) =>
        Database.IsSqlite() ? await SqliteWriteGate.Enter(_writeKey ??= Database.GetConnectionString() ?? "", ct) : null;

    private string? _writeKey;

    /// <summary>Dispatches events collected since the last dispatch; call after committing an explicit transaction.</summary>
    public Task DispatchPendingEvents(CancellationToken ct) =>
        DispatchEvents(ChangeTracker.Entries<IHasEvents>().Select(e => e.Entity).ToList(), ct);

    private async Task DispatchEvents(List<IHasEvents> raisers, CancellationToken ct)
    {
        var events = raisers.SelectMany(r => r.Events).ToList();
        foreach (var r in raisers) r.ClearEvents();
        if (events.Count > 0) await dispatcher.Dispatch(events, ct);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
