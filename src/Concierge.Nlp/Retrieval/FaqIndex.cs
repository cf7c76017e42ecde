using Concierge.Nlp.Features;
using Concierge.Nlp.Matching;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Retrieval;

/// <summary>
/// A searchable knowledge base of FAQs, each with a standard question and any number of similar phrasings.
/// Candidates come from BM25 over words and character bigrams; a ranker learned from the knowledge base itself
/// (holding out phrasings and whole FAQs) re-scores them with TF-IDF cosine to the best phrasing and to the FAQ's
/// centroid plus question-pair similarity features, giving calibrated scores and a "none of these" decision.
/// Immutable and thread-safe; <see cref="WithFaq"/> and <see cref="WithoutFaq"/> return updated copies cheaply.
/// </summary>
public sealed class FaqIndex
{
    internal sealed record Doc(FaqEntry Entry, AnalyzedText Text, SparseVector Vector, int Faq)
    {
        public PairFeatures.PairSide Side { get; } = PairFeatures.PairSide.Of(Text);
        /// <summary>The phrasing without its courtesy (usually the same instance): for the exact-phrasing check.</summary>
        public string Bare { get; } = Courtesy.Trim(Text.Normalized);
    }
    internal sealed record Group(string Id, int[] Docs, SparseVector Sum, float SumNorm, Dictionary<string, int> WordDocs);

    private readonly Doc?[] _docs;
    private readonly int[] _faqOf; // per phrasing slot, its FAQ slot (−1 once removed): the hot loops read this, not the Doc
    private readonly Group?[] _groups;
    private readonly Dictionary<string, int> _groupOf;
    private readonly Bm25Index _bm25;
    private readonly TextFeaturizer _tfidf;
    private readonly WordIdf _idf;
    private readonly FaqRanker _ranker;
    private readonly FaqIndexOptions _options;
    private readonly TypoCorrector _corrector;

    /// <summary>Softmax classifier over the phrasings (class = FAQ slot at build time); null for very large KBs.</summary>
    internal Models.LinearModel? Classifier { get; private init; }

    private FaqIndex(Doc?[] docs, Group?[] groups, Dictionary<string, int> groupOf, Bm25Index bm25, TextFeaturizer tfidf,
        WordIdf idf, FaqRanker ranker, FaqIndexOptions options, TypoCorrector corrector)
    {
        _docs = docs; _groups = groups;
        _faqOf = new int[docs.Length];
        for (var d = 0; d < docs.Length; d++) _faqOf[d] = docs[d]?.Faq ?? -1;
        _groupOf = groupOf; _bm25 = bm25; _tfidf = tfidf; _idf = idf; _ranker = ranker; _options = options; _corrector = corrector;
    }

    /// <summary>Number of FAQs.</summary>
    public int FaqCount => _groupOf.Count;

    /// <summary>Number of phrasings (standard and similar questions) indexed.</summary>
    public int PhrasingCount { get; private init; }

    /// <summary>The score under which the best candidate is "none of these".</summary>
    public float NoneThreshold => _options.NoneThreshold ?? _ranker.Threshold;

    internal static readonly FeatureOptions TfidfOptions = new() { CharMin = 1, CharMax = 3, WordBigrams = true, SkipWindow = 0, MinDf = 1, WordWeight = 0.5f };

