using Concierge.Nlp.Features;

namespace Concierge.Nlp.Matching;

/// <summary>Word document frequencies for IDF-weighted overlaps, counted from whatever texts a model trains on.</summary>
internal sealed class WordIdf
{
    private readonly Dictionary<string, float> _idf;
    private readonly float _unknown;

    private WordIdf(Dictionary<string, float> idf, float unknown) { _idf = idf; _unknown = unknown; }

    public float this[string word] => _idf.TryGetValue(word, out var v) ? v : _unknown;

    public static WordIdf Build(IEnumerable<IReadOnlyList<string>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var doc in documents)
        {
            n++;
            foreach (var w in doc.Distinct(StringComparer.Ordinal)) df[w] = df.GetValueOrDefault(w) + 1;
        }
        var idf = new Dictionary<string, float>(df.Count, StringComparer.Ordinal);
        foreach (var (w, d) in df) idf[w] = (float)Math.Log((n + 1.0) / (d + 0.5));
        return new WordIdf(idf, (float)Math.Log((n + 1.0) / 0.5));
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_unknown); w.Write(_idf.Count);
        foreach (var (k, v) in _idf.OrderBy(p => p.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
    }

    public static WordIdf Read(BinaryReader r)
    {
        var unknown = r.ReadSingle(); var n = r.ReadInt32();
        var d = new Dictionary<string, float>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) d[r.ReadString()] = r.ReadSingle();
        return new WordIdf(d, unknown);
    }
}

/// <summary>
/// Similarity features of a question pair — lexical overlaps at character and word level (IDF weighted), edit and
/// substring measures, length ratios, and agreement of numbers, negation and question words — which a learned
/// scorer turns into P(same meaning). None of them memorises a particular text, so the scorer transfers.
/// </summary>
internal static class PairFeatures
{
    public const int Count = 23;

    private static readonly string[] Negations = ["不", "没", "无", "非", "别", "未", "勿", "莫", "not", "no", "never", "dont", "don't", "cannot", "can't", "n't"];
    private static readonly string[] QuestionWords =
        ["什么", "怎么", "怎样", "如何", "为什么", "为何", "哪", "哪里", "哪个", "多少", "几", "谁", "吗", "是否", "能否", "可以", "多久", "多长", "何时", "什么时候",
         "what", "how", "why", "where", "when", "who", "which", "can", "is", "do"];

    public static void Compute(AnalyzedText a, AnalyzedText b, WordIdf idf, float tfidfCosine, Span<float> f) =>
        Compute(PairSide.Of(a), PairSide.Of(b), idf, tfidfCosine, f);

    public static void Compute(PairSide a, PairSide b, WordIdf idf, float tfidfCosine, Span<float> f)
    {
        f[Count - 1] = tfidfCosine;
        var sa = a.Content; var sb = b.Content;
        var i = 0;
        // Character level.
        f[i++] = Dice(a.Grams1, b.Grams1);
        f[i++] = Dice(a.Grams2, b.Grams2);
        f[i++] = Dice(a.Grams3, b.Grams3);
        var lcs = LongestCommonSubstring(sa, sb);
        var maxLen = Math.Max(1, Math.Max(sa.Length, sb.Length));
        var minLen = Math.Max(1, Math.Min(sa.Length, sb.Length));
        f[i++] = (float)lcs / maxLen;
        f[i++] = (float)lcs / minLen;
        f[i++] = 1f - (float)Levenshtein(sa, sb) / maxLen;
        f[i++] = (float)minLen / maxLen;
        f[i++] = Math.Abs(sa.Length - sb.Length);
        // Word level, plain and IDF weighted (word lists are short: linear scans beat hashing).
        var wa = a.Words; var wb = b.Words;
        var common = 0;
        float shared = 0, onlyA = 0, onlyB = 0, maxMissA = 0, maxMissB = 0;
        foreach (var w in wa)
        {
            var v = idf[w];
            if (Array.IndexOf(wb, w) >= 0) { shared += v; common++; } else { onlyA += v; maxMissA = Math.Max(maxMissA, v); }
        }
        foreach (var w in wb)
        {
            if (Array.IndexOf(wa, w) >= 0) continue;
            var v = idf[w]; onlyB += v; maxMissB = Math.Max(maxMissB, v);
        }
        f[i++] = wa.Length + wb.Length == 0 ? 0 : (float)common / (wa.Length + wb.Length - common);
        f[i++] = shared / Math.Max(1e-3f, shared + onlyA + onlyB);
        f[i++] = shared / Math.Max(1e-3f, shared + Math.Max(onlyA, onlyB));
        f[i++] = shared / Math.Max(1e-3f, shared + Math.Min(onlyA, onlyB));
        f[i++] = Math.Max(maxMissA, maxMissB);
        f[i++] = Math.Min(maxMissA, maxMissB);
        f[i++] = onlyA + onlyB;
        f[i++] = Math.Abs(a.TokenCount - b.TokenCount);
        // Agreement of things that flip meaning.
        f[i++] = a.Numbers.Length == 0 && b.Numbers.Length == 0 ? 0.5f : a.Numbers.AsSpan().SequenceEqual(b.Numbers) ? 1 : 0;
        f[i++] = a.NegationParity != b.NegationParity ? 1 : 0;
        var qa = a.Questions; var qb = b.Questions;
        f[i++] = qa == qb ? 1 : (qa & qb) != 0 ? 0.5f : 0;
        f[i++] = qa == 0 && qb == 0 ? 1 : 0;
        // Ordered-bigram agreement of words (captures "A 比 B" vs "B 比 A").
        f[i++] = Dice(a.WordBigrams, b.WordBigrams);
        f[i++] = Math.Min(sa.Length, 64);
    }

