namespace Concierge.Platform.Data;

/// <summary>
/// Serialises writes to one customer's conversations inside this process, so concurrent deliveries (a retry racing the
/// original, the widget and the API at once) queue up instead of fighting over the concurrency token. Across nodes the
/// database's unique indexes and the conversation's concurrency token still guarantee correctness.
/// </summary>
public sealed class WriteLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 512).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> Acquire(Guid inboxId, Guid contactId, CancellationToken ct)
    {
        var stripe = _stripes[(uint)HashCode.Combine(inboxId, contactId) % (uint)_stripes.Length];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim s) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) s.Release(); }
    }
}
