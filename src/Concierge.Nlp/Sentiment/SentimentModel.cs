using Concierge.Nlp.Intents;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Sentiment;

/// <summary>
/// A trained polarity classifier (e.g. from a company's rated reviews or tagged messages). Labels such as
/// pos/positive/1 and neg/negative/0 (and neutral) give <see cref="Polarity"/> its sign. Immutable and thread-safe.
/// </summary>
public sealed class SentimentModel
{
    private const string Magic = "CSEN";
    private readonly IntentModel _classifier;
    private readonly Dictionary<string, float> _sign;

    private SentimentModel(IntentModel classifier)
    {
        _classifier = classifier;
        _sign = classifier.Labels.ToDictionary(l => l, SignOf, StringComparer.Ordinal);
    }

    /// <summary>The labels seen in training.</summary>
    public IReadOnlyList<string> Labels => _classifier.Labels;

    /// <summary>Trains from labelled texts; deterministic given <paramref name="seed"/>.</summary>
    public static SentimentModel Train(IEnumerable<LabeledText> examples, int seed = 13)
    {
        // Sentiment has no out-of-scope class and every text has a polarity: nothing is rejected. Calibration still comes
        // from out-of-fold predictions.
        var model = IntentClassifier.Train(examples, new IntentTrainingOptions { Seed = seed, OutOfScopeLabel = "\u0000", TopK = 3, RightAnswersRejected = 0 });
        return new SentimentModel(model);
    }

    /// <summary>The most likely label as given in training.</summary>
    public string PredictLabel(string text) => _classifier.Predict(text).Label;

    /// <summary>Expected polarity in [-1, 1]: P(positive labels) − P(negative labels).</summary>
    public float Polarity(string text)
    {
        var p = _classifier.Predict(text);
        float score = 0;
        foreach (var alt in p.Alternatives) score += alt.Confidence * _sign.GetValueOrDefault(alt.Label);
        return Math.Clamp(score, -1f, 1f);
    }

    internal static float SignOf(string label) => label.Trim().ToLowerInvariant() switch
    {
        "pos" or "positive" or "1" or "good" or "好评" or "正面" or "积极" or "satisfied" => 1f,
        "neg" or "negative" or "0" or "-1" or "bad" or "差评" or "负面" or "消极" or "angry" or "disappointed" => -1f,
        _ => 0f,
    };

    /// <summary>Writes the model in the versioned binary format.</summary>
    public void Save(Stream stream)
    {
        using (var w = ModelFormat.OpenWriter(stream, Magic)) w.Flush();
        _classifier.Save(stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static SentimentModel Load(Stream stream)
    {
        using (ModelFormat.OpenReader(stream, Magic)) { }
        return new SentimentModel(IntentModel.Load(stream));
    }
}
