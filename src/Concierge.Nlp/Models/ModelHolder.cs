namespace Concierge.Nlp.Models;

/// <summary>
/// Holds the current trained model. Readers take <see cref="Current"/> once per request and keep using that instance;
/// retraining builds a new immutable model off to the side and <see cref="Swap"/> publishes it atomically.
/// </summary>
/// <typeparam name="T">An immutable, thread-safe model type.</typeparam>
public sealed class ModelHolder<T>(T initial) where T : class
{
    private T _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <summary>The model in force now.</summary>
    public T Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="next"/> and returns the model it replaced.</summary>
    public T Swap(T next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
