using System.Buffers;

namespace Concierge.Nlp.Text;

/// <summary>A pooled char buffer: the normaliser runs on every message, so it must not churn the GC.</summary>
internal ref struct ValueBuilder
{
    private char[]? _rented;
    private Span<char> _buffer;

    public ValueBuilder(Span<char> initial)
    {
        _buffer = initial;
        Length = 0;
    }

    public int Length { get; private set; }

    public readonly char this[int index] => _buffer[index];

    public readonly ReadOnlySpan<char> AsSpan() => _buffer[..Length];

    public void Append(char c)
    {
        if (Length == _buffer.Length) Grow(1);
        _buffer[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> s)
    {
        if (Length + s.Length > _buffer.Length) Grow(s.Length);
        s.CopyTo(_buffer[Length..]);
        Length += s.Length;
    }

    public void RemoveLast() => Length--;

    public override readonly string ToString() => new(_buffer[..Length]);

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
    }

    private void Grow(int extra)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + extra));
        _buffer[..Length].CopyTo(next);
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = next;
        _buffer = next;
    }
}