    /// <summary>Everything about one side of a pair that does not depend on the other side, computed once.</summary>
    internal sealed class PairSide
    {
        public required string Content { get; init; }
        public required ulong[] Grams1 { get; init; }
        public required ulong[] Grams2 { get; init; }
        public required ulong[] Grams3 { get; init; }
        public required string[] Words { get; init; }
        public required int TokenCount { get; init; }
        public required ulong[] WordBigrams { get; init; }
        public required string[] Numbers { get; init; }
        public required int NegationParity { get; init; }
        public required long Questions { get; init; }

        public static PairSide Of(AnalyzedText t)
        {
            var content = Content(t.Normalized);
            var bigrams = new ulong[Math.Max(0, t.Tokens.Count - 1)];
            for (var k = 0; k + 1 < t.Tokens.Count; k++)
                bigrams[k] = FeatureHash.Combine(FeatureHash.Of(t.Tokens[k], 7), FeatureHash.Of(t.Tokens[k + 1], 7), 11);
            return new PairSide
            {
                Content = content,
                Grams1 = GramSet(content, 1), Grams2 = GramSet(content, 2), Grams3 = GramSet(content, 3),
                Words = t.Tokens.Distinct(StringComparer.Ordinal).ToArray(),
                TokenCount = t.Tokens.Count,
                WordBigrams = Distinct(bigrams),
                Numbers = [.. Numbers(t.Normalized).Order(StringComparer.Ordinal)],
                NegationParity = CountAny(t.Normalized, Negations) & 1,
                Questions = QuestionSet(t.Normalized),
            };
        }
    }

    private static ulong[] GramSet(string s, int n)
    {
        var h = new ulong[Math.Max(0, s.Length - n + 1)];
        for (var i = 0; i < h.Length; i++) h[i] = FeatureHash.Of(s.AsSpan(i, n), (ulong)n);
        return Distinct(h);
    }

    private static ulong[] Distinct(ulong[] h)
    {
        Array.Sort(h);
        var w = 0;
        for (var k = 0; k < h.Length; k++) if (k == 0 || h[k] != h[k - 1]) h[w++] = h[k];
        return h[..w];
    }

    private static float Dice(ulong[] a, ulong[] b)
    {
        if (a.Length + b.Length == 0) return 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return 2f * shared / (a.Length + b.Length);
    }

    private static string Content(string s)
    {
        Span<char> buf = s.Length <= 512 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        foreach (var c in s) if (char.IsLetterOrDigit(c)) buf[n++] = c;
        return new string(buf[..n]);
    }

    internal static int LongestCommonSubstring(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        Span<int> prev = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> cur = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        var best = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
                if (cur[j] > best) best = cur[j];
            }
            var t = prev; prev = cur; cur = t;
        }
        return best;
    }

    internal static int Levenshtein(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        Span<int> prev = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> cur = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            var t = prev; prev = cur; cur = t;
        }
        return prev[b.Length];
    }

    private static HashSet<string> Numbers(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]) && "零一二三四五六七八九十百千万两".IndexOf(s[i]) < 0) { i++; continue; }
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || "零一二三四五六七八九十百千万两".IndexOf(s[i]) >= 0)) i++;
            set.Add(s[start..i]);
        }
        return set;
    }

    private static int CountAny(string s, string[] words)
    {
        var n = 0;
        foreach (var w in words)
        {
            var at = 0;
            while ((at = s.IndexOf(w, at, StringComparison.Ordinal)) >= 0) { n++; at += w.Length; }
        }
        return n;
    }

    private static long QuestionSet(string s)
    {
        long bits = 0;
        for (var k = 0; k < QuestionWords.Length; k++)
        {
            var w = QuestionWords[k];
            var at = s.IndexOf(w, StringComparison.Ordinal);
            if (at < 0) continue;
            // Latin question words must stand alone ("is" not inside "this").
            if (char.IsAsciiLetter(w[0]) && (at > 0 && char.IsLetter(s[at - 1]) || at + w.Length < s.Length && char.IsLetter(s[at + w.Length]))) continue;
            bits |= 1L << k;
        }
        return bits;
    }
}
