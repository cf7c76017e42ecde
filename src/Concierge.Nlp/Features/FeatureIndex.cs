using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Concierge.Nlp.Features;

/// <summary>
/// Read-only open-addressing map from a 64-bit n-gram hash to a dense feature id, packed as one 8-byte slot
/// (32-bit fingerprint, id) so a probe costs one cache line. Prediction does hundreds of lookups into a table
/// larger than L2, so <see cref="LookupMany"/> prefetches every slot before probing.
/// </summary>
internal sealed class FeatureIndex
{
    private readonly ulong[] _slots;
    private readonly ulong[] _keys; // id → original key, for saving
    private readonly int _mask;

    public int Count => _keys.Length;

    /// <summary><paramref name="keys"/>[i] gets id i. Keys must be distinct.</summary>
    public FeatureIndex(IReadOnlyList<ulong> keys)
    {
        _keys = keys.ToArray();
        var capacity = 16;
        while (capacity < keys.Count * 2) capacity <<= 1;
        _slots = new ulong[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < _keys.Length; i++)
        {
            var slot = (int)(_keys[i] & (ulong)_mask);
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = Pack(_keys[i], i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ulong key, int id) => (key & 0xFFFFFFFF00000000UL) | (uint)(id + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ulong key, out int id)
    {
        var slot = (int)(key & (ulong)_mask);
        var fp = key & 0xFFFFFFFF00000000UL;
        while (true)
        {
            var s = _slots[slot];
            if (s == 0) { id = -1; return false; }
            if ((s & 0xFFFFFFFF00000000UL) == fp) { id = (int)(uint)s - 1; return true; }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Writes the ids of the known keys into <paramref name="ids"/> and returns how many were known.</summary>
    public unsafe int LookupMany(ReadOnlySpan<ulong> keys, Span<int> ids)
    {
        if (Sse.IsSupported)
        {
            fixed (ulong* p = _slots)
                foreach (var k in keys) Sse.Prefetch0(p + (int)(k & (ulong)_mask));
        }
        var n = 0;
        foreach (var k in keys)
            if (TryGet(k, out var id)) ids[n++] = id;
        return n;
    }

    public ulong KeyOf(int id) => _keys[id];
}