    /// <summary>Indexes <paramref name="entries"/> and learns the ranker from them.</summary>
    public static FaqIndex Build(IEnumerable<FaqEntry> entries, FaqIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        options ??= new FaqIndexOptions();
        var list = entries.ToArray();
        var analyzed = new AnalyzedText[list.Length];
        Parallel.For(0, list.Length, i => analyzed[i] = AnalyzedText.Of(list[i].Question));
        var tfidf = TextFeaturizer.Build(analyzed, TfidfOptions);
        var idf = WordIdf.Build(analyzed.Select(a => a.Tokens));
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var docs = new Doc?[list.Length];
        var terms = new List<ulong>[list.Length];
        Parallel.For(0, list.Length, i => terms[i] = Bm25Index.Terms(analyzed[i]));
        var faqOf = new int[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            if (!groupOf.TryGetValue(list[i].FaqId, out var g)) groupOf[list[i].FaqId] = g = groupOf.Count;
            faqOf[i] = g;
        }
        Parallel.For(0, list.Length, i => docs[i] = new Doc(list[i], analyzed[i], tfidf.Transform(analyzed[i]).Sorted(), faqOf[i]));
        var groups = new Group?[groupOf.Count];
        foreach (var (id, g) in groupOf) groups[g] = MakeGroup(id, docs, Enumerable.Range(0, docs.Length).Where(d => docs[d]!.Faq == g));
        var bm25 = Bm25Index.Build(terms);
        var classifier = TrainClassifier(docs, groups.Length, tfidf.Dimension, options.Seed, null);
        var corrector = options.LexicalOnly ? TypoCorrector.Empty : TypoCorrector.Build(analyzed.Select(a => a.Normalized).ToArray());
        var index = new FaqIndex(docs, groups, groupOf, bm25, tfidf, idf, FaqRanker.Default, options, corrector) { PhrasingCount = list.Length, Classifier = classifier };
        var ranker = options.LexicalOnly ? FaqRanker.LexicalOnly : FaqRanker.Learn(index, options.Seed);
        return new FaqIndex(docs, groups, groupOf, bm25, tfidf, idf, ranker, options, corrector) { PhrasingCount = list.Length, Classifier = classifier };
    }

    // Budget for the classifier's weights (FAQs × features): beyond it the KB relies on lexical and pair views.
    private const long MaxClassifierWeights = 12_000_000;

    internal static Models.LinearModel? TrainClassifier(Doc?[] docs, int groups, int features, int seed, Func<int, bool>? include)
    {
        if (groups < 2 || (long)groups * features > MaxClassifierWeights) return null;
        var rows = new List<int>();
        for (var d = 0; d < docs.Length; d++) if (docs[d] is not null && (include is null || include(d))) rows.Add(d);
        var xs = docs.Select(d => d?.Vector ?? SparseVector.Empty).ToArray();
        var ys = docs.Select(d => d?.Faq ?? 0).ToArray();
        return Models.SoftmaxTrainer.Train(xs, ys, groups, features, new Models.SoftmaxTrainerOptions { Seed = seed, Epochs = 20, LearningRate = 0.2f }, rows);
    }

