using System.Diagnostics;
using Concierge.Nlp.Intents;

namespace Concierge.Nlp.Evaluation;

internal static class IntentEvaluation
{
    public const string Oos = "oos";

    public static List<LabeledText> Read(string path)
    {
        using var reader = DelimitedReader.OpenText(path);
        var rows = DelimitedReader.ReadCsv(reader, path, "text", "label")
            .Select(r => new LabeledText(r.Values[0], r.Values[1].Trim())).ToList();
        if (rows.Count == 0) throw new DatasetFormatException(path, 2, "the file has a header but no rows.");
        return rows;
    }

    public static List<KeyValuePair<string, double>> Run(string trainPath, string testPath, TextWriter stdout)
    {
        var train = Read(trainPath);
        var test = Read(testPath);
        var sw = Stopwatch.StartNew();
        var model = IntentClassifier.Train(train);
        var trainSeconds = sw.Elapsed.TotalSeconds;
        stdout.WriteLine($"trained on {train.Count} rows, {model.Labels.Count} intents in {trainSeconds:0.00}s (T={model.Temperature:0.00}, oos threshold={model.OutOfScopeThreshold:0.00})");

        model.Predict(test[0].Text); // warm-up so the rate measures steady state
        var predicted = new string[test.Count];
        sw.Restart();
        for (var i = 0; i < test.Count; i++)
        {
            var p = model.Predict(test[i].Text);
            predicted[i] = p.IsOutOfScope ? Oos : p.Label;
        }
        var predictSeconds = sw.Elapsed.TotalSeconds;
        var gold = test.Select(t => t.Label).ToArray();
        var figures = new List<KeyValuePair<string, double>>
        {
            new("accuracy", 100 * ClassificationMetrics.Accuracy(gold, predicted)),
            new("macro_f1", 100 * ClassificationMetrics.MacroF1(gold, predicted)),
        };
        var inScope = Enumerable.Range(0, gold.Length).Where(i => gold[i] != Oos).ToArray();
        figures.Add(new("in_scope_accuracy", 100 * ClassificationMetrics.Accuracy(inScope.Select(i => gold[i]).ToArray(), inScope.Select(i => predicted[i]).ToArray())));
        if (gold.Contains(Oos))
        {
            var (precision, recall) = ClassificationMetrics.PrecisionRecall(gold, predicted, Oos);
            figures.Add(new("oos_recall", 100 * recall));
            figures.Add(new("oos_precision", 100 * precision));
        }
        figures.Add(new("train_seconds", trainSeconds));
        figures.Add(new("predictions_per_second", test.Count / Math.Max(predictSeconds, 1e-9)));
        return figures;
    }
}
