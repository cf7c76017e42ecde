using Concierge.Nlp.Features;

namespace Concierge.Nlp.Retrieval;

/// <summary>
/// BM25 over two fields — segmented words and character bigrams — as an immutable inverted index. Updating
/// documents copies the term table shallowly and rebuilds only the postings of the terms those documents use,
/// so one changed FAQ costs O(its terms' postings), not a rebuild. Each posting carries its document's saturated,
/// length-normalised term frequency tf × (k1 + 1) / (tf + k1 × (1 − b + b × length / average)), so a query costs one
/// multiply-add per posting; the average length is the one at <see cref="Build"/> (updates keep it, like the ranker).
/// </summary>
internal sealed class Bm25Index
{
    private const ulong WordSeed = 0xB25_0001;
    private const ulong BigramSeed = 0xB25_0002;
    private const float K1 = 1.2f, B = 0.75f;
    private const int CommonTermMinDocs = 2000;

    internal readonly record struct Posting(int Doc, float Weight);

    private readonly Dictionary<ulong, Posting[]> _postings;
    private readonly float[] _length;     // per doc, 0 for removed docs
    private readonly ulong[][] _terms;    // per doc, distinct terms (for updates)
    private readonly int _alive;
    private readonly float _average;      // phrasing length at Build

    private Bm25Index(Dictionary<ulong, Posting[]> postings, float[] length, ulong[][] terms, int alive, float average)
    {
        _postings = postings; _length = length; _terms = terms; _alive = alive; _average = average;
    }

