using System.Globalization;
using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

// TEMPORARY development hook: environment overrides for hyper-parameter sweeps.
internal static class Tuning
{
    private static float? F(string name) => Environment.GetEnvironmentVariable("CNLP_" + name) is { } v ? float.Parse(v, CultureInfo.InvariantCulture) : null;

    public static FeatureOptions Features(FeatureOptions o) => o with
    {
        CharMin = (int)(F("CHARMIN") ?? o.CharMin), CharMax = (int)(F("CHARMAX") ?? o.CharMax),
        CharWeight = F("CHARW") ?? o.CharWeight, WordWeight = F("WORDW") ?? o.WordWeight,
        WordBigrams = (F("BIGRAMS") ?? 1) > 0, MinDf = (int)(F("MINDF") ?? o.MinDf), SkipWindow = (int)(F("SKIP") ?? o.SkipWindow),
    };

    public static SoftmaxTrainerOptions Trainer(SoftmaxTrainerOptions o) => o with
    {
        Epochs = (int)(F("EPOCHS") ?? o.Epochs), LearningRate = F("LR") ?? o.LearningRate, L2 = F("L2") ?? o.L2,
    };

    public static float Value(string n, float d) => F(n) ?? d;
    public static int Folds(int f) => (int)(F("FOLDS") ?? f);
}
