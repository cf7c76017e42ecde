using System.Globalization;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Sentiment;

/// <summary>
/// A curated Chinese + English lexicon of customer-service emotions (angry, anxious, disappointed, satisfied) with
/// negation (不太满意, "not happy", 没有问题 is not negative), degree adverbs (非常, 太, very), contrast (…但是 …),
/// punctuation intensity (!!!, ？？？), escalation cues (投诉, 12315, 曝光, chargeback, lawyer) and urgency cues
/// (急, 怎么还没, asap). Explainable evidence for the trained polarity model, and usable alone. Immutable, thread-safe.
/// </summary>
public sealed class EmotionLexicon
{
    private static readonly Lazy<EmotionLexicon> s_default = new(() => new EmotionLexicon(EmotionLexiconEntries.Terms), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Term> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly int _maxPhrase;

    private EmotionLexicon(string definition)
    {
        _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var raw in definition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            var header = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var emotion = Enum.Parse<Emotion>(header[0], ignoreCase: true);
            var valence = double.Parse(header[1], CultureInfo.InvariantCulture);
            var weight = double.Parse(header[2], CultureInfo.InvariantCulture);
            var escalation = header.Length > 3 && header[3] == "escalation";
            foreach (var word in line[(colon + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var term = new Term(emotion, valence, weight, escalation);
                var text = TextNormalizer.Normalize(word.Replace('_', ' '));
                if (IsPhrase(text))
                {
                    _phrases[text] = term;
                    _maxPhrase = Math.Max(_maxPhrase, text.Length);
                }
                else
                {
                    _tokens[text] = term;
                    if (char.IsAsciiLetter(text[0])) _tokens.TryAdd(LatinStemmer.Stem(text), term);
                }
            }
        }
    }

    /// <summary>The built-in lexicon.</summary>
    public static EmotionLexicon Default => s_default.Value;

    /// <summary>Number of distinct terms (for diagnostics).</summary>
    public int Count => _tokens.Count + _phrases.Count;

    /// <summary>Scores raw text: normalises and segments it with the default segmenter first.</summary>
    public EmotionScores Score(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Score(Segmenter.Default.Segment(normalized), normalized);
    }

    /// <summary>
    /// Scores a message from its tokens (from <see cref="Segmenter.Segment"/>) and its normalised text (from
    /// <see cref="TextNormalizer.Normalize"/>); phrases are matched on the text, single words on the tokens.
    /// </summary>
    public EmotionScores Score(IReadOnlyList<string> tokens, string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = normalizedText ?? "";
        var matches = new List<(int Start, int End, Term Term)>();
        FindPhrases(text, matches);
        FindTokens(tokens, text, matches);
        if (matches.Count == 0 && !text.Contains('!') && !text.Contains("??", StringComparison.Ordinal)) return EmotionScores.Neutral;

        var contrast = LastContrast(text);
        Span<double> emotion = stackalloc double[4];
        var polarity = 0.0;
        foreach (var (start, end, term) in matches)
        {
            if (term.Emotion == Emotion.None) continue;
            var (negated, degree) = IsLatin(text[start]) ? EnglishContext(text, start) : ChineseContext(text, start);
            var weight = degree * (contrast < 0 ? 1.0 : start < contrast ? 0.6 : 1.2);
            if (!negated)
            {
                polarity += term.Valence * weight;
                emotion[(int)term.Emotion - 1] += term.Weight * weight;
            }
            else if (term.Escalation)
            {
                // "I don't want to complain" still tells us a complaint is on the table.
                polarity += term.Valence * weight * 0.5;
                emotion[(int)Emotion.Angry - 1] += term.Weight * weight * 0.5;
            }
            else if (term.Valence > 0)
            {
                // Not satisfied reads as disappointed; "not very happy" is milder than "not happy".
                polarity -= term.Valence * weight * 0.7;
                emotion[(int)Emotion.Disappointed - 1] += term.Weight * weight * 0.7;
            }
            else
            {
                // 没有问题 / "not bad": the negative is cancelled, leaving a slight positive lean, no emotion.
                polarity -= term.Valence * weight * 0.2;
            }
        }

        var bangs = Math.Min(Occurrences(text, '!'), 5);
        var questionRuns = Math.Min(RepeatedQuestionMarks(text), 3);
        emotion[(int)Emotion.Anxious - 1] += 0.35 * questionRuns;
        emotion[(int)Emotion.Angry - 1] += 0.15 * questionRuns;
        var intensity = 1 + 0.15 * bangs + 0.15 * questionRuns;

        return new EmotionScores(
            Polarity: Math.Round(Math.Tanh(polarity * intensity / 1.2), 6),
            Angry: Squash(emotion[0] * intensity),
            Anxious: Squash(emotion[1] * intensity),
            Disappointed: Squash(emotion[2] * intensity),
            Satisfied: Squash(emotion[3] * (1 + 0.1 * bangs)));
    }

    private static double Squash(double evidence) => Math.Round(1 - Math.Exp(-Math.Max(0, evidence)), 6);

    private static bool IsPhrase(string text) =>
        text.Contains(' ') || (text.Length >= 2 && text.All(c => CharClass.IsHan(c) || char.IsAsciiDigit(c)));

    private static bool IsLatin(char c) => char.IsAsciiLetter(c);

    /// <summary>Longest phrase first, left to right, non-overlapping; digit and Latin phrases must be whole words.</summary>
    private void FindPhrases(string text, List<(int, int, Term)> matches)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var c = span[i];
            var matched = 0;
            if ((CharClass.IsHan(c) || CharClass.IsAsciiAlnum(c)) && (CharClass.IsHan(c) || i == 0 || !CharClass.IsWordChar(span[i - 1])))
            {
                for (var length = Math.Min(_maxPhrase, span.Length - i); length >= 2; length--)
                {
                    if (!_phraseLookup.TryGetValue(span.Slice(i, length), out var term)) continue;
                    var end = i + length;
                    if (CharClass.IsAsciiAlnum(span[end - 1]) && end < span.Length && CharClass.IsWordChar(span[end])) continue;
                    matches.Add((i, end, term));
                    matched = length;
                    break;
                }
            }
            i += matched > 0 ? matched : 1;
        }
    }

