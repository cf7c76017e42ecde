using System.Buffers;

namespace Concierge.Nlp.Features;

/// <summary>How text becomes features: which views, their n-gram ranges and weights.</summary>
internal sealed record FeatureOptions
{
    public int CharMin { get; init; } = 1;
    public int CharMax { get; init; } = 5;
    public float CharWeight { get; init; } = 1f;
    public bool WordUnigrams { get; init; } = true;
    public bool WordBigrams { get; init; } = true;
    public float WordWeight { get; init; } = 1f;
    /// <summary>Features seen in fewer training texts are dropped (0 = decide from the corpus size).</summary>
    public int MinDf { get; init; }
    public bool Sublinear { get; init; } = true;
    /// <summary>Unordered word pairs up to this distance apart (0 = off): "card … arrive" in any order.</summary>
    public int SkipWindow { get; init; } = 5;

    public void Write(BinaryWriter w)
    {
        w.Write(CharMin); w.Write(CharMax); w.Write(CharWeight);
        w.Write(WordUnigrams); w.Write(WordBigrams); w.Write(WordWeight); w.Write(MinDf); w.Write(Sublinear); w.Write(SkipWindow);
    }

    public static FeatureOptions Read(BinaryReader r) => new()
    {
        CharMin = r.ReadInt32(), CharMax = r.ReadInt32(), CharWeight = r.ReadSingle(),
        WordUnigrams = r.ReadBoolean(), WordBigrams = r.ReadBoolean(), WordWeight = r.ReadSingle(),
        MinDf = r.ReadInt32(), Sublinear = r.ReadBoolean(), SkipWindow = r.ReadInt32(),
    };
}

/// <summary>Normalised text and its words, computed once and reused by every view.</summary>
internal sealed record AnalyzedText(string Normalized, IReadOnlyList<string> Tokens)
{
    public static AnalyzedText Of(string? text) => OfNormalized(EngineText.Normalize(text));

    /// <summary>For text already in the engine's canonical form (<see cref="EngineText.Normalize"/>).</summary>
    public static AnalyzedText OfNormalized(string normalized) => new(normalized, EngineText.Tokens(normalized));
}

/// <summary>
/// Dictionary-indexed, hashed n-gram features with sublinear TF-IDF and a per-view L2 norm.
/// Immutable after <see cref="Build"/>; <see cref="Transform(AnalyzedText)"/> is thread-safe.
/// </summary>
internal sealed class TextFeaturizer
{
    private const ulong CharSeed = 0x43484152;
    private const ulong WordSeed = 0x574F5244;
    private const ulong BigramSeed = 0x42494752;
    private const ulong SkipSeed = 0x534B4950;

    private readonly FeatureIndex _index;
    private readonly float[] _idf;

    public FeatureOptions Options { get; }
    public int Dimension => _idf.Length;

    private TextFeaturizer(FeatureOptions options, FeatureIndex index, float[] idf)
    {
        Options = options; _index = index; _idf = idf;
    }

