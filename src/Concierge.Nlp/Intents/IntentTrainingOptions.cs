namespace Concierge.Nlp.Intents;

/// <summary>Options for <see cref="IntentClassifier.Train"/>. The defaults are what the benchmarks use.</summary>
public sealed record IntentTrainingOptions
{
    /// <summary>Seed for shuffling and fold assignment: the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>The label marking out-of-scope examples; such rows teach the model what to reject.</summary>
    public string OutOfScopeLabel { get; init; } = "oos";

    /// <summary>
    /// Folds used for out-of-fold predictions on the training data, from which the confidence calibration and the
    /// out-of-scope threshold are learned (no test data is ever consulted). 0 or 1 disables calibration.
    /// </summary>
    public int CalibrationFolds { get; init; } = 3;

    /// <summary>
    /// A floor on confidence below which a prediction is out of scope, for training data without out-of-scope rows (on
    /// top of <see cref="RightAnswersRejected"/>). 0 (default) adds nothing.
    /// </summary>
    public float MinimumConfidence { get; init; }

    /// <summary>
    /// For training data without out-of-scope rows, which cannot say how common unrelated messages are: the share of
    /// the model's own right answers (out-of-fold predictions on the training data) that the out-of-scope threshold may
    /// turn away. The threshold is the confidence below which that share of them falls, so the model rejects only
    /// messages it is less sure of than of nearly everything it answers right ("what's the capital of Spain" to a
    /// shop's intents). Default 0.25 %; 0 means such models never reject (sentiment models use 0).
    /// </summary>
    public float RightAnswersRejected { get; init; } = 0.0025f;

    /// <summary>
    /// The share of live messages expected to be out of scope (0–1). The out-of-scope threshold maximises
    /// (1 − share) × in-scope accuracy + share × out-of-scope recall on out-of-fold training predictions; raise it
    /// to reject more eagerly.
    /// </summary>
    public float ExpectedOutOfScopeShare { get; init; } = 0.2f;

    /// <summary>How many ranked alternatives each prediction carries.</summary>
    public int TopK { get; init; } = 3;
}
