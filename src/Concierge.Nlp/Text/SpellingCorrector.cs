namespace Concierge.Nlp.Text;

/// <summary>
/// Repairs English spelling slips in a query against the words of the text a model already knows (a knowledge base's
/// phrasings, an intent model's training examples): "my card hasnt arrivd" reads "arrived" when the vocabulary has it.
/// Character n-grams keep part of a misspelt word, but a one-letter slip still breaks every n-gram across it and the
/// word itself; on BANKING77 questions given one slip each, accuracy fell from 92.4 to 90.0 %.
/// A word is changed only when all of these hold, which keeps ordinary text as typed:
/// <list type="bullet">
/// <item>it has at least <see cref="MinLength"/> letters, is neither in the vocabulary nor a real English word (SCOWL, size
/// 70 — a real word the vocabulary lacks, such as "population" in a banking bot, is a different topic, not a slip), and
/// touches no digit or apostrophe ("didn't", "a4", order codes);</item>
/// <item>a vocabulary word of at least <see cref="MinLength"/> letters is one edit away (a letter dropped, added,
/// replaced or two neighbours swapped) — the most frequent such word wins, ties by ordinal order.</item>
/// </list>
/// Lookups use the symmetric-delete scheme (each vocabulary word is indexed under itself and every one-letter deletion),
/// so a correction costs a few dictionary probes. Immutable and thread-safe.
/// </summary>
internal sealed class SpellingCorrector
{
    /// <summary>Shorter words are left alone: at three letters nearly every slip is another word.</summary>
    internal const int MinLength = 4;

    // "Is this a known word" is asked of every word of every query: answered from 64-bit hashes (a collision could only
    // skip a correction, never make one).
    private static readonly Lazy<HashSet<ulong>> EnglishWords = new(() =>
    {
        var words = new HashSet<ulong>();
        foreach (var line in EmbeddedData.Lines(EmbeddedData.ReadAllText("english-words.txt.gz")))
            if (!line.IsEmpty && line[0] != '#') words.Add(Hash(line));
        return words;
    });

    private readonly Dictionary<string, int> _counts;                 // vocabulary word → occurrences
    private readonly HashSet<ulong> _known;                           // hashes of the vocabulary words
    private readonly Dictionary<string, string[]> _byDeletion;        // word or one-letter deletion → vocabulary words
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _byDeletionBySpan;

