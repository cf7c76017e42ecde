using Concierge.Nlp.Features;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Matching;

/// <summary>A labelled question pair: do <see cref="A"/> and <see cref="B"/> ask the same thing?</summary>
public sealed record TextPair(string A, string B, bool IsMatch);

/// <summary>
/// Question-pair similarity learned from labelled pairs: similarity features (see the engine docs) scored by small
/// gradient-boosted trees, with a logistic layer over the words in which the two questions differ stacked on top. The decision threshold is chosen on out-of-fold predictions over the training pairs only.
/// Immutable and thread-safe.
/// </summary>
public sealed class PairMatcher
{
    private const string Magic = "CPAI";
    private readonly BoostedTrees _trees;
    private readonly WordIdf _idf;
    private readonly TextFeaturizer _tfidf;

    private readonly DifferenceModel _difference;

    private PairMatcher(BoostedTrees trees, DifferenceModel difference, WordIdf idf, TextFeaturizer tfidf, float threshold)
    {
        _trees = trees; _difference = difference; _idf = idf; _tfidf = tfidf; Threshold = threshold;
    }

    /// <summary>Scores at or above this are a match (fitted on the training pairs).</summary>
    public float Threshold { get; }

    /// <summary>Trains on labelled pairs; deterministic.</summary>
    public static PairMatcher Train(IEnumerable<TextPair> pairs, int seed = 13)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var rows = pairs.ToArray();
        if (rows.Length < 4 || rows.All(r => r.IsMatch) || rows.All(r => !r.IsMatch))
            throw new ArgumentException("Training needs at least a few matching and non-matching pairs.", nameof(pairs));
        var a = new AnalyzedText[rows.Length]; var b = new AnalyzedText[rows.Length];
        Parallel.For(0, rows.Length, i => { a[i] = AnalyzedText.Of(rows[i].A); b[i] = AnalyzedText.Of(rows[i].B); });
        var texts = a.Concat(b).ToArray();
        var idf = WordIdf.Build(texts.Select(t => t.Tokens));
        var tfidf = TextFeaturizer.Build(texts, TfidfOptions);
        var xs = new float[rows.Length][];
        var diffs = new int[rows.Length][];
        Parallel.For(0, rows.Length, i =>
        {
            var (sa, sb) = (PairFeatures.PairSide.Of(a[i]), PairFeatures.PairSide.Of(b[i]));
            xs[i] = new float[PairFeatures.Count];
            PairFeatures.Compute(sa, sb, idf, tfidf.Transform(a[i]).Sorted().Dot(tfidf.Transform(b[i]).Sorted()), xs[i]);
            diffs[i] = DifferenceModel.Features(sa, sb);
        });
        var ys = rows.Select(r => r.IsMatch).ToArray();
        var options = new BoostedTreesOptions();

        // Out-of-fold tree margins feed the difference layer (so it learns from honest margins), and out-of-fold
        // scores of the whole stack choose the threshold. Nothing outside the training pairs is consulted.
        const int folds = 3;
        var fold = Calibration.StratifiedFolds(ys.Select(y => y ? 1 : 0).ToArray(), folds, seed);
        var oofMargin = new float[rows.Length];
        Parallel.For(0, folds, f =>
        {
            var idx = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
            var m = BoostedTrees.Train(idx.Select(i => xs[i]).ToArray(), idx.Select(i => ys[i]).ToArray(), options);
            for (var i = 0; i < rows.Length; i++) if (fold[i] == f) oofMargin[i] = m.Margin(xs[i]);
        });
        var oofScore = new float[rows.Length];
        for (var f = 0; f < folds; f++)
        {
            var idx = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
            var d = DifferenceModel.Train(diffs, oofMargin, ys, idx, seed);
            for (var i = 0; i < rows.Length; i++) if (fold[i] == f) oofScore[i] = d.Probability(diffs[i], oofMargin[i]);
        }
        var threshold = Calibration.BestAccuracyThreshold(oofScore, ys);
        var difference = DifferenceModel.Train(diffs, oofMargin, ys, Enumerable.Range(0, rows.Length).ToArray(), seed);
        return new PairMatcher(BoostedTrees.Train(xs, ys, options), difference, idf, tfidf, threshold);
    }

    internal static readonly FeatureOptions TfidfOptions = new() { CharMin = 1, CharMax = 3, WordBigrams = false, SkipWindow = 0, MinDf = 1 };

    /// <summary>P(the two texts ask the same thing), in [0, 1].</summary>
    public float Score(string a, string b) => Score(AnalyzedText.Of(a), AnalyzedText.Of(b));

    internal float Score(AnalyzedText a, AnalyzedText b)
    {
        var (sa, sb) = (PairFeatures.PairSide.Of(a), PairFeatures.PairSide.Of(b));
        Span<float> f = stackalloc float[PairFeatures.Count];
        PairFeatures.Compute(sa, sb, _idf, _tfidf.Transform(a).Sorted().Dot(_tfidf.Transform(b).Sorted()), f);
        return _difference.Probability(DifferenceModel.Features(sa, sb), _trees.Margin(f));
    }

    /// <summary>Whether <see cref="Score(string, string)"/> reaches <see cref="Threshold"/>.</summary>
    public bool IsMatch(string a, string b) => Score(a, b) >= Threshold;

    /// <summary>Writes the matcher in the versioned binary format.</summary>
    public void Save(Stream stream)
    {
        using var w = ModelFormat.OpenWriter(stream, Magic);
        w.Write(Threshold);
        _idf.Write(w); _tfidf.Write(w); _trees.Write(w); _difference.Write(w);
    }

    /// <summary>Reads a matcher written by <see cref="Save"/>.</summary>
    public static PairMatcher Load(Stream stream)
    {
        using var r = ModelFormat.OpenReader(stream, Magic);
        var t = r.ReadSingle();
        var idf = WordIdf.Read(r); var tfidf = TextFeaturizer.Read(r); var trees = BoostedTrees.Read(r);
        return new PairMatcher(trees, DifferenceModel.Read(r), idf, tfidf, t);
    }
}
