using Concierge.Nlp.Features;
using Concierge.Nlp.Models;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Intents;

/// <summary>Trains <see cref="IntentModel"/>s from labelled examples.</summary>
public static class IntentClassifier
{
    /// <summary>
    /// Trains a classifier: multinomial logistic regression with a nearest-centroid view, plus a small hidden-layer
    /// network over the same features whose logits are added (when the feature count fits its budget). Rows labelled <see cref="IntentTrainingOptions.OutOfScopeLabel"/> teach rejection (without
    /// them, see <see cref="IntentTrainingOptions.RightAnswersRejected"/>); the
    /// calibration temperature and out-of-scope threshold come from out-of-fold predictions on these examples only, and
    /// so does the choice of character n-gram range for mostly-Chinese training text (see <see cref="FeatureCandidates"/>).
    /// </summary>
    public static IntentModel Train(IEnumerable<LabeledText> examples, IntentTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new IntentTrainingOptions();
        var rows = examples.ToArray();
        var labels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var oosClass = Array.IndexOf(labels, options.OutOfScopeLabel);
        if (labels.Length - (oosClass >= 0 ? 1 : 0) < 1) throw new ArgumentException("Training needs at least one in-scope label.", nameof(examples));
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var ys = rows.Select(r => labelIndex[r.Label]).ToArray();

        var analyzed = new AnalyzedText[rows.Length];
        Parallel.For(0, rows.Length, i => analyzed[i] = AnalyzedText.Of(rows[i].Text));
        var trainer = new SoftmaxTrainerOptions { Seed = options.Seed };
        var network = new HiddenLayerOptions { Seed = options.Seed };

        float temperature = 1f, threshold = options.MinimumConfidence;
        var folds = options.CalibrationFolds >= 2 && rows.Length >= options.CalibrationFolds * 2 ? options.CalibrationFolds : 0;
        var fold = folds > 0 ? Calibration.StratifiedFolds(ys, folds, options.Seed) : [];
        // Feature settings to choose between on the out-of-fold predictions (first = default, kept on ties).
        var candidates = FeatureCandidates(analyzed, folds);
        var views = new (TextFeaturizer Featurizer, SparseVector[] Xs, bool[][] Unseen)[candidates.Length];
        for (var v = 0; v < candidates.Length; v++)
        {
            var featurizer = TextFeaturizer.Build(analyzed, candidates[v]);
            var xs = new SparseVector[rows.Length];
            Parallel.For(0, rows.Length, i => xs[i] = featurizer.Transform(analyzed[i]));
            views[v] = (featurizer, xs, UnseenByFold(xs, fold, folds, featurizer.Dimension, TextFeaturizer.EffectiveMinDf(candidates[v], rows.Length)));
        }
        // The fold models (per candidate) and the final model with the default features are independent: train them
        // side by side (task 0, the longest, is the final one; it is retrained only if another candidate wins).
        var oof = new float[candidates.Length][][];
        for (var v = 0; v < candidates.Length; v++) oof[v] = new float[rows.Length][];
        LinearModel? linear = null;
        HiddenLayer? hidden = null;
        var tasks = candidates.Length * folds + 1;
        Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            if (t == 0)
            {
                (linear, hidden) = TrainModels(views[0].Xs, ys, labels.Length, views[0].Featurizer.Dimension, trainer, network, null);
                return;
            }
            var (v, f) = ((t - 1) / folds, (t - 1) % folds);
            var (featurizer, xs, unseen) = views[v];
            var train = new List<int>();
            for (var i = 0; i < xs.Length; i++) if (fold[i] != f) train.Add(i);
            var (m, h) = TrainModels(xs, ys, labels.Length, featurizer.Dimension, trainer, network, train);
            var buf = new float[m.Stride];
            for (var i = 0; i < xs.Length; i++)
            {
                if (fold[i] != f) continue;
                // A held-out row loses the features only its own fold has, as live text loses n-grams training never
                // saw; otherwise they would dilute its norm and make the out-of-fold predictions look worse than
                // live ones (more so for settings with many rare features, which would bias the comparison).
                var x = xs[i];
                foreach (var id in x.Indices)
                    if (unseen[f][id]) { x = featurizer.Transform(analyzed[i], unseen[f]); break; }
                m.Score(x, buf);
                h?.AddScores(x, buf);
                oof[v][i] = buf[..labels.Length];
            }
        });
        var chosen = 0;
        for (var v = 1; v < candidates.Length; v++)
            if (Calibration.Accuracy(oof[v], ys, labels.Length) > Calibration.Accuracy(oof[chosen], ys, labels.Length)) chosen = v;
        if (chosen != 0)
            (linear, hidden) = TrainModels(views[chosen].Xs, ys, labels.Length, views[chosen].Featurizer.Dimension, trainer, network, null);
        var oofChosen = oof[chosen];
        if (folds > 0)
        {
            temperature = Calibration.FitTemperature(oofChosen, ys, labels.Length);
            if (oosClass >= 0) threshold = Calibration.FitOutOfScopeThreshold(oofChosen, ys, labels.Length, oosClass, temperature, options.ExpectedOutOfScopeShare);
            else threshold = Math.Max(threshold, Calibration.FitRightAnswerThreshold(oofChosen, ys, labels.Length, temperature, options.RightAnswersRejected));
        }
        var corrector = TypoCorrector.Build(analyzed.Select(a => a.Normalized).ToArray());
        return new IntentModel(views[chosen].Featurizer, QuantizedLinear.From(linear!), hidden, labels, oosClass, temperature, threshold, options.TopK, corrector);
    }

    /// <summary>
    /// The feature settings worth comparing for these texts. Latin-script text: character n-grams 1–5 (a 5-gram is
    /// about a word). Mostly Chinese/Japanese text: also 1–2, since one character is already a morpheme and the
    /// segmenter's words, word bigrams and word pairs carry the longer units; on short queries longer character n-grams
    /// are mostly rare, sparse features (3-fold out-of-fold accuracy on training data, 1–5 → 1–2: SMP2017 89.2 → 89.9,
    /// KUAKE-QIC 76.1 → 76.5), while on reviews they carry phrases (shopping reviews 94.0 → 93.9, so 1–5 stays). Which
    /// one a model uses is decided per training set by the out-of-fold predictions the calibration computes anyway.
    /// </summary>
    internal static FeatureOptions[] FeatureCandidates(IReadOnlyList<AnalyzedText> texts, int folds)
    {
        var standard = new FeatureOptions();
        if (folds == 0) return [standard];
        long cjk = 0, letters = 0;
        foreach (var t in texts)
            foreach (var c in t.Normalized)
            {
                if (!char.IsLetterOrDigit(c)) continue;
                letters++;
                if (c >= '\u3040' && c <= '\u9FFF' || c >= '\uF900' && c <= '\uFAFF') cjk++;
            }
        return cjk * 2 > letters ? [standard, standard with { CharMax = 2 }] : [standard];
    }

    /// <summary>Per fold, the features that the other folds' rows have fewer than <paramref name="minDf"/> times.</summary>
    private static bool[][] UnseenByFold(SparseVector[] xs, int[] fold, int folds, int features, int minDf)
    {
        var df = new int[(long)features * Math.Max(1, folds)];
        var total = new int[features];
        for (var i = 0; i < xs.Length && folds > 0; i++)
            foreach (var id in xs[i].Indices) { df[(long)id * folds + fold[i]]++; total[id]++; }
        var unseen = new bool[folds][];
        for (var f = 0; f < folds; f++)
        {
            unseen[f] = new bool[features];
            for (var id = 0; id < features; id++) unseen[f][id] = total[id] - df[(long)id * folds + f] < minDf;
        }
        return unseen;
    }

    private static (LinearModel Linear, HiddenLayer? Hidden) TrainModels(SparseVector[] xs, int[] ys, int classes, int features,
        SoftmaxTrainerOptions trainer, HiddenLayerOptions network, List<int>? subset) =>
        (TrainLinear(xs, ys, classes, features, trainer, subset), HiddenLayer.Train(xs, ys, classes, features, network, subset));

    // Scale of the nearest-centroid view added to the logistic-regression logits (cosine ∈ [0, 1] × this).
    private const float CentroidScale = 5f;

    /// <summary>Multinomial logistic regression plus a nearest-centroid view, folded into one linear model.</summary>
    internal static LinearModel TrainLinear(SparseVector[] xs, int[] ys, int classes, int features, SoftmaxTrainerOptions trainer, List<int>? subset)
    {
        var linear = SoftmaxTrainer.Train(xs, ys, classes, features, trainer, subset);
        CentroidBuilder.AddInto(linear, CentroidBuilder.Build(xs, ys, classes, features, CentroidScale, subset));
        return linear;
    }
}