    private static Group MakeGroup(string id, Doc?[] docs, IEnumerable<int> members)
    {
        var ids = members.ToArray();
        var sum = new Dictionary<int, float>();
        foreach (var d in ids)
        {
            var v = docs[d]!.Vector;
            for (var k = 0; k < v.Count; k++) sum[v.Indices[k]] = sum.GetValueOrDefault(v.Indices[k]) + v.Values[k];
        }
        var vec = new SparseVector([.. sum.Keys], [.. sum.Values]);
        Array.Sort(vec.Indices, vec.Values); // not normalised: cosine divides by SumNorm, and held-out maths needs the raw sum
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in ids)
            foreach (var w in docs[d]!.Text.Tokens.Distinct(StringComparer.Ordinal)) words[w] = words.GetValueOrDefault(w) + 1;
        return new Group(id, ids, vec, vec.Norm(), words);
    }

    /// <summary>A copy in which FAQ <paramref name="faqId"/> has exactly <paramref name="phrasings"/> (added if new).</summary>
    public FaqIndex WithFaq(string faqId, IEnumerable<FaqEntry> phrasings)
    {
        ArgumentNullException.ThrowIfNull(phrasings);
        var added = phrasings.Select(p => p with { FaqId = faqId }).ToArray();
        return Update(faqId, added);
    }

    /// <summary>A copy with one more phrasing (its FAQ is created if new).</summary>
    public FaqIndex WithEntry(FaqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var existing = _groupOf.TryGetValue(entry.FaqId, out var g) ? _groups[g]!.Docs.Select(d => _docs[d]!.Entry) : [];
        return Update(entry.FaqId, [.. existing, entry]);
    }

    /// <summary>A copy without FAQ <paramref name="faqId"/> (unchanged if absent).</summary>
    public FaqIndex WithoutFaq(string faqId) => _groupOf.ContainsKey(faqId) ? Update(faqId, []) : this;

    // Only the changed FAQ's documents are analysed and re-posted; the vocabulary, IDF and ranker learned at Build
    // stay (new words still count through BM25). Call Build again after large edits to relearn them.
    private FaqIndex Update(string faqId, FaqEntry[] phrasings)
    {
        var removed = _groupOf.TryGetValue(faqId, out var g) ? _groups[g]!.Docs : [];
        var analyzed = phrasings.Select(p => AnalyzedText.Of(p.Question)).ToArray();
        var bm25 = _bm25.With(removed, analyzed.Select(Bm25Index.Terms).ToList());
        var docs = new Doc?[_docs.Length + phrasings.Length];
        Array.Copy(_docs, docs, _docs.Length);
        foreach (var d in removed) docs[d] = null;
        var groupOf = new Dictionary<string, int>(_groupOf, StringComparer.Ordinal);
        var groups = _groups;
        if (phrasings.Length == 0)
        {
            groupOf.Remove(faqId);
            groups = (Group?[])_groups.Clone();
            groups[g] = null;
        }
        else
        {
            if (!groupOf.TryGetValue(faqId, out g))
            {
                g = _groups.Length;
                groupOf[faqId] = g;
                groups = new Group?[_groups.Length + 1];
            }
            else groups = new Group?[_groups.Length];
            Array.Copy(_groups, groups, _groups.Length);
            for (var k = 0; k < phrasings.Length; k++)
                docs[_docs.Length + k] = new Doc(phrasings[k], analyzed[k], _tfidf.Transform(analyzed[k]).Sorted(), g);
            groups[g] = MakeGroup(faqId, docs, Enumerable.Range(_docs.Length, phrasings.Length));
        }
        // The typo tables are relearned whole: one pass over the phrasings, and new words must be repairable.
        var corrector = _options.LexicalOnly ? TypoCorrector.Empty
            : TypoCorrector.Build(docs.Where(d => d is not null).Select(d => d!.Text.Normalized).ToArray());
        return new FaqIndex(docs, groups, groupOf, bm25, _tfidf, _idf, _ranker, _options, corrector)
        {
            Classifier = Classifier,
            PhrasingCount = PhrasingCount - removed.Length + phrasings.Length,
        };
    }

    /// <summary>The <paramref name="k"/> best FAQs for <paramref name="query"/>, best first, and whether none of them fits.</summary>
    public FaqSearchResult Search(string query, int k = 5)
    {
        // Typed with an input method, a query may carry a same-sounding wrong character (退宽 for 退款), typed in a hurry an
        // English word one letter off (pasword) or chat spelling (咋, dont): repaired against the phrasings' own text
        // before anything else looks at it.
        var typed = _corrector.Correct(EngineText.Normalize(query));
        // The courtesy around a question ("亲，在吗？请问…谢谢！") is no part of what it asks, but it dilutes every view and
        // reads as chit-chat to the decision (SMP2017's questions wrapped so: 28 % of answerable ones refused against 18 %
        // bare). Only the query loses it: a phrasing's "请问" in the KB is matched as written, and the ranker
        // learned on the phrasings as written. A lexical-only index keeps the query whole: it is the plain BM25 reference.
        var q = AnalyzedText.OfNormalized(_options.LexicalOnly ? typed : Courtesy.Trim(typed));
        var cands = Candidates(q, _tfidf.Transform(q).Sorted(), -1, -1, _options.Rerank, Classifier);
        var scored = _ranker.Rank(cands, q);
        var result = new List<FaqCandidate>(Math.Min(k, scored.Count));
        for (var i = 0; i < scored.Count && i < k; i++)
            result.Add(new FaqCandidate(_groups[scored[i].Group]!.Id, scored[i].Score, _docs[scored[i].BestDoc]!.Entry.Question));
        // A customer who types one of the knowledge base's own phrasings (give or take punctuation and case) means that
        // FAQ. The ranker never sees this case while learning — every replay hides its own phrasing — and scored such
        // queries far too low ("运费怎么算？" itself, the standard question, came out "none of these").
        if (ExactPhrasing(typed, q.Normalized, scored) is { } exact)
        {
            var at = result.FindIndex(c => c.FaqId == exact.FaqId);
            if (at >= 0) result.RemoveAt(at);
            else if (result.Count == k) result.RemoveAt(result.Count - 1);
            result.Insert(0, exact with { Score = Math.Max(exact.Score, ExactMatchScore) });
        }
        return new FaqSearchResult(result, result.Count == 0 || result[0].Score < NoneThreshold);
    }

    /// <summary>The score given to a query that is one of an FAQ's phrasings.</summary>
    internal const float ExactMatchScore = 0.99f;

    /// <summary>The candidate FAQ whose best phrasing is the query itself (as typed, or both without their courtesy), when exactly one is.</summary>
    private FaqCandidate? ExactPhrasing(string typed, string trimmed, IReadOnlyList<FaqRanker.Ranked> scored)
    {
        FaqCandidate? found = null;
        foreach (var s in scored)
        {
            var doc = _docs[s.BestDoc]!;
            if (!SameWords(typed, doc.Text.Normalized) && !SameWords(trimmed, doc.Bare)) continue;
            var id = _groups[s.Group]!.Id;
            if (found is not null && found.FaqId != id) return null; // the same words in two FAQs: let the ranker decide
            found ??= new FaqCandidate(id, s.Score, doc.Entry.Question);
        }
        return found;
    }

    /// <summary>Equal letters and digits in order, ignoring spaces and punctuation (texts are already normalised).</summary>
    internal static bool SameWords(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i])) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (a[i] != b[j]) return false;
            i++; j++;
        }
    }

    private const int CandidatePhrasings = 64;

    /// <summary>
    /// Per-thread scratch for <see cref="Candidates"/>: the BM25 accumulator (kept all-zero between calls: only the
    /// touched slots are cleared afterwards, not the whole 2 × phrasings array), the touched list and the phrasing heap.
    /// A search over 50,000 phrasings touches ~12,000 of them; these buffers keep it from allocating per query.
    /// </summary>
    private sealed class Scratch
    {
        public float[] Scores = [];
        public readonly List<int> Touched = new(1024);
        public readonly HeapItem[] Heap = new HeapItem[CandidatePhrasings];
        public float[] Query = []; // the query's TF-IDF vector scattered densely (all-zero between calls)
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>A phrasing in the candidate heap: its score, its position in the touched list (first touched wins ties), its field scores.</summary>
    private struct HeapItem
    {
        public float Score;
        public int At;
        public float W, B;
    }

    internal readonly record struct Candidate(int Group, int BestDoc, float[] Features);

    private readonly record struct Lexical(int Group, int Doc, float Score, float W, float B);

    /// <summary>
    /// The top FAQs by lexical score with their ranking features. <paramref name="excludeDoc"/> and
    /// <paramref name="excludeGroup"/> hide a phrasing or a whole FAQ (how the ranker learns from the KB itself).
    /// </summary>
    internal List<Candidate> Candidates(AnalyzedText q, SparseVector qv, int excludeDoc, int excludeGroup, int maxGroups, Models.LinearModel? classifier)
    {
        var scratch = t_scratch ??= new Scratch();
        var slots = _bm25.DocumentSlots;
        if (scratch.Scores.Length < 2 * slots) scratch.Scores = new float[2 * slots];
        var scores = scratch.Scores;
        var touched = scratch.Touched;
        touched.Clear();
        List<Lexical> top;
        float qWordIdf, qBigramIdf, wordKnown, bigramKnown;
        try
        {
            (qWordIdf, qBigramIdf, wordKnown, bigramKnown) = _bm25.Score(Bm25Index.Terms(q), scores, touched,
                excludeDoc < 0 && excludeGroup < 0 ? null : Hidden(excludeDoc, excludeGroup));
            top = BestPhrasings(scratch, excludeDoc, excludeGroup, maxGroups); // clears the touched scores as it reads them
        }
        catch
        {
            foreach (var d in touched) { scores[2 * d] = 0; scores[2 * d + 1] = 0; } // the next query needs a zero accumulator
            throw;
        }
        // The classifier's view: probability per FAQ, and its top FAQs join the candidates even without lexical overlap.
        float[]? probs = null;
        if (classifier is not null)
        {
            probs = new float[classifier.Stride];
            classifier.Score(qv, probs);
            if (excludeGroup >= 0 && excludeGroup < classifier.Classes) probs[excludeGroup] = float.NegativeInfinity;
            for (var c = 0; c < classifier.Classes; c++) if (c >= _groups.Length || _groups[c] is null) probs[c] = float.NegativeInfinity;
            Models.LinearModel.Softmax(probs, classifier.Classes, 1f);
            foreach (var c in TopClasses(probs, classifier.Classes, stackalloc int[3]))
            {
                if (probs[c] <= 0 || HasGroup(top, c)) continue;
                var docs = _groups[c]!.Docs;
                var d0 = docs.Length == 0 ? -1 : docs[0] != excludeDoc ? docs[0] : docs.Length > 1 ? docs[1] : -1;
                if (d0 < 0) continue;
                top.Add(new Lexical(c, d0, 0f, 0f, 0f));
            }
        }
        var result = new List<Candidate>(top.Count);
        if (top.Count == 0) return result;
        var qSide = PairFeatures.PairSide.Of(q);
        float maxW = 1e-6f, maxB = 1e-6f;
        foreach (var v in top) { maxW = Math.Max(maxW, v.W); maxB = Math.Max(maxB, v.B); }
        var cosMax = new float[top.Count]; var cos2 = new float[top.Count]; var bestDoc = new int[top.Count];
        var centroids = new float[top.Count];
        // Cosines against every phrasing and centroid of the candidates: the query scattered into a dense array makes
        // each one a gather over the other side's entries instead of a merge of two sorted lists (same sums, same order).
        if (scratch.Query.Length < _tfidf.Dimension) scratch.Query = new float[_tfidf.Dimension];
        var dense = scratch.Query;
        for (var k = 0; k < qv.Count; k++) dense[qv.Indices[k]] = qv.Values[k];
        try
        {
            for (var r = 0; r < top.Count; r++) centroids[r] = DenseDot(dense, _groups[top[r].Group]!.Sum);
            Cosines(top, dense, excludeDoc, cosMax, cos2, bestDoc);
        }
        finally
        {
            foreach (var i in qv.Indices) dense[i] = 0;
        }
        // The query's words (IDF weighted) that some phrasing of the FAQ uses: the FAQ's vocabulary as a whole.
        var qWords = q.Tokens.Distinct(StringComparer.Ordinal).ToArray();
        var qIdf = 0f;
        foreach (var w in qWords) qIdf += _idf[w];
        var excluded = excludeDoc >= 0 ? _docs[excludeDoc]!.Text.Tokens : null;
        for (var r = 0; r < top.Count; r++)
        {
            var (g, v) = (top[r].Group, top[r]);
            var group = _groups[g]!;
            float centroid;
            if (excludeDoc >= 0 && _docs[excludeDoc]!.Faq == g)
            {
                var ex = _docs[excludeDoc]!.Vector;
                var dot = centroids[r] - qv.Dot(ex);
                var normSq = group.SumNorm * group.SumNorm - 2 * group.Sum.Dot(ex) + ex.Norm() * ex.Norm();
                centroid = normSq > 1e-6f ? dot / MathF.Sqrt(normSq) : 0;
            }
            else centroid = group.SumNorm > 0 ? centroids[r] / group.SumNorm : 0;
            var otherBest = 0f;
            for (var o = 0; o < top.Count; o++) if (o != r) otherBest = Math.Max(otherBest, cosMax[o]);
            var f = new float[FaqRanker.FeatureCount];
            f[0] = v.W / maxW; f[1] = v.B / maxB;
            f[2] = qWordIdf > 0 ? v.W / qWordIdf : 0; f[3] = qBigramIdf > 0 ? v.B / qBigramIdf : 0;
            f[4] = cosMax[r]; f[5] = centroid; f[6] = cosMax[r] - otherBest; f[7] = r;
            PairFeatures.Compute(qSide, _docs[bestDoc[r]]!.Side, _idf, cosMax[r], f.AsSpan(8));
            var p = probs is not null && g < classifier!.Classes ? probs[g] : -1f;
            f[8 + PairFeatures.Count] = p;
            var better = 0;
            if (probs is not null && p >= 0) for (var c = 0; c < classifier!.Classes; c++) if (probs[c] > p) better++;
            f[9 + PairFeatures.Count] = probs is null ? -1 : better;
            f[10 + PairFeatures.Count] = wordKnown; f[11 + PairFeatures.Count] = bigramKnown;
            f[12 + PairFeatures.Count] = q.Tokens.Count;
            var covered = 0f;
            var own = excludeDoc >= 0 && _docs[excludeDoc]!.Faq == g;
            foreach (var w in qWords)
            {
                var n = group.WordDocs.GetValueOrDefault(w);
                if (own && n > 0 && excluded!.Contains(w)) n--;
                if (n > 0) covered += _idf[w];
            }
            f[13 + PairFeatures.Count] = qIdf > 0 ? covered / qIdf : 0;
            f[14 + PairFeatures.Count] = (cosMax[r] + cos2[r]) / 2;
            result.Add(new Candidate(g, bestDoc[r], f));
        }
        return result;
    }

    /// <summary>Cosine of the query (dense) with each candidate FAQ's best and second-best phrasing.</summary>
    private void Cosines(List<Lexical> top, float[] dense, int excludeDoc, float[] cosMax, float[] cos2, int[] bestDoc)
    {
        for (var r = 0; r < top.Count; r++)
        {
            cosMax[r] = -1;
            foreach (var d in _groups[top[r].Group]!.Docs)
            {
                if (d == excludeDoc) continue;
                var c = DenseDot(dense, _docs[d]!.Vector);
                if (c > cosMax[r]) { cos2[r] = Math.Max(0, cosMax[r]); cosMax[r] = c; bestDoc[r] = d; }
                else if (c > cos2[r]) cos2[r] = c;
            }
            if (cosMax[r] < 0) { cosMax[r] = 0; bestDoc[r] = top[r].Doc; }
        }
    }

    private static float DenseDot(float[] dense, SparseVector v)
    {
        var sum = 0f;
        var idx = v.Indices; var val = v.Values;
        for (var k = 0; k < idx.Length; k++) sum += dense[idx[k]] * val[k];
        return sum;
    }

    /// <summary>
    /// The <see cref="CandidatePhrasings"/> best-scoring phrasings (words + ½ bigrams) among the touched ones, kept in a
    /// bounded min-heap (most phrasings fail the one comparison with its root), then the best phrasing per FAQ, the
    /// <paramref name="maxGroups"/> best FAQs first (ties: lower FAQ slot first).
    /// </summary>
    private List<Lexical> BestPhrasings(Scratch scratch, int excludeDoc, int excludeGroup, int maxGroups)
    {
        var scores = scratch.Scores;
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch.Touched);
        var heap = scratch.Heap;
        var n = 0;
        for (var i = 0; i < touched.Length; i++)
        {
            var d = touched[i];
            float w = scores[2 * d], b = scores[2 * d + 1];
            scores[2 * d] = 0; scores[2 * d + 1] = 0; // the accumulator goes back all-zero while its line is in cache
            var s = w + 0.5f * b;
            if (n == CandidatePhrasings && s <= heap[0].Score) continue; // the common case: decided without touching the Doc
            var g = _faqOf[d];
            if (g < 0 || d == excludeDoc || g == excludeGroup) continue;
            var item = new HeapItem { Score = s, At = i, W = w, B = b };
            if (n < CandidatePhrasings) { heap[n] = item; SiftUp(heap, n++); }
            else { heap[0] = item; SiftDown(heap, n); }
        }
        // Best first (ties: first touched first); the first phrasing seen of a FAQ is its best.
        var items = heap.AsSpan(0, n);
        items.Sort(static (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.At.CompareTo(y.At));
        var all = new List<Lexical>(n + 3); // room for the classifier's extra candidates
        foreach (var item in items)
        {
            var d = touched[item.At];
            var g = _faqOf[d];
            if (HasGroup(all, g)) continue;
            all.Add(new Lexical(g, d, item.Score, item.W, item.B));
        }
        all.Sort(static (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Group.CompareTo(y.Group));
        if (all.Count > maxGroups) all.RemoveRange(maxGroups, all.Count - maxGroups);
        return all;
    }

    // Lambdas kept out of Candidates: a lambda capturing its parameters would allocate a closure on every call.
    private Func<int, bool> Hidden(int excludeDoc, int excludeGroup) => d => d == excludeDoc || _faqOf[d] == excludeGroup;

    private static bool HasGroup(List<Lexical> list, int g)
    {
        foreach (var x in list) if (x.Group == g) return true;
        return false;
    }

    // Min-heap on (score, then later-touched first): the root is the phrasing to drop next.
    private static bool Below(in HeapItem x, in HeapItem y) => x.Score < y.Score || x.Score == y.Score && x.At > y.At;

    private static void SiftUp(HeapItem[] heap, int k)
    {
        while (k > 0)
        {
            var parent = (k - 1) / 2;
            if (!Below(heap[k], heap[parent])) break;
            (heap[k], heap[parent]) = (heap[parent], heap[k]);
            k = parent;
        }
    }

    private static void SiftDown(HeapItem[] heap, int n)
    {
        var k = 0;
        while (true)
        {
            int l = 2 * k + 1, r = l + 1, m = k;
            if (l < n && Below(heap[l], heap[m])) m = l;
            if (r < n && Below(heap[r], heap[m])) m = r;
            if (m == k) break;
            (heap[k], heap[m]) = (heap[m], heap[k]);
            k = m;
        }
    }

    /// <summary>The classes with the highest probabilities, best first (ties: lower class first), into <paramref name="into"/>.</summary>
    private static Span<int> TopClasses(float[] probs, int classes, Span<int> into)
    {
        var n = 0;
        for (var c = 0; c < classes; c++)
        {
            var at = n;
            while (at > 0 && probs[c] > probs[into[at - 1]]) at--;
            if (at >= into.Length) continue;
            if (n < into.Length) n++;
            for (var k = n - 1; k > at; k--) into[k] = into[k - 1];
            into[at] = c;
        }
        return into[..n];
    }

    internal IEnumerable<(int Doc, int Group)> LiveDocs()
    {
        for (var d = 0; d < _docs.Length; d++) if (_docs[d] is { } doc) yield return (d, doc.Faq);
    }

    internal TextFeaturizer Tfidf => _tfidf;

    internal Doc?[] Docs => _docs;

    internal int GroupSize(int g) => _groups[g]!.Docs.Length;

    internal Doc DocAt(int d) => _docs[d]!;
}
