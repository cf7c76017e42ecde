using Concierge.Nlp.Features;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Intents;

/// <summary>Trains <see cref="IntentModel"/>s from labelled examples.</summary>
public static class IntentClassifier
{
    /// <summary>
    /// Trains a classifier: multinomial logistic regression with a nearest-centroid view, plus a small hidden-layer
    /// network over the same features whose logits are added (when the feature count fits its budget). Rows labelled <see cref="IntentTrainingOptions.OutOfScopeLabel"/> teach rejection; the
    /// calibration temperature and out-of-scope threshold come from out-of-fold predictions on these examples only.
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
        var featureOptions = new FeatureOptions();
        var featurizer = TextFeaturizer.Build(analyzed, featureOptions);
        var xs = new SparseVector[rows.Length];
        Parallel.For(0, rows.Length, i => xs[i] = featurizer.Transform(analyzed[i]));
        var trainer = new SoftmaxTrainerOptions { Seed = options.Seed };

        float temperature = 1f, threshold = options.MinimumConfidence;
        var folds = options.CalibrationFolds >= 2 && rows.Length >= options.CalibrationFolds * 2 ? options.CalibrationFolds : 0;
        // The fold models and the final model are independent: train them side by side (task `folds` is the final one).
        var fold = folds > 0 ? Calibration.StratifiedFolds(ys, folds, options.Seed) : [];
        var oof = new float[rows.Length][];
        LinearModel? linear = null;
        HiddenLayer? hidden = null;
        var network = new HiddenLayerOptions { Seed = options.Seed };
        Parallel.For(0, folds + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            if (f == folds)
            {
                linear = TrainLinear(xs, ys, labels.Length, featurizer.Dimension, trainer, null);
                hidden = HiddenLayer.Train(xs, ys, labels.Length, featurizer.Dimension, network);
                return;
            }
            var train = new List<int>();
            for (var i = 0; i < xs.Length; i++) if (fold[i] != f) train.Add(i);
            var m = TrainLinear(xs, ys, labels.Length, featurizer.Dimension, trainer, train);
            var h = HiddenLayer.Train(xs, ys, labels.Length, featurizer.Dimension, network, train);
            var buf = new float[m.Stride];
            for (var i = 0; i < xs.Length; i++)
            {
                if (fold[i] != f) continue;
                m.Score(xs[i], buf);
                h?.AddScores(xs[i], buf);
                oof[i] = buf[..labels.Length];
            }
        });
        if (folds > 0)
        {
            temperature = Calibration.FitTemperature(oof, ys, labels.Length);
            if (oosClass >= 0) threshold = Calibration.FitOutOfScopeThreshold(oof, ys, labels.Length, oosClass, temperature, options.ExpectedOutOfScopeShare);
        }
        return new IntentModel(featurizer, QuantizedLinear.From(linear!), hidden, labels, oosClass, temperature, threshold, options.TopK);
    }

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
