using Concierge.Nlp.Features;
using Concierge.Nlp.Matching;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Retrieval;

/// <summary>
/// Turns a (query, FAQ) candidate's features into P(this FAQ answers the query). Learned per knowledge base by
/// replaying its own phrasings as queries — with the phrasing held out (answerable) or its whole FAQ held out
/// (unanswerable) — so both the ranking and the "none of these" threshold come from the KB alone.
/// </summary>
internal sealed class FaqRanker
{
    public const int FeatureCount = 10 + PairFeatures.Count;
    private const int MaxReplays = 700;
    private const int MinReplays = 60; // fewer held-out phrasings than this teach the trees noise: use the fixed blend

    private readonly BoostedTrees? _trees;

    private FaqRanker(BoostedTrees? trees, float threshold) { _trees = trees; Threshold = threshold; }

    public float Threshold { get; }


    /// <summary>
    /// For knowledge bases with too few multi-phrasing FAQs to learn from: a fixed blend of cosine to the best
    /// phrasing, cosine to the FAQ centroid, the share of the query BM25 explains and the IDF-weighted word overlap.
    /// </summary>
    public static readonly FaqRanker Default = new(null, 0.5f);

    /// <summary>Plain BM25 order (score = 1 / (1 + lexical rank)), never "none of these": the comparison baseline.</summary>
    public static readonly FaqRanker LexicalOnly = new(null, 0f) { _lexical = true };

    private bool _lexical;

    public float Score(float[] f)
    {
        if (_lexical) return 1f / (1f + f[7]);
        if (_trees is not null) return _trees.Probability(f);
        // How much of the query's IDF mass BM25 explains (saturates near 2.2 × idf), cosine to the best phrasing and
        // to the FAQ centroid, and the IDF-weighted share of words both sides explain.
        var z = 0.25f * Math.Min(1f, f[2] / 2f) + 0.3f * f[4] + 0.1f * f[5] + 0.35f * f[8 + 9];
        return 1f / (1f + MathF.Exp(-10f * (z - 0.5f)));
    }

    public static FaqRanker Learn(FaqIndex index, int seed)
    {
        var rng = new Random(seed);
        var live = index.LiveDocs().ToArray();
        var answerable = live.Where(d => index.GroupSize(d.Group) >= 2).ToArray();
        if (answerable.Length < MinReplays || index.FaqCount < 3) return Default;
        rng.Shuffle(answerable);
        var replays = new List<(int Doc, int Group, bool Answerable)>();
        foreach (var d in answerable.Take(MaxReplays)) replays.Add((d.Doc, d.Group, true));
        var pool = live.ToArray();
        rng.Shuffle(pool);
        foreach (var d in pool.Take(Math.Min(MaxReplays, answerable.Length))) replays.Add((d.Doc, d.Group, false));

        // Each replayed phrasing is scored by a classifier that never saw it: two classifiers on alternate halves.
        var half = new Models.LinearModel?[2];
        if (index.Classifier is not null)
            Parallel.For(0, 2, h => half[h] = FaqIndex.TrainClassifier(index.Docs, index.Classifier.Classes, index.Tfidf.Dimension, seed, d => d % 2 != h));
        var candidates = new List<FaqIndex.Candidate>[replays.Count];
        Parallel.For(0, replays.Count, i =>
        {
            var (doc, group, ans) = replays[i];
            var q = index.DocAt(doc);
            candidates[i] = index.Candidates(q.Text, q.Vector, doc, ans ? -1 : group, 12, half[doc % 2]);
        });

        BoostedTrees TrainOn(Func<int, bool> include)
        {
            var xs = new List<float[]>(); var ys = new List<bool>();
            for (var i = 0; i < replays.Count; i++)
            {
                if (!include(i)) continue;
                foreach (var c in candidates[i]) { xs.Add(c.Features); ys.Add(replays[i].Answerable && c.Group == replays[i].Group); }
            }
            return BoostedTrees.Train([.. xs], [.. ys], new BoostedTreesOptions { Trees = 100, MinLeaf = 10 });
        }

        // Out-of-fold top scores (two halves) choose the threshold; the final ranker learns from every replay.
        var best = new float[replays.Count]; var correct = new bool[replays.Count];
        var halves = new BoostedTrees[2];
        Parallel.For(0, 2, h => halves[h] = TrainOn(i => i % 2 != h));
        for (var i = 0; i < replays.Count; i++)
        {
            var m = halves[i % 2];
            best[i] = 0; correct[i] = false;
            foreach (var c in candidates[i])
            {
                var s = m.Probability(c.Features);
                if (s > best[i]) { best[i] = s; correct[i] = replays[i].Answerable && c.Group == replays[i].Group; }
            }
        }
        var threshold = BalancedThreshold(best, correct, replays.Select(r => r.Answerable).ToArray());
        return new FaqRanker(TrainOn(_ => true), threshold);
    }

    // Maximises the mean of "answerable: top-1 right and accepted" and "unanswerable: rejected".
    private static float BalancedThreshold(float[] best, bool[] correct, bool[] answerable)
    {
        int nA = answerable.Count(a => a), nU = answerable.Length - nA;
        if (nA == 0 || nU == 0) return 0.5f;
        float bestT = 0.5f; var bestScore = -1.0;
        for (var t = 0.02f; t < 0.98f; t += 0.01f)
        {
            int okA = 0, okU = 0;
            for (var i = 0; i < best.Length; i++)
            {
                if (answerable[i]) { if (correct[i] && best[i] >= t) okA++; }
                else if (best[i] < t) okU++;
            }
            var score = 0.5 * okA / nA + 0.5 * okU / nU;
            if (score > bestScore + 1e-9) { bestScore = score; bestT = t; }
        }
        return bestT;
    }
}