    public static TextFeaturizer Build(IReadOnlyList<AnalyzedText> texts, FeatureOptions options)
    {
        var minDf = EffectiveMinDf(options, texts.Count);
        var df = new Dictionary<ulong, int>();
        var buffer = new List<ulong>(512);
        foreach (var t in texts)
        {
            buffer.Clear();
            CollectChars(t.Normalized, options, buffer);
            CollectWords(t.Tokens, options, buffer);
            buffer.Sort();
            for (var i = 0; i < buffer.Count; i++)
            {
                if (i > 0 && buffer[i] == buffer[i - 1]) continue;
                df[buffer[i]] = df.GetValueOrDefault(buffer[i]) + 1;
            }
        }
        var keys = new List<ulong>();
        foreach (var (k, v) in df) if (v >= minDf) keys.Add(k);
        keys.Sort(); // deterministic ids regardless of dictionary order
        var index = new FeatureIndex(keys);
        var idf = new float[keys.Count];
        var n = texts.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            idf[i] = (float)(Math.Log((1.0 + n) / (1.0 + df[keys[i]])) + 1.0);
        }
        return new TextFeaturizer(options, index, idf);
    }

    /// <summary>Features seen in fewer than this many of <paramref name="texts"/> training texts are dropped.</summary>
    public static int EffectiveMinDf(FeatureOptions options, int texts) => options.MinDf > 0 ? options.MinDf : texts >= 5000 ? 2 : 1;

    public SparseVector Transform(string? text) => Transform(AnalyzedText.Of(text));

    [ThreadStatic] private static List<ulong>? t_hashes;
    [ThreadStatic] private static int[]? t_ids;
    [ThreadStatic] private static int[]? t_counts;

    /// <summary>
    /// Features of one text: distinct ids, in first-seen order (not sorted: scoring does not need it, and sorting
    /// hundreds of random ids costs more than the whole dot product). Use <see cref="SparseVector.Sorted"/> for merges.
    /// </summary>
    public SparseVector Transform(AnalyzedText text) => Transform(text, null);

    /// <summary>
    /// Features of one text without the ids <paramref name="excluded"/> marks, each view normalised over what is left:
    /// how a text looks to a model whose vocabulary lacks those features (an out-of-fold row to its fold model).
    /// </summary>
    public SparseVector Transform(AnalyzedText text, bool[]? excluded)
    {
        var hashes = t_hashes ??= new List<ulong>(1024);
        hashes.Clear();
        CollectChars(text.Normalized, Options, hashes);
        var charCount = hashes.Count;
        CollectWords(text.Tokens, Options, hashes);
        var ids = t_ids;
        if (ids is null || ids.Length < hashes.Count) t_ids = ids = new int[Math.Max(1024, hashes.Count * 2)];
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hashes);
        var nChar = _index.LookupMany(all[..charCount], ids);
        var nWord = _index.LookupMany(all[charCount..], ids.AsSpan(nChar));
        if (excluded is not null)
        {
            // Compact each view in place (the word ids move down to follow the kept character ids).
            var keptChar = Keep(ids.AsSpan(0, nChar), excluded, ids);
            var keptWord = Keep(ids.AsSpan(nChar, nWord), excluded, ids.AsSpan(keptChar));
            (nChar, nWord) = (keptChar, keptWord);
        }
        var outIds = t_outIds;
        if (outIds is null || outIds.Length < nChar + nWord) t_outIds = outIds = new int[Math.Max(1024, (nChar + nWord) * 2)];
        var outVals = t_outVals;
        if (outVals is null || outVals.Length < nChar + nWord) t_outVals = outVals = new float[outIds.Length];
        var counts = t_counts;
        if (counts is null || counts.Length < Dimension) t_counts = counts = new int[Math.Max(Dimension, 1024)];
        PrefetchIdf(ids.AsSpan(0, nChar + nWord));
        var n = AddView(ids.AsSpan(0, nChar), counts, Options.CharWeight, outIds, outVals, 0);
        n = AddView(ids.AsSpan(nChar, nWord), counts, Options.WordWeight, outIds, outVals, n);
        return new SparseVector(outIds.AsSpan(0, n).ToArray(), outVals.AsSpan(0, n).ToArray());
    }

    private static int Keep(ReadOnlySpan<int> source, bool[] excluded, Span<int> target)
    {
        var n = 0;
        foreach (var id in source) if (!excluded[id]) target[n++] = id;
        return n;
    }

    [ThreadStatic] private static int[]? t_outIds;
    [ThreadStatic] private static float[]? t_outVals;

    // Appends one view's distinct ids with sublinear TF-IDF weights, L2-normalised to `weight`; returns the new count.
    private int AddView(Span<int> ids, int[] counts, float weight, int[] outIds, float[] outVals, int start)
    {
        if (ids.Length == 0 || weight <= 0) return start;
        foreach (var id in ids) counts[id]++;
        var w = start;
        double sumSq = 0;
        foreach (var id in ids)
        {
            var tf = counts[id];
            if (tf == 0) continue; // already emitted
            counts[id] = 0;
            var v = (Options.Sublinear ? 1f + MathF.Log(tf) : tf) * _idf[id];
            outIds[w] = id; outVals[w] = v; w++; sumSq += v * v;
        }
        var scale = (float)(weight / Math.Sqrt(sumSq));
        for (var k = start; k < w; k++) outVals[k] *= scale;
        return w;
    }

    // Every id's idf is read once, in random order, from a vocabulary-sized array that the model's weight rows keep
    // evicting from L2: start those loads together instead of taking the misses one at a time.
    private unsafe void PrefetchIdf(ReadOnlySpan<int> ids)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        fixed (float* p = _idf)
            foreach (var id in ids) System.Runtime.Intrinsics.X86.Sse.Prefetch0(p + id);
    }

    internal static void CollectChars(string normalized, FeatureOptions o, List<ulong> output)
    {
        if (o.CharMax <= 0 || normalized.Length == 0) return;
        // Pad with spaces so word starts and ends become features of their own (" card", "ard ").
        var len = normalized.Length + 2;
        var rented = ArrayPool<char>.Shared.Rent(len);
        var s = rented.AsSpan(0, len);
        s[0] = ' '; normalized.AsSpan().CopyTo(s[1..]); s[^1] = ' ';
        for (var i = 0; i < len; i++)
        {
            var h = FeatureHash.Start(CharSeed);
            for (var n = 1; n <= o.CharMax && i + n <= len; n++)
            {
                h = FeatureHash.Add(h, s[i + n - 1]);
                if (n >= o.CharMin && !(n == 1 && s[i] == ' ')) output.Add(FeatureHash.Finish(h + (ulong)n));
            }
        }
        ArrayPool<char>.Shared.Return(rented);
    }

    internal static void CollectWords(IReadOnlyList<string> tokens, FeatureOptions o, List<ulong> output)
    {
        if (!o.WordUnigrams && !o.WordBigrams) return;
        ulong prev = 0;
        Span<ulong> th = tokens.Count <= 256 ? stackalloc ulong[tokens.Count] : new ulong[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var h = th[i] = FeatureHash.Of(tokens[i], WordSeed);
            if (o.WordUnigrams) output.Add(h);
            if (o.WordBigrams && i > 0) output.Add(FeatureHash.Combine(prev, h, BigramSeed));
            prev = h;
        }
        for (var i = 0; i < tokens.Count && o.SkipWindow > 1; i++)
        {
            var a = th[i];
            for (var j = i + 2; j < tokens.Count && j <= i + o.SkipWindow; j++)
            {
                var b = th[j];
                output.Add(FeatureHash.Combine(Math.Min(a, b), Math.Max(a, b), SkipSeed));
            }
        }
    }

    public void Write(BinaryWriter w)
    {
        Options.Write(w);
        w.Write(_idf.Length);
        for (var i = 0; i < _idf.Length; i++) { w.Write(_index.KeyOf(i)); w.Write(_idf[i]); }
    }

    public static TextFeaturizer Read(BinaryReader r)
    {
        var options = FeatureOptions.Read(r);
        var n = r.ReadInt32();
        var keys = new ulong[n];
        var idf = new float[n];
        for (var i = 0; i < n; i++) { keys[i] = r.ReadUInt64(); idf[i] = r.ReadSingle(); }
        return new TextFeaturizer(options, new FeatureIndex(keys), idf);
    }
}