    private static Posting Weigh(int doc, int tf, float length, float average) =>
        new(doc, tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average)));

    public int DocumentSlots => _length.Length;

    public static bool IsWordTerm(ulong term) => (term & 1) == 0;

    /// <summary>Terms of a text: word hashes (even) and character-bigram hashes (odd), with repeats.</summary>
    public static List<ulong> Terms(AnalyzedText text)
    {
        var terms = new List<ulong>(text.Normalized.Length * 2);
        foreach (var w in text.Tokens) terms.Add(FeatureHash.Of(w, WordSeed) & ~1UL);
        var s = text.Normalized;
        var prev = '\0';
        foreach (var c in s)
        {
            if (!char.IsLetterOrDigit(c)) { prev = '\0'; continue; }
            if (prev != '\0')
            {
                var h = FeatureHash.Add(FeatureHash.Add(FeatureHash.Start(BigramSeed), prev), c);
                terms.Add(FeatureHash.Finish(h) | 1UL);
            }
            prev = c;
        }
        return terms;
    }

    public static Bm25Index Build(IReadOnlyList<List<ulong>> docs)
    {
        var lists = new Dictionary<ulong, List<Posting>>();
        var length = new float[docs.Count];
        var terms = new ulong[docs.Count][];
        double total = 0;
        for (var d = 0; d < docs.Count; d++)
        {
            length[d] = Math.Max(1, docs[d].Count);
            total += length[d];
        }
        var average = (float)(total / Math.Max(1, docs.Count));
        for (var d = 0; d < docs.Count; d++)
        {
            var counts = Count(docs[d]);
            terms[d] = [.. counts.Keys];
            foreach (var (t, tf) in counts)
            {
                if (!lists.TryGetValue(t, out var l)) lists[t] = l = [];
                l.Add(Weigh(d, tf, length[d], average));
            }
        }
        var postings = new Dictionary<ulong, Posting[]>(lists.Count);
        foreach (var (t, l) in lists) postings[t] = [.. l];
        return new Bm25Index(postings, length, terms, docs.Count, average);
    }

    private static Dictionary<ulong, int> Count(List<ulong> terms)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var t in terms) counts[t] = counts.GetValueOrDefault(t) + 1;
        return counts;
    }

    /// <summary>A new index with <paramref name="removed"/> documents dropped and <paramref name="added"/> appended (ids continue).</summary>
    public Bm25Index With(IReadOnlyCollection<int> removed, IReadOnlyList<List<ulong>> added)
    {
        var postings = new Dictionary<ulong, Posting[]>(_postings);
        var length = new float[_length.Length + added.Count];
        Array.Copy(_length, length, _length.Length);
        var terms = new ulong[length.Length][];
        Array.Copy(_terms, terms, _terms.Length);
        var alive = _alive;
        var removedSet = new HashSet<int>(removed);
        var touched = new HashSet<ulong>();
        foreach (var d in removedSet)
        {
            if (length[d] == 0) continue;
            alive--; length[d] = 0;
            foreach (var t in terms[d]) touched.Add(t);
            terms[d] = [];
        }
        foreach (var t in touched)
        {
            var kept = postings[t].Where(p => !removedSet.Contains(p.Doc)).ToArray();
            if (kept.Length == 0) postings.Remove(t); else postings[t] = kept;
        }
        for (var k = 0; k < added.Count; k++)
        {
            var d = _length.Length + k;
            var counts = Count(added[k]);
            terms[d] = [.. counts.Keys];
            length[d] = Math.Max(1, added[k].Count);
            alive++;
            foreach (var (t, tf) in counts)
            {
                var p = Weigh(d, tf, length[d], _average);
                postings[t] = postings.TryGetValue(t, out var old) ? [.. old, p] : [p];
            }
        }
        return new Bm25Index(postings, length, terms, alive, _average);
    }

    /// <summary>
    /// Adds each document's word-field and bigram-field BM25 scores into <paramref name="scores"/> (interleaved:
    /// [2d] words, [2d + 1] bigrams, so one cache line serves both; length ≥ 2 × <see cref="DocumentSlots"/>),
    /// listing touched documents once in <paramref name="touched"/>. Returns the query's total IDF mass per field, for
    /// normalisation, and the share of that mass the knowledge base knows at all (out-of-domain questions use words
    /// no phrasing has).
    /// </summary>
    public (float WordIdf, float BigramIdf, float WordKnown, float BigramKnown) Score(List<ulong> queryTerms, float[] scores, List<int> touched, Func<int, bool>? hidden = null)
    {
        float wIdf = 0, bIdf = 0, wKnown = 0, bKnown = 0;
        var terms = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(queryTerms);
        for (var i = 0; i < terms.Length; i++)
        {
            var t = terms[i];
            // A query has a few dozen terms: a scan of the earlier ones beats allocating a set per query.
            if (terms[..i].Contains(t)) continue;
            if (!_postings.TryGetValue(t, out var list))
            {
                // An unknown term still counts towards how much of the query is unexplained.
                var unknownIdf = MathF.Log(1 + (_alive + 0.5f) / 0.5f);
                if (IsWordTerm(t)) wIdf += unknownIdf; else bIdf += unknownIdf;
                continue;
            }
            var idf = MathF.Log(1 + (_alive - list.Length + 0.5f) / (list.Length + 0.5f));
            // A term only held-out phrasings use is unknown to the rest of the KB (how replays see coverage).
            var known = hidden is null || Array.Exists(list, p => !hidden(p.Doc));
            var word = IsWordTerm(t);
            if (word) { wIdf += idf; if (known) wKnown += idf; } else { bIdf += idf; if (known) bKnown += idf; }
            // In a large KB a term in more than 1/8 of all phrasings ("怎么", "the") costs a long postings walk and
            // moves scores little (idf < 2.2); the re-ranker still sees it through the pair features.
            if (_alive >= CommonTermMinDocs && list.Length * 8 > _alive) continue;
            var field = word ? 0 : 1;
            foreach (var p in list)
            {
                var slot = 2 * p.Doc;
                if (scores[slot] == 0 && scores[slot + 1] == 0) touched.Add(p.Doc);
                scores[slot + field] += idf * p.Weight;
            }
        }
        return (wIdf, bIdf, wIdf > 0 ? wKnown / wIdf : 0, bIdf > 0 ? bKnown / bIdf : 0);
    }
}
