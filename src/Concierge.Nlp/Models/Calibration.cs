namespace Concierge.Nlp.Models;

/// <summary>Temperature scaling and threshold selection from out-of-fold predictions on the training data.</summary>
internal static class Calibration
{
    public static int[] StratifiedFolds(int[] ys, int folds, int seed)
    {
        var rng = new Random(seed);
        var fold = new int[ys.Length];
        var byClass = ys.Select((y, i) => (y, i)).GroupBy(p => p.y).OrderBy(g => g.Key);
        var offset = 0;
        foreach (var g in byClass)
        {
            var members = g.Select(p => p.i).ToArray();
            rng.Shuffle(members);
            for (var k = 0; k < members.Length; k++) fold[members[k]] = (k + offset) % folds;
            offset += members.Length;
        }
        return fold;
    }

    /// <summary>Share of rows whose highest logit is their label (ties: the lower class).</summary>
    public static double Accuracy(float[][] logits, int[] ys, int classes)
    {
        var right = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++) if (logits[i][c] > logits[i][best]) best = c;
            if (best == ys[i]) right++;
        }
        return logits.Length == 0 ? 0 : (double)right / logits.Length;
    }

    /// <summary>
    /// The temperature minimising negative log-likelihood of the out-of-fold logits, never below 1: calibration may
    /// soften the model's scores but not sharpen them. Real training sets land at 1.6–2.5; a small, clean one whose
    /// out-of-fold answers are all right would otherwise be sharpened without limit (T = 0.05), and every message — "hello",
    /// "play some music" to a shop's intents — would score a certain 1.0.
    /// </summary>
    public static float FitTemperature(float[][] logits, int[] ys, int classes)
    {
        double Nll(float t)
        {
            double total = 0;
            var p = new float[classes];
            for (var i = 0; i < logits.Length; i++)
            {
                logits[i].CopyTo(p, 0);
                LinearModel.Softmax(p, classes, t);
                total -= Math.Log(Math.Max(p[ys[i]], 1e-12f));
            }
            return total;
        }
        float best = 1f; var bestNll = Nll(1f);
        for (var t = 0.05f; t <= 5f; t *= 1.15f)
        {
            if (t < 1f) continue;
            var nll = Nll(t);
            if (nll < bestNll) { bestNll = nll; best = t; }
        }
        return best;
    }

    /// <summary>
    /// The confidence threshold that maximises expected accuracy on live traffic of which a share
    /// <paramref name="oosShare"/> is out of scope: (1 − share) × in-scope accuracy + share × out-of-scope recall, both
    /// measured on the out-of-fold predictions. (The training set's own share is no guide: it holds few OOS rows.)
    /// </summary>
    public static float FitOutOfScopeThreshold(float[][] logits, int[] ys, int classes, int oosClass, float temperature, float oosShare)
    {
        var n = logits.Length;
        var (best, correct, oosArg) = Decisions(logits, ys, classes, oosClass, temperature);
        int inScope = ys.Count(y => y != oosClass), outScope = n - inScope;
        if (outScope == 0 || inScope == 0) return 0f;
        float bestT = 0; var bestScore = -1.0;
        for (var t = 0f; t <= 0.95f; t += 0.01f)
        {
            int okIn = 0, okOut = 0;
            for (var i = 0; i < n; i++)
            {
                var reject = oosArg[i] || best[i] < t;
                if (ys[i] == oosClass) { if (reject) okOut++; }
                else if (!reject && correct[i]) okIn++;
            }
            var score = (1 - oosShare) * okIn / inScope + oosShare * okOut / outScope;
            if (score > bestScore + 1e-9) { bestScore = score; bestT = t; }
        }
        return bestT;
    }

    /// <summary>
    /// The highest confidence threshold (in steps of 0.01) that turns away at most a share <paramref name="budget"/> of
    /// the out-of-fold predictions that are right — for models whose training data has no out-of-scope rows.
    /// </summary>
    public static float FitRightAnswerThreshold(float[][] logits, int[] ys, int classes, float temperature, float budget)
    {
        if (budget <= 0) return 0f;
        var (best, correct, _) = Decisions(logits, ys, classes, -1, temperature);
        var confidences = best.Where((_, i) => correct[i]).ToArray();
        if (confidences.Length == 0) return 0f;
        var allowed = budget * confidences.Length;
        var threshold = 0f;
        for (var t = 0.01f; t <= 0.95f; t += 0.01f)
        {
            var rejected = 0;
            foreach (var c in confidences) if (c < t) rejected++;
            if (rejected > allowed) break;
            threshold = t;
        }
        return threshold;
    }

    /// <summary>
    /// Per out-of-fold row, as the model decides: the best in-scope probability (at <paramref name="temperature"/>),
    /// whether that class is the row's own, and whether the out-of-scope class (if any, else −1) has the top score.
    /// </summary>
    private static (float[] Best, bool[] Correct, bool[] OosArg) Decisions(float[][] logits, int[] ys, int classes, int oosClass, float temperature)
    {
        var n = logits.Length;
        var best = new float[n]; var correct = new bool[n]; var oosArg = new bool[n];
        var p = new float[classes];
        for (var i = 0; i < n; i++)
        {
            logits[i].CopyTo(p, 0);
            LinearModel.Softmax(p, classes, temperature);
            var (b, bp, arg) = Intents.IntentModel.Inspect(p, classes, oosClass);
            best[i] = bp; correct[i] = b == ys[i]; oosArg[i] = oosClass >= 0 && arg == oosClass;
        }
        return (best, correct, oosArg);
    }

    /// <summary>The score threshold maximising accuracy of "score ≥ t means positive" (midpoint between neighbours).</summary>
    public static float BestAccuracyThreshold(float[] scores, bool[] ys)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var positives = ys.Count(y => y);
        // Threshold below everything: all predicted positive.
        int correct = positives, best = positives;
        var bestT = order.Length > 0 ? scores[order[0]] - 1e-6f : 0.5f;
        for (var k = 0; k < order.Length; k++)
        {
            correct += ys[order[k]] ? -1 : 1;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;
            if (correct > best)
            {
                best = correct;
                bestT = k + 1 < order.Length ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]] + 1e-6f;
            }
        }
        return bestT;
    }
}
