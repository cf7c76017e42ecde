using System.Diagnostics;
using Concierge.Nlp.Matching;

namespace Concierge.Nlp.Evaluation;

internal static class PairEvaluation
{
    public static List<TextPair> Read(string path)
    {
        using var reader = DelimitedReader.OpenText(path);
        var pairs = new List<TextPair>();
        try
        {
            foreach (var rec in DelimitedReader.Parse(reader, path, '\t'))
            {
                if (rec.Fields.Count != 3)
                    throw new DatasetFormatException(path, rec.Line, $"expected 3 tab-separated fields (text_a, text_b, label) but found {rec.Fields.Count}.");
                var label = rec.Fields[2].Trim();
                if (pairs.Count == 0 && rec.Line == 1 && label.Equals("label", StringComparison.OrdinalIgnoreCase)) continue; // optional header
                if (label is not ("0" or "1"))
                    throw new DatasetFormatException(path, rec.Line, $"the label must be 0 or 1 (found '{label}').");
                pairs.Add(new TextPair(rec.Fields[0], rec.Fields[1], label == "1"));
            }
        }
        catch (System.Text.DecoderFallbackException) { throw new DatasetFormatException(path, 0, "the file is not valid UTF-8."); }
        catch (InvalidDataException) { throw new DatasetFormatException(path, 0, "the file is not valid gzip."); }
        if (pairs.Count == 0) throw new DatasetFormatException(path, 1, "the file has no pairs.");
        return pairs;
    }

    public static List<KeyValuePair<string, double>> Run(string trainPath, string testPath, TextWriter stdout)
    {
        var train = Read(trainPath);
        var test = Read(testPath);
        var sw = Stopwatch.StartNew();
        var matcher = PairMatcher.Train(train);
        stdout.WriteLine($"trained on {train.Count} pairs in {sw.Elapsed.TotalSeconds:0.00}s (threshold {matcher.Threshold:0.000})");
        var gold = new string[test.Count]; var predicted = new string[test.Count];
        var scores = new float[test.Count];
        Parallel.For(0, test.Count, i => scores[i] = matcher.Score(test[i].A, test[i].B));
        for (var i = 0; i < test.Count; i++)
        {
            gold[i] = test[i].IsMatch ? "1" : "0";
            predicted[i] = scores[i] >= matcher.Threshold ? "1" : "0";
        }
        return
        [
            new("accuracy", 100 * ClassificationMetrics.Accuracy(gold, predicted)),
            new("f1", 100 * ClassificationMetrics.F1(gold, predicted, "1")),
        ];
    }
}