    private SpellingCorrector(Dictionary<string, int> counts)
    {
        _counts = counts;
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var word in counts.Keys.Order(StringComparer.Ordinal))
        {
            if (word.Length < MinLength) continue;
            Add(index, word, word);
            for (var i = 0; i < word.Length; i++) Add(index, string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)), word);
        }
        _byDeletion = index.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _byDeletionBySpan = _byDeletion.GetAlternateLookup<ReadOnlySpan<char>>();
        _known = [.. counts.Keys.Select(k => Hash(k))];

        static void Add(Dictionary<string, List<string>> index, string key, string word)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            if (list.Count == 0 || list[^1] != word) list.Add(word);
        }
    }

    /// <summary>An empty vocabulary corrects nothing.</summary>
    public static SpellingCorrector Empty { get; } = new([]);

    /// <summary>Number of distinct words learned.</summary>
    public int WordCount => _counts.Count;

    /// <summary>Learns the words of <paramref name="normalizedTexts"/> (output of <see cref="TextNormalizer.Normalize"/>).</summary>
    public static SpellingCorrector Build(IEnumerable<string> normalizedTexts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in normalizedTexts)
            foreach (var (start, length) in Words(text))
            {
                var word = text.Substring(start, length);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        return new SpellingCorrector(counts);
    }

    /// <summary>
    /// <paramref name="normalized"/> with its slips repaired, or the same instance when nothing changes (most text, and
    /// always for a model that learned no English words).
    /// </summary>
    public string Correct(string normalized)
    {
        if (_counts.Count == 0) return normalized;
        System.Text.StringBuilder? repaired = null;
        var copied = 0;
        for (var i = 0; i < normalized.Length;)
        {
            if (normalized[i] is < 'a' or > 'z') { i++; continue; }
            var start = i;
            while (i < normalized.Length && normalized[i] is >= 'a' and <= 'z') i++;
            var length = i - start;
            if (length < MinLength || !Correctable(normalized, start, length)) continue;
            var word = normalized.AsSpan(start, length);
            var hash = Hash(word);
            if (_known.Contains(hash) || EnglishWords.Value.Contains(hash)) continue;
            if (Best(word) is not { } best) continue;
            repaired ??= new System.Text.StringBuilder(normalized.Length + 8);
            repaired.Append(normalized, copied, start - copied).Append(best);
            copied = start + length;
        }
        if (repaired is null) return normalized;
        return repaired.Append(normalized, copied, normalized.Length - copied).ToString();
    }

    // The most frequent vocabulary word one edit from `typed`: candidates share the word itself or one of its one-letter
    // deletions with a vocabulary word's, and are then checked for a true single edit.
    private string? Best(ReadOnlySpan<char> typed)
    {
        string? best = null;
        var bestCount = 0;
        Span<char> deletion = stackalloc char[typed.Length];
        for (var i = -1; i < typed.Length; i++)
        {
            scoped ReadOnlySpan<char> key;
            if (i < 0) key = typed;
            else
            {
                typed[..i].CopyTo(deletion);
                typed[(i + 1)..].CopyTo(deletion[i..]);
                key = deletion[..(typed.Length - 1)];
            }
            if (!_byDeletionBySpan.TryGetValue(key, out var words)) continue;
            foreach (var w in words)
            {
                if (!OneEdit(typed, w)) continue;
                var count = _counts[w];
                if (count > bestCount || count == bestCount && string.CompareOrdinal(w, best) < 0) { best = w; bestCount = count; }
            }
        }
        return best;
    }

    /// <summary>Whether <paramref name="a"/> becomes <paramref name="b"/> by one insertion, deletion, substitution or swap of neighbours.</summary>
    internal static bool OneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b) || Math.Abs(a.Length - b.Length) > 1) return false;
        var p = 0;
        while (p < a.Length && p < b.Length && a[p] == b[p]) p++;
        if (a.Length == b.Length)
        {
            if (a[(p + 1)..].SequenceEqual(b[(p + 1)..])) return true;                       // substitution
            return p + 1 < a.Length && a[p] == b[p + 1] && a[p + 1] == b[p] && a[(p + 2)..].SequenceEqual(b[(p + 2)..]); // swap
        }
        return a.Length > b.Length ? a[(p + 1)..].SequenceEqual(b[p..]) : a[p..].SequenceEqual(b[(p + 1)..]);
    }

    private static ulong Hash(ReadOnlySpan<char> word) => Features.FeatureHash.Of(word, 0x454E47);

    // Runs of ASCII letters (the text is normalised: lower case, full-width folded).
    private static IEnumerable<(int Start, int Length)> Words(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (text[i] is < 'a' or > 'z') { i++; continue; }
            var start = i;
            while (i < text.Length && text[i] is >= 'a' and <= 'z') i++;
            yield return (start, i - start);
        }
    }

    // A word glued to digits, an apostrophe or other alphabets is a code, a contraction or a name, not a slip (Chinese
    // around it is fine: "我的cardd没到").
    private static bool Correctable(string text, int start, int length)
    {
        static bool Glue(char c) => char.IsDigit(c) || c is '\'' or '’' or '_' || char.IsLetter(c) && !CharClass.IsHan(c);
        return (start == 0 || !Glue(text[start - 1])) && (start + length == text.Length || !Glue(text[start + length]));
    }

    /// <summary>Writes the vocabulary (words and counts).</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(_counts.Count);
        foreach (var (word, count) in _counts.OrderBy(p => p.Key, StringComparer.Ordinal)) { w.Write(word); w.Write(count); }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static SpellingCorrector Read(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException("Corrupt spelling vocabulary.");
        var counts = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) counts[r.ReadString()] = r.ReadInt32();
        return new SpellingCorrector(counts);
    }
}
