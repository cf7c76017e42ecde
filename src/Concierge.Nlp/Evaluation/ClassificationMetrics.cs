namespace Concierge.Nlp.Evaluation;

/// <summary>Standard classification metrics over gold and predicted labels (rates as fractions 0–1).</summary>
internal static class ClassificationMetrics
{
    public static double Accuracy(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        Check(gold, predicted);
        if (gold.Count == 0) return 0;
        var ok = 0;
        for (var i = 0; i < gold.Count; i++) if (gold[i] == predicted[i]) ok++;
        return (double)ok / gold.Count;
    }

    /// <summary>Unweighted mean of per-label F1 over every label that occurs in gold or predictions.</summary>
    public static double MacroF1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        Check(gold, predicted);
        var labels = gold.Concat(predicted).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) return 0;
        double sum = 0;
        foreach (var l in labels) sum += F1(gold, predicted, l);
        return sum / labels.Count;
    }

    /// <summary>F1 of one label treated as the positive class.</summary>
    public static double F1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, string positive)
    {
        var (p, r) = PrecisionRecall(gold, predicted, positive);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public static (double Precision, double Recall) PrecisionRecall(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, string positive)
    {
        Check(gold, predicted);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i] == positive; var p = predicted[i] == positive;
            if (g && p) tp++; else if (p) fp++; else if (g) fn++;
        }
        return (tp + fp == 0 ? 0 : (double)tp / (tp + fp), tp + fn == 0 ? 0 : (double)tp / (tp + fn));
    }

    private static void Check(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("Gold and predicted label lists differ in length.");
    }
}
