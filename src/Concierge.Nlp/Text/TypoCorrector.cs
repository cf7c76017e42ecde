namespace Concierge.Nlp.Text;

/// <summary>
/// Repairs a query against the text a model already knows: chat spelling the vocabulary never uses written in full
/// (<see cref="Colloquial"/>: 咋 → 怎么, dont → don't), same-sounding wrong Chinese characters
/// (<see cref="HomophoneCorrector"/>: 退宽 → 退款) and English words one letter off (<see cref="SpellingCorrector"/>:
/// arrivd → arrived). Each leaves text it has no reason to touch as typed. Immutable and thread-safe.
/// </summary>
internal sealed class TypoCorrector
{
    // The chat-spelling forms the vocabulary itself uses (kept as typed); null: no standardising at all.
    private readonly HashSet<string>? _colloquialKept;

    private TypoCorrector(HomophoneCorrector chinese, SpellingCorrector english, HashSet<string>? colloquialKept)
    {
        Chinese = chinese; English = english; _colloquialKept = colloquialKept;
    }

    public HomophoneCorrector Chinese { get; }
    public SpellingCorrector English { get; }

    /// <summary>Corrects nothing (a lexical-only index: the plain BM25 reference).</summary>
    public static TypoCorrector Empty { get; } = new(HomophoneCorrector.Empty, SpellingCorrector.Empty, null);

    /// <summary>Learns from <paramref name="normalizedTexts"/> (output of <see cref="TextNormalizer.Normalize"/>).</summary>
    public static TypoCorrector Build(IReadOnlyCollection<string> normalizedTexts)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in normalizedTexts) Colloquial.Standardize(text, found: kept);
        return new(HomophoneCorrector.Build(normalizedTexts), SpellingCorrector.Build(normalizedTexts), kept);
    }

    /// <summary><paramref name="normalized"/> repaired, or the same instance when nothing changes.</summary>
    public string Correct(string normalized)
    {
        var standard = _colloquialKept is null ? normalized : Colloquial.Standardize(normalized, _colloquialKept);
        return English.Correct(Chinese.Correct(standard));
    }

    /// <summary>Approximate bytes held.</summary>
    public long ApproximateBytes => Chinese.PairCount * 40L + English.WordCount * 120L;

    public void Write(BinaryWriter w)
    {
        Chinese.Write(w);
        English.Write(w);
        w.Write(_colloquialKept is not null);
        if (_colloquialKept is null) return;
        w.Write(_colloquialKept.Count);
        foreach (var form in _colloquialKept.Order(StringComparer.Ordinal)) w.Write(form);
    }

    public static TypoCorrector Read(BinaryReader r)
    {
        var chinese = HomophoneCorrector.Read(r);
        var english = SpellingCorrector.Read(r);
        if (!r.ReadBoolean()) return new(chinese, english, null);
        var n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException("Corrupt chat-spelling table.");
        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++) kept.Add(r.ReadString());
        return new(chinese, english, kept);
    }
}
