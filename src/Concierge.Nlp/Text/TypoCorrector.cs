namespace Concierge.Nlp.Text;

/// <summary>
/// Repairs a query's typos against the text a model already knows: same-sounding wrong Chinese characters
/// (<see cref="HomophoneCorrector"/>: 退宽 → 退款) and English words one letter off (<see cref="SpellingCorrector"/>:
/// arrivd → arrived). Each leaves text it has no reason to touch as typed. Immutable and thread-safe.
/// </summary>
internal sealed class TypoCorrector
{
    private TypoCorrector(HomophoneCorrector chinese, SpellingCorrector english) { Chinese = chinese; English = english; }

    public HomophoneCorrector Chinese { get; }
    public SpellingCorrector English { get; }

    /// <summary>Corrects nothing (a lexical-only index: the plain BM25 reference).</summary>
    public static TypoCorrector Empty { get; } = new(HomophoneCorrector.Empty, SpellingCorrector.Empty);

    /// <summary>Learns from <paramref name="normalizedTexts"/> (output of <see cref="TextNormalizer.Normalize"/>).</summary>
    public static TypoCorrector Build(IReadOnlyCollection<string> normalizedTexts) =>
        new(HomophoneCorrector.Build(normalizedTexts), SpellingCorrector.Build(normalizedTexts));

    /// <summary><paramref name="normalized"/> repaired, or the same instance when nothing changes.</summary>
    public string Correct(string normalized) => English.Correct(Chinese.Correct(normalized));

    /// <summary>Approximate bytes held.</summary>
    public long ApproximateBytes => Chinese.PairCount * 40L + English.WordCount * 120L;

    public void Write(BinaryWriter w)
    {
        Chinese.Write(w);
        English.Write(w);
    }

    public static TypoCorrector Read(BinaryReader r) => new(HomophoneCorrector.Read(r), SpellingCorrector.Read(r));
}
