namespace Concierge.Nlp.Text;

/// <summary>
/// Repairs input-method typos in a query against a vocabulary of known texts (a knowledge base's phrasings, an intent
/// model's training examples). A customer typing pinyin picks a wrong character of the right sound far more often than
/// a wrong sound: 退宽 for 退款, 发漂 for 发票, 还没乏货 for 还没发货. Where two adjacent Chinese characters never occur
/// together in the vocabulary but a pair that sounds the same (fuzzy pinyin, <see cref="ChinesePinyin"/>) does, the
/// query takes the known pair — if all of these hold, which is what keeps ordinary text the vocabulary simply lacks as
/// typed (measured on clean test sets: SMP2017 and the demo knowledge base unchanged, 16 of 3,000 LCQMC questions
/// touched):
/// <list type="bullet">
/// <item>exactly one character changes (a typo replaces a character, not a word);</item>
/// <item>the replaced character does not already form a known pair with its other neighbour;</item>
/// <item>as typed, the character is a word of its own in the dictionary segmentation (孙俪, 中信 and 静夜思 are words,
/// so names and titles stay), and after the repair it is part of a longer word (退款);</item>
/// <item>the repaired run is clearly more word-like under the segmenter's dictionary model (log probability higher by
/// <see cref="Margin"/>), so a rare but correct character (怎么宰) is not traded for a common one.</item>
/// </list>
/// Immutable and thread-safe.
/// </summary>
internal sealed class HomophoneCorrector
{
    /// <summary>How much likelier (natural log) the repaired run must segment than the typed one.</summary>
    internal const double Margin = 2.0;

    // Characters either side of the changed one that take part in the likelihood comparison.
    private const int Context = 3;

    private readonly Dictionary<uint, int> _counts;        // character pairs of the vocabulary (c1 << 16 | c2) → occurrences
    private readonly Dictionary<uint, uint> _bySound;      // sound pair → the vocabulary's most frequent pair with it

    private HomophoneCorrector(Dictionary<uint, int> counts)
    {
        _counts = counts;
        var best = new Dictionary<uint, (uint Pair, int Count)>();
        Span<uint> sounds = stackalloc uint[4];
        foreach (var (pair, count) in counts)
        {
            // Under every reading of the pair (还没 as huan-mei and hai-mei).
            foreach (var sound in SoundPairs((char)(pair >> 16), (char)(pair & 0xFFFF), sounds))
                // Most frequent pair wins; ties go to the lower code point so the result does not depend on dictionary order.
                if (!best.TryGetValue(sound, out var b) || count > b.Count || count == b.Count && pair < b.Pair) best[sound] = (pair, count);
        }
        _bySound = best.ToDictionary(p => p.Key, p => p.Value.Pair);
    }

    /// <summary>An empty vocabulary corrects nothing.</summary>
    public static HomophoneCorrector Empty { get; } = new([]);

    /// <summary>Number of distinct character pairs learned.</summary>
    public int PairCount => _counts.Count;

    /// <summary>Learns the character pairs of <paramref name="normalizedTexts"/> (output of <see cref="TextNormalizer.Normalize"/>).</summary>
    public static HomophoneCorrector Build(IEnumerable<string> normalizedTexts)
    {
        var counts = new Dictionary<uint, int>();
        foreach (var text in normalizedTexts)
            for (var i = 0; i + 1 < text.Length; i++)
                if (ChinesePinyin.SoundOf(text[i]) > 0 && ChinesePinyin.SoundOf(text[i + 1]) > 0)
                {
                    var pair = Pair(text[i], text[i + 1]);
                    counts[pair] = counts.GetValueOrDefault(pair) + 1;
                }
        return counts.Count == 0 ? Empty : new HomophoneCorrector(counts);
    }

    /// <summary>The corrected text, or <paramref name="normalized"/> itself (same instance) when nothing needed correcting.</summary>
    public string Correct(string normalized)
    {
        if (_counts.Count == 0) return normalized;
        char[]? text = null;
        Span<uint> sounds = stackalloc uint[4];
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            ReadOnlySpan<char> s = text ?? normalized.AsSpan();
            char a = s[i], b = s[i + 1];
            if (ChinesePinyin.SoundOf(a) == 0 || ChinesePinyin.SoundOf(b) == 0 || _counts.ContainsKey(Pair(a, b))) continue;
            // The typed pair under each of its readings; the first known pair that passes the tests is taken.
            foreach (var sound in SoundPairs(a, b, sounds))
            {
                if (!_bySound.TryGetValue(sound, out var fix)) continue;
                char fa = (char)(fix >> 16), fb = (char)(fix & 0xFFFF);
                int at; char with;
                if (fa == a && fb != b && !KnownWith(s, i + 1, i + 2)) (at, with) = (i + 1, fb);
                else if (fb == b && fa != a && !KnownWith(s, i - 1, i)) (at, with) = (i, fa);
                else continue;
                if (!MoreWordLike(s, at, with)) continue;
                text ??= normalized.ToCharArray();
                text[at] = with;
                break;
            }
        }
        return text is null ? normalized : new string(text);
    }

    // Whether s[x] s[y] is a known pair (false when either index is outside the text).
    private bool KnownWith(ReadOnlySpan<char> s, int x, int y) => x >= 0 && y < s.Length && _counts.ContainsKey(Pair(s[x], s[y]));

    // The dictionary tests of the class summary, on the Chinese run around `at` (up to Context characters each side).
    private static bool MoreWordLike(ReadOnlySpan<char> s, int at, char with)
    {
        int from = at, to = at + 1;
        while (from > 0 && at - from < Context && ChinesePinyin.SoundOf(s[from - 1]) > 0) from--;
        while (to < s.Length && to - at <= Context && ChinesePinyin.SoundOf(s[to]) > 0) to++;
        Span<char> run = stackalloc char[to - from];
        s[from..to].CopyTo(run);
        var words = Segmenter.Default;
        var before = words.PathLogProb(run, at - from, out var single);
        if (!single) return false;
        run[at - from] = with;
        var after = words.PathLogProb(run, at - from, out var stillSingle);
        return !stillSingle && after - before >= Margin;
    }

    private static uint Pair(char a, char b) => (uint)a << 16 | b;

    // The sound pairs of two characters: first readings first, then with either one's second reading.
    private static Span<uint> SoundPairs(char a, char b, Span<uint> into)
    {
        int a1 = ChinesePinyin.SoundOf(a), b1 = ChinesePinyin.SoundOf(b), a2 = ChinesePinyin.SecondSoundOf(a), b2 = ChinesePinyin.SecondSoundOf(b);
        var n = 0;
        into[n++] = Pair((char)a1, (char)b1);
        if (a2 > 0) into[n++] = Pair((char)a2, (char)b1);
        if (b2 > 0) into[n++] = Pair((char)a1, (char)b2);
        if (a2 > 0 && b2 > 0) into[n++] = Pair((char)a2, (char)b2);
        return into[..n];
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_counts.Count);
        foreach (var (pair, count) in _counts.OrderBy(p => p.Key)) { w.Write(pair); w.Write(count); }
    }

    public static HomophoneCorrector Read(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException("Corrupt homophone table.");
        var counts = new Dictionary<uint, int>(n);
        for (var i = 0; i < n; i++) counts[r.ReadUInt32()] = r.ReadInt32();
        return n == 0 ? Empty : new HomophoneCorrector(counts);
    }
}