    private void FindTokens(IReadOnlyList<string> tokens, string text, List<(int Start, int End, Term Term)> matches)
    {
        var phraseCount = matches.Count;
        var cursor = 0;
        foreach (var token in tokens)
        {
            var at = text.IndexOf(token, cursor, StringComparison.Ordinal);
            if (at >= 0) cursor = at + token.Length;
            if (!_tokens.TryGetValue(token, out var term) &&
                !(char.IsAsciiLetter(token[0]) && _tokens.TryGetValue(LatinStemmer.Stem(token), out term)))
                continue;
            if (at < 0) continue;                                       // tokens from other text: no position, no context
            var inside = false;
            for (var p = 0; p < phraseCount; p++)
            {
                if (at < matches[p].End && matches[p].Start < at + token.Length) { inside = true; break; }
            }
            if (!inside) matches.Add((at, at + token.Length, term));
        }
    }

    /// <summary>Reads backwards from a Chinese term: degree adverbs, fillers, then a negator (不太满意, 没有问题).</summary>
    private static (bool Negated, double Degree) ChineseContext(string text, int start)
    {
        var degree = 1.0;
        var negated = false;
        var pos = start;
        for (var step = 0; step < 4 && pos > 0; step++)
        {
            var before = text.AsSpan(0, pos);
            var found = false;
            foreach (var (term, factor) in EmotionLexiconEntries.ChineseDegrees)
            {
                if (!before.EndsWith(term, StringComparison.Ordinal)) continue;
                degree = negated ? degree : degree * factor;
                pos -= term.Length;
                found = true;
                break;
            }
            if (found) continue;
            if (EmotionLexiconEntries.ChineseNegators.Contains(before[^1]))
            {
                if (negated) break;
                negated = true;
                pos--;
                continue;
            }
            foreach (var filler in EmotionLexiconEntries.ChineseNegationFillers)
            {
                if (!before.EndsWith(filler, StringComparison.Ordinal)) continue;
                pos -= filler.Length;
                found = true;
                break;
            }
            if (!found) break;
        }
        // An intensifier between the negator and the term softens it: 不太满意 is milder than 不满意.
        if (negated && degree > 1) degree = 0.6;
        return (negated, degree);
    }

    /// <summary>Looks at up to three words before an English term, stopping at punctuation.</summary>
    private static (bool Negated, double Degree) EnglishContext(string text, int start)
    {
        var degree = 1.0;
        var negated = false;
        var pos = start;
        for (var words = 0; words < 3; words++)
        {
            while (pos > 0 && text[pos - 1] == ' ') pos--;
            var end = pos;
            while (pos > 0 && (char.IsAsciiLetter(text[pos - 1]) || text[pos - 1] == '\'')) pos--;
            if (pos == end) break;                                      // punctuation, digits or Chinese: the clause ends
            var word = text.AsSpan(pos, end - pos);
            if (IsEnglishNegator(word)) { negated = true; break; }
            foreach (var (term, factor) in EmotionLexiconEntries.EnglishDegrees)
            {
                if (word.SequenceEqual(term)) { degree *= factor; break; }
            }
        }
        if (negated && degree > 1) degree = 0.6;
        return (negated, degree);
    }

    private static bool IsEnglishNegator(ReadOnlySpan<char> word)
    {
        foreach (var negator in EmotionLexiconEntries.EnglishNegators)
        {
            if (word.SequenceEqual(negator)) return true;
        }
        return false;
    }

    private static int LastContrast(string text)
    {
        var best = -1;
        foreach (var marker in EmotionLexiconEntries.ContrastMarkers)
        {
            var at = text.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            if (char.IsAsciiLetter(marker[0]) &&
                ((at > 0 && char.IsAsciiLetter(text[at - 1])) || (at + marker.Length < text.Length && char.IsAsciiLetter(text[at + marker.Length]))))
                continue;
            best = Math.Max(best, at);
        }
        return best;
    }

    private static int Occurrences(string text, char c)
    {
        var n = 0;
        foreach (var x in text) if (x == c) n++;
        return n;
    }

    private static int RepeatedQuestionMarks(string text)
    {
        var runs = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != '?' || text[i + 1] != '?') continue;
            runs++;
            while (i + 1 < text.Length && text[i + 1] == '?') i++;
        }
        return runs;
    }

    private enum Emotion { None, Angry, Anxious, Disappointed, Satisfied }

    private readonly record struct Term(Emotion Emotion, double Valence, double Weight, bool Escalation);
}
