using System.Runtime.CompilerServices;

namespace Concierge.Nlp.Features;

/// <summary>Cheap, stable 64-bit hashing of characters and tokens (span based, no allocation).</summary>
internal static class FeatureHash
{
    private const ulong Prime = 0x100000001B3UL;
    private const ulong Offset = 0xCBF29CE484222325UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Start(ulong seed) => Offset ^ (seed * 0x9E3779B97F4A7C15UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong h, char c) => (h ^ c) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong h)
    {
        // splitmix64 finaliser: spreads FNV's weak low bits.
        h ^= h >> 30; h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27; h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    public static ulong Of(ReadOnlySpan<char> text, ulong seed)
    {
        var h = Start(seed);
        foreach (var c in text) h = Add(h, c);
        return Finish(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b, ulong seed) => Finish(a * 31 + b + seed * 0x9E3779B97F4A7C15UL);
}
