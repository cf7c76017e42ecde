namespace Concierge.Nlp.Sentiment;

/// <summary>
/// Lexicon evidence for one message: <see cref="Polarity"/> in [-1, 1] (negative to positive) and, in [0, 1), how
/// strongly the message shows each customer-service emotion. All zero means neutral.
/// </summary>
public sealed record EmotionScores(double Polarity, double Angry, double Anxious, double Disappointed, double Satisfied)
{
    /// <summary>Below this no emotion is called dominant.</summary>
    public const double DominanceThreshold = 0.25;

    /// <summary>No evidence at all.</summary>
    public static EmotionScores Neutral { get; } = new(0, 0, 0, 0, 0);

    /// <summary>"angry", "anxious", "disappointed", "satisfied" or "neutral"; ties go to the more urgent emotion, in that order.</summary>
    public string Dominant
    {
        get
        {
            var (name, best) = ("neutral", DominanceThreshold - 1e-9);
            if (Angry > best) (name, best) = ("angry", Angry);
            if (Anxious > best) (name, best) = ("anxious", Anxious);
            if (Disappointed > best) (name, best) = ("disappointed", Disappointed);
            if (Satisfied > best) (name, _) = ("satisfied", Satisfied);
            return name;
        }
    }
}
