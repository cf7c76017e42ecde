using Concierge.Nlp.Features;
using Concierge.Nlp.Matching;
using Concierge.Nlp.Models;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Retrieval;

/// <summary>
/// Two models learned per knowledge base by replaying its own phrasings as queries. The ranker scores each (query, FAQ)
/// candidate's features and orders the candidates (a softmax over them: P(this one is the query's FAQ)); the decision model looks at the
/// ranked list as a whole (the best candidate's views, its score and margin over the runner-up, how much of the query
/// the KB's vocabulary covers) and gives P(the top-1 is right), which is the score the "none of these" threshold applies to.
/// Negatives for the decision: whole FAQs held out, generic chit-chat / out-of-scope questions shipped as a resource
/// (in the KB's languages) and "questions" shuffled together from the KB's own vocabulary.
/// </summary>
internal sealed class FaqRanker
{
    /// <summary>
    /// Candidate features: 10 retrieval views, the pair features, word/bigram coverage, query length, the share of the
    /// query's IDF mass the FAQ's phrasings use between them, and the mean of the two best phrasing cosines.
    /// </summary>
    public const int FeatureCount = 15 + PairFeatures.Count;
    /// <summary>
    /// Decision features: top-1 score and margin, query coverage, the top candidate's main views, whether the views agree,
    /// and how much the query looks like chit-chat.
    /// </summary>
    public const int DecisionCount = 13;
    private const int MaxReplays = 800;
    private const int MinReplays = 60; // fewer held-out phrasings than this teach the ranker noise: use the fixed blend
    private const int Shuffles = 160;
    private const int Folds = 5;

    // Share of the (out-of-fold) replays whose top-1 is right that the threshold accepts.
    private const float AcceptRight = 0.85f;

    private readonly ListRanker? _ranker;
    private readonly Logistic? _decision;
    private readonly ChitChat? _chat;
    private bool _lexical;

    private FaqRanker(ListRanker? ranker, Logistic? decision, float threshold, ChitChat? chat = null)
    {
        _ranker = ranker; _decision = decision; Threshold = threshold; _chat = chat;
    }

    public float Threshold { get; }

    /// <summary>
    /// For knowledge bases with too few multi-phrasing FAQs to learn from: a fixed blend of cosine to the best
    /// phrasing, cosine to the FAQ centroid, the share of the query BM25 explains and the IDF-weighted word overlap.
    /// </summary>
    public static readonly FaqRanker Default = new(null, null, 0.5f);

    /// <summary>Plain BM25 order (score = 1 / (1 + lexical rank)), never "none of these": the comparison baseline.</summary>
    public static readonly FaqRanker LexicalOnly = new(null, null, 0f) { _lexical = true };

    public float Score(float[] f)
    {
        if (_lexical) return 1f / (1f + f[7]);
        // How much of the query's IDF mass BM25 explains (saturates near 2.2 × idf), cosine to the best phrasing and
        // to the FAQ centroid, and the IDF-weighted share of words both sides explain.
        var z = 0.25f * Math.Min(1f, f[2] / 2f) + 0.3f * f[4] + 0.1f * f[5] + 0.35f * f[8 + 9];
        return 1f / (1f + MathF.Exp(-10f * (z - 0.5f)));
    }

    internal readonly record struct Ranked(int Group, int BestDoc, float Score);

    /// <summary>
    /// Candidates best first. With a decision model the best one's score is P(top-1 right) and the others keep their
    /// ratio to it, so the order is the ranker's and the threshold applies to the first score.
    /// </summary>
    public List<Ranked> Rank(List<FaqIndex.Candidate> candidates, AnalyzedText query) =>
        Rank(candidates, _ranker, _decision, _decision is null ? 0 : _chat?.Similarity(query) ?? 0);

    private List<Ranked> Rank(List<FaqIndex.Candidate> candidates, ListRanker? ranker, Logistic? decision, float chat)
    {
        var list = new List<Ranked>(candidates.Count);
        var top = -1; var p1 = -1f; var p2 = 0f;
        var sc = ranker?.Probabilities(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var s = sc is not null ? sc[i] : Score(c.Features);
            list.Add(new Ranked(c.Group, c.BestDoc, s));
            if (s > p1) { p2 = Math.Max(p2, p1); p1 = s; top = i; } else p2 = Math.Max(p2, s);
        }
        list.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (decision is null || top < 0 || p1 <= 0) return list;
        var accept = decision.Probability(DecisionFeatures(candidates[top].Features, p1, p2, chat));
        for (var i = 0; i < list.Count; i++) list[i] = list[i] with { Score = accept * list[i].Score / p1 };
        return list;
    }

