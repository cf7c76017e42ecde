namespace Concierge.Nlp.Intents;

/// <summary>One training example: a customer's text and the label it carries (e.g. an intent, or "oos").</summary>
public sealed record LabeledText(string Text, string Label);
