using Concierge.Features.Contacts;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Channels;

/// <summary>
/// Delivers stored replies through their inbox's channel. The message row is the outbox: it stays "pending" until the
/// adapter confirms, so a crash between commit and delivery only delays it (see <see cref="RetryPendingDeliveries"/>).
/// </summary>
public sealed class DeliverReplies(ConciergeDb db, ChannelAdapters adapters, ILogger<DeliverReplies> log) : IEventHandler<ReplySent>
{
    public const int MaxAttempts = 8;

    public Task Handle(ReplySent @event, CancellationToken ct) => @event.NeedsDelivery ? Deliver(@event.MessageId, ct) : Task.CompletedTask;

    public async Task Deliver(Guid messageId, CancellationToken ct)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null || message.DeliveryStatus != DeliveryStatus.Pending) return;
        var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == message.InboxId, ct);
        var externalId = await db.Set<Contact>().Where(c => c.Id == message.ContactId).Select(c => c.ExternalId).FirstOrDefaultAsync(ct);

        var adapter = adapters.Find(inbox.Channel);
        DeliveryOutcome outcome;
        if (adapter is null)
        {
            outcome = new DeliveryOutcome(false, $"No channel adapter for '{inbox.Channel}'.", Retry: false);
        }
        else
        {
            try
            {
                outcome = await adapter.Send(new OutboundMessage(inbox, MessageView.Of(message), externalId), ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = new DeliveryOutcome(false, ex.Message);
            }
        }

        if (outcome.Delivered) message.MarkDelivered();
        else
        {
            message.MarkDeliveryFailed(outcome.Error ?? "delivery failed", final: !outcome.Retry || message.DeliveryAttempts + 1 >= MaxAttempts);
            log.LogWarning("Delivery of message {MessageId} via {Channel} failed (attempt {Attempt}): {Error}",
                message.Id, inbox.Channel, message.DeliveryAttempts, outcome.Error);
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Retries replies still pending (the process stopped before delivery, or the channel was down), with backoff.</summary>
public sealed class RetryPendingDeliveries(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetryPendingDeliveries> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnce(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retrying pending deliveries failed");
            }
        }
    }

    public async Task<int> RunOnce(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        var deliver = scope.ServiceProvider.GetRequiredService<DeliverReplies>();
        var now = clock.GetUtcNow();
        var candidates = await db.Messages.AsNoTracking()
            .Where(m => m.DeliveryStatus == DeliveryStatus.Pending && m.Direction == MessageDirection.Outbound)
            .OrderBy(m => m.CreatedAt).Take(100)
            .Select(m => new { m.Id, m.CreatedAt, m.DeliveryAttempts }).ToListAsync(ct);
        var due = candidates.Where(m => now - m.CreatedAt >= Backoff(m.DeliveryAttempts)).ToList();
        foreach (var m in due) await deliver.Deliver(m.Id, ct);
        return due.Count;
    }

    /// <summary>5 s, 10 s, 20 s … capped at 30 minutes after the message was written.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempts), 1800));
}
