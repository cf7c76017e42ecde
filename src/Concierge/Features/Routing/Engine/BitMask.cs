using System.Numerics;

namespace Concierge.Features.Routing.Engine;

/// <summary>
/// A set of small integers (interned skills, teams, inboxes). The first 64 live in one word so the usual case — a few
/// dozen skills — is a single AND per test with no allocation; more spill into an array and stay correct.
/// </summary>
internal readonly struct BitMask
{
    private readonly ulong _low;
    private readonly ulong[]? _high;   // bits 64…; null when none are set, so equality of "empty" is cheap

    private BitMask(ulong low, ulong[]? high) => (_low, _high) = (low, high);

    public bool IsEmpty => _low == 0 && _high is null;

    public static BitMask Of(ReadOnlySpan<int> bits)
    {
        ulong low = 0;
        ulong[]? high = null;
        foreach (var bit in bits)
        {
            if (bit < 64) { low |= 1UL << bit; continue; }
            var word = (bit >> 6) - 1;
            if (high is null || high.Length <= word) Array.Resize(ref high, word + 1);
            high[word] |= 1UL << (bit & 63);
        }
        return new BitMask(low, high);
    }

    public bool Has(int bit)
    {
        if (bit < 64) return (_low & (1UL << bit)) != 0;
        var word = (bit >> 6) - 1;
        return _high is not null && word < _high.Length && (_high[word] & (1UL << (bit & 63))) != 0;
    }

    /// <summary>Every bit of <paramref name="required"/> is set here.</summary>
    public bool ContainsAll(in BitMask required)
    {
        if ((required._low & ~_low) != 0) return false;
        if (required._high is not { } need) return true;
        for (var i = 0; i < need.Length; i++)
        {
            var have = _high is not null && i < _high.Length ? _high[i] : 0UL;
            if ((need[i] & ~have) != 0) return false;
        }
        return true;
    }

    public int Count
    {
        get
        {
            var n = BitOperations.PopCount(_low);
            if (_high is not null) foreach (var w in _high) n += BitOperations.PopCount(w);
            return n;
        }
    }
}

/// <summary>Interns names (skills, teams) to small integers, case-insensitively, for <see cref="BitMask"/>.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _ids.Count;

    public int Intern(string name)
    {
        name = name.Trim();
        if (_ids.TryGetValue(name, out var id)) return id;
        id = _ids.Count;
        _ids.Add(name, id);
        return id;
    }

    public BitMask MaskOf(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0) return default;
        Span<int> bits = names.Count <= 32 ? stackalloc int[names.Count] : new int[names.Count];
        var n = 0;
        foreach (var name in names)
            if (!string.IsNullOrWhiteSpace(name)) bits[n++] = Intern(name);
        return BitMask.Of(bits[..n]);
    }
}
