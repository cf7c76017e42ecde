using System.Collections.Concurrent;

namespace Concierge.Platform.Data;

/// <summary>
/// One writer at a time per SQLite database file, queued asynchronously inside the process.
/// SQLite allows a single writer; when two transactions collide, Microsoft.Data.Sqlite retries the loser by blocking its
/// thread in 150 ms sleeps. Under load that turned the bot's turn into a ~1 s wait while the CPU idled (measured with
/// dotnet-trace: 90 % of a turn's wall time was Thread.Sleep inside SaveChanges). Queuing writers here instead costs
/// nothing when there is no contention and keeps thread-pool threads free. PostgreSQL has row locks and needs no gate.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the database's write turn; dispose the result to give it up.</summary>
    public static async ValueTask<IDisposable> Enter(string databaseKey, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(databaseKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release(); }
    }
}
