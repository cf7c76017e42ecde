using Concierge.Nlp.Features;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Intents;

/// <summary>Trains <see cref="IntentModel"/>s from labelled examples.</summary>
public static class IntentClassifier
{
    /// <summary>
    /// Trains a classifier. Rows labelled <see cref="IntentTrainingOptions.OutOfScopeLabel"/> teach rejection; the
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
        var featureOptions = Tuning.Features(new FeatureOptions());
        var featurizer = TextFeaturizer.Build(analyzed, featureOptions);
        var xs = new SparseVector[rows.Length];
        Parallel.For(0, rows.Length, i => xs[i] = featurizer.Transform(analyzed[i]));
        var trainer = Tuning.Trainer(new SoftmaxTrainerOptions { Seed = options.Seed });

        float temperature = 1f, threshold = options.MinimumConfidence;
        var folds = Tuning.Folds(options.CalibrationFolds);
        if (folds >= 2 && rows.Length >= folds * 2)
        {
            var oof = OutOfFoldLogits(xs, ys, labels.Length, featurizer.Dimension, trainer, folds, options.Seed);
            temperature = Calibration.FitTemperature(oof, ys, labels.Length);
            if (oosClass >= 0) threshold = Calibration.FitOutOfScopeThreshold(oof, ys, labels.Length, oosClass, temperature);
        }
        var linear = SoftmaxTrainer.Train(xs, ys, labels.Length, featurizer.Dimension, trainer);
        var cent = Tuning.Value("CENT", 5);
        if (cent > 0) CentroidBuilder.AddInto(linear, CentroidBuilder.Build(xs, ys, labels.Length, featurizer.Dimension, cent));
        return new IntentModel(featurizer, linear, labels, oosClass, temperature, threshold, options.TopK);
    }

    internal static float[][] OutOfFoldLogits(SparseVector[] xs, int[] ys, int classes, int features,
        SoftmaxTrainerOptions trainer, int folds, int seed)
    {
        var fold = Calibration.StratifiedFolds(ys, folds, seed);
        var logits = new float[xs.Length][];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            var train = new List<int>();
            for (var i = 0; i < xs.Length; i++) if (fold[i] != f) train.Add(i);
            var m = SoftmaxTrainer.Train(xs, ys, classes, features, trainer, train);
            var buf = new float[m.Stride];
            for (var i = 0; i < xs.Length; i++)
            {
                if (fold[i] != f) continue;
                m.Score(xs[i], buf);
                logits[i] = buf[..classes];
            }
        });
        return logits;
    }
}
