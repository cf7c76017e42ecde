using Concierge.Nlp.Text;

namespace Concierge.Nlp.Features;

/// <summary>
/// The one place the models reach the text layer: normalisation and tokenisation. Kept behind this seam so the
/// models do not care whether the segmenter is jieba-style or something else.
/// </summary>
internal static class EngineText
{
    /// <summary>The engine's canonical text form (width, script, case, punctuation): see <see cref="TextNormalizer"/>.</summary>
    public static string Normalize(string? text) => TextNormalizer.Normalize(text);

    /// <summary>Words from the jieba-style segmenter, Latin words stemmed ("cards" → "card"); punctuation dropped.</summary>
    public static List<string> Tokens(string normalized) => Tokens(normalized, Segmenter.Default);

    public static List<string> Tokens(string normalized, Segmenter segmenter)
    {
        var words = new List<string>(normalized.Length / 2 + 4);
        segmenter.Segment(normalized.AsSpan(), words);
        var w = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var t = words[i];
            if (t.Length == 0 || !char.IsLetterOrDigit(t[0]) && !char.IsSurrogate(t[0])) continue;
            words[w++] = char.IsAsciiLetter(t[0]) ? LatinStemmer.Stem(t) : t;
        }
        words.RemoveRange(w, words.Count - w);
        return words;
    }
}
