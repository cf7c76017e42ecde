namespace Concierge.Nlp.Sentiment;

/// <summary>Polarity ("positive", "neutral" or "negative") with a score in [-1, 1], and the dominant customer-service emotion.</summary>
public sealed record SentimentResult(string Polarity, float Score, string Emotion, EmotionScores Emotions);

/// <summary>
/// Per-message sentiment for the inbox, routing and analytics. Works out of the box from the curated emotion lexicon
/// (negation and intensity aware); given a trained <see cref="SentimentModel"/>, its polarity leads and the lexicon
/// supplies the emotions. Thread-safe.
/// </summary>
public sealed class SentimentAnalyzer(SentimentModel? model = null, EmotionLexicon? lexicon = null)
{
    /// <summary>Scores within ±this of zero are neutral.</summary>
    public const float NeutralBand = 0.2f;

    private const float ModelWeight = 0.75f;
    private readonly EmotionLexicon _lexicon = lexicon ?? EmotionLexicon.Default;

    /// <summary>The lexicon-only analyzer.</summary>
    public static SentimentAnalyzer Default { get; } = new();

    /// <summary>Analyses one message.</summary>
    public SentimentResult Analyze(string? text)
    {
        var emotions = _lexicon.Score(text);
        var lexical = (float)Math.Clamp(emotions.Polarity, -1, 1);
        var score = model is null || string.IsNullOrWhiteSpace(text)
            ? lexical
            : ModelWeight * model.Polarity(text) + (1 - ModelWeight) * lexical;
        var polarity = score > NeutralBand ? "positive" : score < -NeutralBand ? "negative" : "neutral";
        var emotion = emotions.Dominant;
        // The lexicon may find no emotion word in a clearly negative or positive message; the polarity still tells.
        if (emotion == "neutral" && score <= -0.5f) emotion = "disappointed";
        else if (emotion == "neutral" && score >= 0.5f) emotion = "satisfied";
        else if (emotion == "satisfied" && score < -NeutralBand) emotion = "disappointed";
        return new SentimentResult(polarity, score, emotion, emotions);
    }
}
