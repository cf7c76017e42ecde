using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Concierge.Platform.Realtime;

/// <summary>A live notification for open screens and widgets. Never the source of truth: receivers re-read the database.</summary>
public abstract record LiveEvent(Guid InboxId, Guid ConversationId);

/// <summary>
/// The one in-process event feed that every live screen (agent inbox, supervisor view) and every widget socket listens to.
/// It is an interface so it can later be carried across nodes (PostgreSQL LISTEN/NOTIFY or a broker) without touching
/// producers or consumers.
/// </summary>
public interface ILiveFeed
{
    void Publish(LiveEvent @event);
    /// <summary>Subscribe; dispose the returned handle to stop. Slow subscribers drop old events rather than block publishers.</summary>
    LiveSubscription Subscribe(Func<LiveEvent, bool>? filter = null);
}

public sealed class LiveSubscription(ChannelReader<LiveEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<LiveEvent> Reader { get; } = reader;
    public void Dispose() => unsubscribe();
}

internal sealed class InProcessLiveFeed : ILiveFeed
{
    private readonly ConcurrentDictionary<long, (Channel<LiveEvent> Channel, Func<LiveEvent, bool>? Filter)> _subscribers = new();
    private long _next;

    public void Publish(LiveEvent @event)
    {
        foreach (var (channel, filter) in _subscribers.Values)
        {
            if (filter is null || filter(@event)) channel.Writer.TryWrite(@event);
        }
    }

    public LiveSubscription Subscribe(Func<LiveEvent, bool>? filter = null)
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Interlocked.Increment(ref _next);
        _subscribers[id] = (channel, filter);
        return new LiveSubscription(channel.Reader, () =>
        {
            if (_subscribers.TryRemove(id, out var s)) s.Channel.Writer.TryComplete();
        });
    }
}
