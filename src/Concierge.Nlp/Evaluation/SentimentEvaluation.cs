using Concierge.Nlp.Sentiment;

namespace Concierge.Nlp.Evaluation;

internal static class SentimentEvaluation
{
    public static List<KeyValuePair<string, double>> Run(string trainPath, string testPath, TextWriter stdout)
    {
        var train = IntentEvaluation.Read(trainPath);
        var test = IntentEvaluation.Read(testPath);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var model = SentimentModel.Train(train);
        stdout.WriteLine($"trained on {train.Count} rows, {model.Labels.Count} labels in {sw.Elapsed.TotalSeconds:0.00}s");
        var predicted = new string[test.Count];
        Parallel.For(0, test.Count, i => predicted[i] = model.PredictLabel(test[i].Text));
        var gold = test.Select(t => t.Label).ToArray();
        return
        [
            new("accuracy", 100 * ClassificationMetrics.Accuracy(gold, predicted)),
            new("macro_f1", 100 * ClassificationMetrics.MacroF1(gold, predicted)),
        ];
    }
}
