namespace Concierge.Platform.Events;

/// <summary>Something that happened in the domain. Raised by aggregates, dispatched after the transaction commits.</summary>
public interface IDomainEvent;

/// <summary>
/// A reaction to <typeparamref name="TEvent"/> (real-time push, webhooks, SLA clocks, reporting …). One class per concern.
/// Handlers run after commit, so they can rely on the data being durable; a handler that fails is logged and never undoes
/// the commit — slow or retryable work belongs in a job.
/// </summary>
public interface IEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task Handle(TEvent @event, CancellationToken ct);
}

/// <summary>Implemented by aggregates that raise events.</summary>
public interface IHasEvents
{
    IReadOnlyList<IDomainEvent> Events { get; }
    void ClearEvents();
}

public abstract class Aggregate : IHasEvents
{
    private readonly List<IDomainEvent> _events = [];
    IReadOnlyList<IDomainEvent> IHasEvents.Events => _events;
    void IHasEvents.ClearEvents() => _events.Clear();
    protected void Raise(IDomainEvent @event) => _events.Add(@event);
}
