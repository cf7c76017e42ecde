using System.Collections.Concurrent;
using System.Reflection;

namespace Concierge.Platform.Events;

/// <summary>Calls every registered <see cref="IEventHandler{TEvent}"/> for each event, in registration order.</summary>
public sealed class EventDispatcher(IServiceProvider services, ILogger<EventDispatcher> log)
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> DispatchMethods = new();
    private static readonly MethodInfo Generic =
        typeof(EventDispatcher).GetMethod(nameof(DispatchTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public async Task Dispatch(IEnumerable<IDomainEvent> events, CancellationToken ct)
    {
        foreach (var @event in events)
        {
            var method = DispatchMethods.GetOrAdd(@event.GetType(), t => Generic.MakeGenericMethod(t));
            await (Task)method.Invoke(this, [@event, ct])!;
        }
    }

    private async Task DispatchTyped<TEvent>(TEvent @event, CancellationToken ct) where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IEventHandler<TEvent>>())
        {
            try
            {
                await handler.Handle(@event, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The data is committed; a failing reaction must not turn a successful request into an error.
                log.LogError(ex, "Event handler {Handler} failed for {Event}", handler.GetType().Name, typeof(TEvent).Name);
            }
        }
    }
}
