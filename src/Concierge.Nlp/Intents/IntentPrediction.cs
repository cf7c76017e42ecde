namespace Concierge.Nlp.Intents;

/// <summary>A label and its calibrated probability.</summary>
public sealed record ScoredLabel(string Label, float Confidence);

/// <summary>
/// The classifier's answer. <see cref="Label"/> is the best in-scope label even when <see cref="IsOutOfScope"/> is
/// true (useful as a "did you mean"); <see cref="Confidence"/> is its calibrated probability.
/// </summary>
public sealed record IntentPrediction(string Label, float Confidence, bool IsOutOfScope, IReadOnlyList<ScoredLabel> Alternatives);