    /// <summary>
    /// Which decision features are evidence for the top-1 (all but the query length): their weights may not go negative.
    /// Unconstrained, the model learned that a high cosine to the best phrasing means a wrong top-1 (−3 logits at cosine
    /// 0.74) — true of the glued-together negatives and of replays whose near-twin sits in another FAQ, but it refused
    /// live near-exact paraphrases ("运费怎么计算" 0.06, "i can't log into my account" 0.12). More evidence must never lower
    /// the confidence. The chit-chat similarity is evidence against the answer (its weight may not go positive); 0 = free.
    /// Together: more right answers at every wrong-answer rate on the demo, clinc and smp sets (docs/benchmarks.md).
    /// </summary>
    private static readonly sbyte[] Evidence = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, -1];

    private static float[] DecisionFeatures(float[] top, float p1, float p2, float chat)
    {
        const int P = 8; // first pair feature
        return
        [
            p1, p1 - p2, top[10 + PairFeatures.Count], top[11 + PairFeatures.Count], top[4], top[5], Math.Min(1f, top[2] / 2f),
            top[P + 9], top[7] == 0 ? 1 : 0, top[9 + PairFeatures.Count] == 0 ? 1 : 0, MathF.Log(1 + top[12 + PairFeatures.Count]),
            top[13 + PairFeatures.Count], chat,
        ];
    }

    /// <summary>
    /// A linear scorer over standardised candidate features trained listwise (Adam, L2): a softmax over one query's
    /// candidates maximising the right FAQ's log-likelihood. It learns which views to trust for picking the winner — not
    /// how confident to be, which is the decision model's job — and, being linear, carries over from replayed phrasings
    /// to live queries (boosted trees fitted the replays' peculiarities and ranked live queries worse).
    /// </summary>
    internal sealed class ListRanker
    {
        private readonly float[] _mean, _scale, _w;
        private ListRanker(float[] mean, float[] scale, float[] w) { _mean = mean; _scale = scale; _w = w; }

        /// <summary>Softmax over the candidates' margins: each candidate's probability of being the query's FAQ.</summary>
        public float[] Probabilities(List<FaqIndex.Candidate> candidates)
        {
            var s = new float[candidates.Count];
            if (s.Length == 0) return s;
            var max = float.NegativeInfinity;
            for (var i = 0; i < s.Length; i++) max = Math.Max(max, s[i] = Margin(candidates[i].Features));
            var sum = 0f;
            for (var i = 0; i < s.Length; i++) sum += s[i] = MathF.Exp(s[i] - max);
            for (var i = 0; i < s.Length; i++) s[i] /= sum;
            return s;
        }

        private float Margin(float[] x)
        {
            var z = 0f;
            for (var j = 0; j < _w.Length; j++) z += _w[j] * (x[j] - _mean[j]) * _scale[j];
            return z;
        }

        /// <summary>Fits the weights on lists of candidate features, each with the index of its right candidate.</summary>
        /// <param name="signs">Per feature: +1 keeps its weight ≥ 0, −1 keeps it ≤ 0 (projected Adam), 0 leaves it free.</param>
        public static ListRanker Train(List<(float[][] X, int Gold)> lists, sbyte[]? signs = null, int iterations = 300, float l2 = 1e-2f)
        {
            var d = FeatureCount;
            if (signs is not null && signs.Length != d) throw new ArgumentException($"{signs.Length} signs for {d} features.", nameof(signs));
            var mean = new double[d]; var sq = new double[d]; var n = 0;
            foreach (var (xs, _) in lists) foreach (var x in xs) { n++; for (var j = 0; j < d; j++) { mean[j] += x[j]; sq[j] += x[j] * x[j]; } }
            var m = new float[d]; var sc = new float[d];
            for (var j = 0; j < d; j++)
            {
                var mu = mean[j] / Math.Max(1, n); var v = sq[j] / Math.Max(1, n) - mu * mu;
                m[j] = (float)mu; sc[j] = v > 1e-12 ? (float)(1 / Math.Sqrt(v)) : 0;
            }
            var w = new double[d];
            // Adam on the mean listwise negative log-likelihood.
            var mo = new double[d]; var ve = new double[d];
            const double lr = 0.05, b1 = 0.9, b2 = 0.999;
            var z = new double[64]; var g = new double[d];
            for (var it = 1; it <= iterations; it++)
            {
                Array.Clear(g);
                foreach (var (xs, gold) in lists)
                {
                    if (z.Length < xs.Length) z = new double[xs.Length];
                    var max = double.NegativeInfinity;
                    for (var c = 0; c < xs.Length; c++)
                    {
                        double s = 0;
                        for (var j = 0; j < d; j++) s += w[j] * (xs[c][j] - m[j]) * sc[j];
                        z[c] = s; max = Math.Max(max, s);
                    }
                    double sum = 0;
                    for (var c = 0; c < xs.Length; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
                    for (var c = 0; c < xs.Length; c++)
                    {
                        var e = z[c] / sum - (c == gold ? 1 : 0);
                        for (var j = 0; j < d; j++) g[j] += e * (xs[c][j] - m[j]) * sc[j];
                    }
                }
                for (var j = 0; j < d; j++)
                {
                    var gj = g[j] / Math.Max(1, lists.Count) + l2 * w[j];
                    mo[j] = b1 * mo[j] + (1 - b1) * gj; ve[j] = b2 * ve[j] + (1 - b2) * gj * gj;
                    w[j] -= lr * (mo[j] / (1 - Math.Pow(b1, it))) / (Math.Sqrt(ve[j] / (1 - Math.Pow(b2, it))) + 1e-8);
                    if (signs is not null && signs[j] * w[j] < 0) w[j] = 0;
                }
            }
            return new ListRanker(m, sc, [.. w.Select(x => (float)x)]);
        }
    }

    /// <summary>
    /// The ranker's evidence may only count one way: more overlap, a higher cosine or classifier probability never makes
    /// a candidate less likely, a heavier missing word or a negation mismatch never more. Replays — a KB phrasing asked
    /// with itself hidden — are much harder than live questions when a KB's phrasings are deliberately varied (the demo
    /// KB in Chinese alone: 50 % out-of-fold top-1 on replays, 85–97 % on live questions), and a free fit learned to
    /// distrust a close match (−1.5 on the two-best cosine, −0.5 on the classifier's probability): live top-1 fell to
    /// 47.5 % on the demo's first four Chinese phrasings per FAQ, where plain BM25 gets 78.75 % (docs/benchmarks.md).
    /// </summary>
    private static readonly sbyte[] RankSigns =
    [
        1, 1, 1, 1, 1, 1, 1, -1,                     // BM25 views, cosines, centroid, margin; lexical rank
        1, 1, 1, 1, 1, 1, 0, 0,                      // pair: character Dice 1–3, common substring, edit similarity; lengths
        1, 1, 1, 1, -1, -1, -1, 0,                   // pair: word overlaps; the heaviest missing words; token-count gap
        1, -1, 1, 0, 1, 0, 1,                        // pair: numbers agree, negation differs, question words, word bigrams, cosine
        1, -1, 0, 0, 0, 1, 1,                        // classifier probability and rank; query-level; FAQ coverage; two-best cosine
    ];

    private enum Kind { Answerable, HeldOutFaq, OutOfScope, Shuffled }

    public static FaqRanker Learn(FaqIndex index, int seed)
    {
        var rng = new Random(seed);
        var live = index.LiveDocs().ToArray();
        var answerable = live.Where(d => index.GroupSize(d.Group) >= 2).ToArray();
        if (answerable.Length < MinReplays || index.FaqCount < 3) return Default;
        rng.Shuffle(answerable);
        var replays = new List<(int Doc, int Group, Kind Kind)>();
        foreach (var d in answerable.Take(MaxReplays)) replays.Add((d.Doc, d.Group, Kind.Answerable));
        var pool = live.ToArray();
        rng.Shuffle(pool);
        foreach (var d in pool.Take(Math.Min(MaxReplays, answerable.Length))) replays.Add((d.Doc, d.Group, Kind.HeldOutFaq));
        var rankerReplays = replays.Count;

        // Synthetic negatives: never seen by the KB, scored against all of it.
        var synthetic = new List<AnalyzedText>();
        foreach (var text in OutOfScopeQuestions(live.Select(d => index.DocAt(d.Doc).Entry.Question)))
            synthetic.Add(AnalyzedText.Of(text));
        var outOfScope = synthetic.Count;
        var chat = ChitChat.Build([.. synthetic], live.Select(d => index.DocAt(d.Doc).Text));
        synthetic.AddRange(ShuffledQuestions(index, live, rng, Shuffles));
        for (var i = 0; i < synthetic.Count; i++) replays.Add((-1 - i, -1, i < outOfScope ? Kind.OutOfScope : Kind.Shuffled));

        // Each replayed phrasing is scored by a classifier that never saw it: one classifier per fold of the phrasings,
        // each trained on the other folds (close to the full classifier the live queries meet).
        var fold = new LinearModel?[Folds];
        if (index.Classifier is not null)
            Parallel.For(0, Folds, h => fold[h] = FaqIndex.TrainClassifier(index.Docs, index.Classifier.Classes, index.Tfidf.Dimension, seed, d => d % Folds != h));
        var candidates = new List<FaqIndex.Candidate>[replays.Count];
        Parallel.For(0, replays.Count, i =>
        {
            var (doc, group, kind) = replays[i];
            if (doc >= 0)
            {
                var q = index.DocAt(doc);
                candidates[i] = index.Candidates(q.Text, q.Vector, doc, kind == Kind.Answerable ? -1 : group, 12, fold[doc % Folds]);
            }
            else
            {
                var q = synthetic[-1 - doc];
                candidates[i] = index.Candidates(q, index.Tfidf.Transform(q).Sorted(), -1, -1, 12, fold[i % Folds]);
            }
        });
        bool IsRight(int i, int group) => replays[i].Kind == Kind.Answerable && group == replays[i].Group;

        ListRanker TrainRanker(Func<int, bool> include)
        {
            var lists = new List<(float[][] X, int Gold)>();
            for (var i = 0; i < rankerReplays; i++)
            {
                if (!include(i) || replays[i].Kind != Kind.Answerable || candidates[i].Count < 2) continue;
                var gold = candidates[i].FindIndex(c => c.Group == replays[i].Group);
                if (gold >= 0) lists.Add(([.. candidates[i].Select(c => c.Features)], gold));
            }
            return ListRanker.Train(lists, RankSigns);
        }

        // Out-of-fold ranker scores (two halves) give the decision model realistic top-1 scores and margins.
        var halves = new ListRanker[2];
        Parallel.For(0, 2, h => halves[h] = TrainRanker(i => i % 2 != h));
        var dx = new float[replays.Count][]; var dy = new bool[replays.Count];
        for (var i = 0; i < replays.Count; i++)
        {
            var m = halves[i % 2];
            int top = -1; float p1 = -1, p2 = 0;
            var sc = m.Probabilities(candidates[i]);
            for (var c = 0; c < candidates[i].Count; c++)
            {
                var s = sc[c];
                if (s > p1) { p2 = Math.Max(p2, p1); p1 = s; top = c; } else p2 = Math.Max(p2, s);
            }
            // Each shipped chit-chat question is compared with the others only (it is always identical to itself).
            var (doc, _, kind) = replays[i];
            var chatty = chat.Similarity(doc >= 0 ? index.DocAt(doc).Text : synthetic[-1 - doc], kind == Kind.OutOfScope ? -1 - doc : -1);
            dx[i] = top < 0 ? new float[DecisionCount] : DecisionFeatures(candidates[i][top].Features, p1, p2, chatty);
            dy[i] = top >= 0 && IsRight(i, candidates[i][top].Group);
        }
        // A shipped out-of-scope question the KB answers as confidently as a typical replay of its own phrasings is in
        // this KB's domain (a KB may well answer "will it rain tomorrow"): it is not used as a negative.
        var rightP1 = Enumerable.Range(0, rankerReplays).Where(i => dy[i]).Select(i => dx[i][0]).Order().ToArray();
        var inDomain = rightP1.Length == 0 ? 1f : rightP1[rightP1.Length / 2];
        var use = Enumerable.Range(0, replays.Count).Select(i => replays[i].Kind != Kind.OutOfScope || dx[i][0] < inDomain).ToArray();
        Logistic TrainDecision(Func<int, bool> include)
        {
            var rows = Enumerable.Range(0, replays.Count).Where(i => use[i] && include(i)).ToArray();
            return Logistic.Train([.. rows.Select(i => dx[i])], [.. rows.Select(i => dy[i])], Evidence);
        }
        var dHalves = new Logistic[2];
        Parallel.For(0, 2, h => dHalves[h] = TrainDecision(i => i % 2 != h));
        var best = new float[replays.Count];
        for (var i = 0; i < replays.Count; i++) best[i] = dHalves[i % 2].Probability(dx[i]);
        // "Answer when the top-1 is probably right": the threshold keeps AcceptRight of the replays whose top-1 was
        // right (out of fold); the negatives shape the decision model, so they fall below it.
        var rightScores = Enumerable.Range(0, replays.Count).Where(i => dy[i] && use[i]).Select(i => best[i]).Order().ToArray();
        var threshold = rightScores.Length == 0 ? 0.5f : rightScores[(int)((1 - AcceptRight) * (rightScores.Length - 1))];
        ListRanker ranker = null!; Logistic decision = null!;
        Parallel.Invoke(() => ranker = TrainRanker(_ => true), () => decision = TrainDecision(_ => true));
        return new FaqRanker(ranker, decision, threshold, chat);
    }

    /// <summary>
    /// How much a query looks like the shipped chit-chat questions: the best cosine to one of them, over word and short
    /// character n-grams fitted on them and the KB's phrasings together (so words of either side count).
    /// </summary>
    internal sealed class ChitChat
    {
        private static readonly FeatureOptions Options = new() { CharMin = 1, CharMax = 3, SkipWindow = 0, WordBigrams = false };
        private readonly TextFeaturizer _features;
        private readonly SparseVector[] _questions;

        private ChitChat(TextFeaturizer features, SparseVector[] questions) { _features = features; _questions = questions; }

        public static ChitChat Build(IReadOnlyList<AnalyzedText> shipped, IEnumerable<AnalyzedText> phrasings)
        {
            var features = TextFeaturizer.Build([.. shipped, .. phrasings], Options with { MinDf = 1 });
            return new ChitChat(features, [.. shipped.Select(q => features.Transform(q).Sorted())]);
        }

        /// <summary>The best cosine to a shipped question other than number <paramref name="except"/>.</summary>
        public float Similarity(AnalyzedText query, int except = -1)
        {
            if (_questions.Length == 0) return 0;
            var v = _features.Transform(query).Sorted();
            var best = 0f;
            for (var i = 0; i < _questions.Length; i++) if (i != except) best = Math.Max(best, v.Dot(_questions[i]));
            return best;
        }
    }

    private static string[]? s_outOfScope;

    /// <summary>The shipped chit-chat / out-of-scope questions in the languages the KB uses (Chinese, Latin-script).</summary>
    internal static List<string> OutOfScopeQuestions(IEnumerable<string> phrasings)
    {
        var all = s_outOfScope ??= ReadOutOfScope();
        int cjk = 0, total = 0;
        foreach (var p in phrasings) { total++; if (HasCjk(p)) cjk++; }
        bool zh = cjk * 10 >= total && cjk > 0, other = (total - cjk) * 10 >= total && total > cjk;
        return [.. all.Where(q => HasCjk(q) ? zh : other)];
    }

    private static string[] ReadOutOfScope()
    {
        var text = EmbeddedData.ReadAllText("faq-out-of-scope.txt.gz");
        var lines = new List<string>();
        foreach (var line in EmbeddedData.Lines(text)) lines.Add(line.ToString());
        return [.. lines];
    }

    private static bool HasCjk(string s)
    {
        foreach (var c in s) if (c >= '\u3400' && c <= '\u9FFF') return true;
        return false;
    }

    /// <summary>
    /// In-vocabulary nonsense: short spans of words from two or three phrasings of different FAQs glued together. They
    /// teach the decision that sharing a few of the KB's words is not the same as asking one of its questions.
    /// </summary>
    private static List<AnalyzedText> ShuffledQuestions(FaqIndex index, (int Doc, int Group)[] live, Random rng, int count)
    {
        var result = new List<AnalyzedText>(count);
        for (var attempt = 0; result.Count < count && attempt < count * 4; attempt++)
        {
            var parts = 2 + rng.Next(2);
            var tokens = new List<string>();
            var groups = new HashSet<int>();
            for (var p = 0; p < parts; p++)
            {
                var (doc, group) = live[rng.Next(live.Length)];
                if (!groups.Add(group)) continue;
                var t = index.DocAt(doc).Text.Tokens;
                if (t.Count == 0) continue;
                var len = Math.Min(t.Count, 1 + rng.Next(3));
                var start = rng.Next(t.Count - len + 1);
                for (var k = 0; k < len; k++) tokens.Add(t[start + k]);
            }
            if (groups.Count < 2 || tokens.Count < 2) continue;
            var latin = tokens.All(w => w.Length > 0 && w[0] < 0x3000);
            var normalized = string.Join(latin ? " " : "", tokens);
            result.Add(new AnalyzedText(normalized, tokens));
        }
        return result;
    }

    /// <summary>
    /// Logistic regression on standardised features (full-batch gradient descent, L2): monotone in each feature, so
    /// queries more confident than any replay (the full KB's classifier is sharper than the replays' half ones) stay accepted.
    /// </summary>
    internal sealed class Logistic
    {
        private readonly float[] _mean, _scale, _w;
        private readonly float _b;

        private Logistic(float[] mean, float[] scale, float[] w, float b) { _mean = mean; _scale = scale; _w = w; _b = b; }

        public float Probability(float[] x)
        {
            var z = _b;
            for (var j = 0; j < _w.Length; j++) z += _w[j] * (x[j] - _mean[j]) * _scale[j];
            return 1f / (1f + MathF.Exp(-z));
        }

        /// <param name="signs">Per feature: +1 keeps its weight ≥ 0, −1 keeps it ≤ 0 (projected gradient descent: monotone evidence), 0 leaves it free.</param>
        public static Logistic Train(float[][] xs, bool[] ys, sbyte[]? signs = null, int iterations = 300, float l2 = 1e-3f, float lr = 0.5f)
        {
            var d = xs.Length == 0 ? 0 : xs[0].Length;
            var mean = new float[d]; var scale = new float[d];
            for (var j = 0; j < d; j++)
            {
                double m = 0, v = 0;
                foreach (var x in xs) m += x[j];
                m /= Math.Max(1, xs.Length);
                foreach (var x in xs) v += (x[j] - m) * (x[j] - m);
                v /= Math.Max(1, xs.Length);
                mean[j] = (float)m; scale[j] = v > 1e-12 ? (float)(1 / Math.Sqrt(v)) : 0;
            }
            int pos = ys.Count(y => y), n = xs.Length;
            // Balanced classes: each side carries half the loss.
            float wPos = pos > 0 ? 0.5f * n / pos : 0, wNeg = n > pos ? 0.5f * n / (n - pos) : 0;
            var w = new float[d]; float b = 0;
            var g = new double[d];
            for (var it = 0; it < iterations; it++)
            {
                Array.Clear(g); double gb = 0;
                for (var i = 0; i < n; i++)
                {
                    var z = b;
                    for (var j = 0; j < d; j++) z += w[j] * (xs[i][j] - mean[j]) * scale[j];
                    var p = 1 / (1 + Math.Exp(-z));
                    var e = (p - (ys[i] ? 1 : 0)) * (ys[i] ? wPos : wNeg);
                    gb += e;
                    for (var j = 0; j < d; j++) g[j] += e * (xs[i][j] - mean[j]) * scale[j];
                }
                b -= (float)(lr * gb / Math.Max(1, n));
                for (var j = 0; j < d; j++)
                {
                    w[j] -= (float)(lr * (g[j] / Math.Max(1, n) + l2 * w[j]));
                    if (signs is not null && signs[j] * w[j] < 0) w[j] = 0;
                }
            }
            return new Logistic(mean, scale, w, b);
        }
    }
}
