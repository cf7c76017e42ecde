using System.Globalization;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Keywords;

/// <summary>A keyword and its TF-IDF weight.</summary>
public sealed record Keyword(string Word, double Weight);

/// <summary>
/// Keyword extraction by TF-IDF over segmented words, with jieba's IDF table (MIT) and Chinese + English stop words.
/// Single Chinese characters, numbers and punctuation are never keywords; a word missing from the IDF table gets the
/// table's median IDF (as jieba does). Deterministic: equal weights are ordered by the word. Immutable, thread-safe.
/// </summary>
public sealed class KeywordExtractor
{
    private static readonly Lazy<KeywordExtractor> s_default = new(() => new KeywordExtractor(Segmenter.Default), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<IdfTable> s_idf = new(IdfTable.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Segmenter _segmenter;

    /// <summary>An extractor that segments with <paramref name="segmenter"/> (pass one with the company's user words).</summary>
    public KeywordExtractor(Segmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        _segmenter = segmenter;
    }

    /// <summary>The extractor over <see cref="Segmenter.Default"/>.</summary>
    public static KeywordExtractor Default => s_default.Value;

    /// <summary>The top <paramref name="topK"/> keywords of one text, highest weight first.</summary>
    public IReadOnlyList<Keyword> Extract(string? text, int topK) => Extract([text ?? ""], topK);

    /// <summary>The top keywords of a collection of texts taken as one document (hot topics over many messages).</summary>
    public IReadOnlyList<Keyword> Extract(IEnumerable<string> texts, int topK)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var words = new List<string>();
        foreach (var text in texts)
        {
            words.Clear();
            _segmenter.Segment(TextNormalizer.Normalize(text).AsSpan(), words);
            foreach (var word in words)
            {
                if (!IsCandidate(word)) continue;
                counts[word] = counts.GetValueOrDefault(word) + 1;
                total++;
            }
        }
        if (total == 0 || topK == 0) return [];

        var idf = s_idf.Value;
        return counts
            .Select(pair => new Keyword(pair.Key, Math.Round(pair.Value / (double)total * idf.Get(pair.Key), 6)))
            .OrderByDescending(k => k.Weight)
            .ThenBy(k => k.Word, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
    }

    /// <summary>The IDF of a normalised word (the median for unknown words); exposed for grouping.</summary>
    internal static double Idf(string word) => s_idf.Value.Get(word);

    internal static bool IsCandidate(string word)
    {
        if (word.Length == 0 || StopWords.Contains(word)) return false;
        if (word.Length == 1 && (CharClass.IsHan(word[0]) || char.IsAscii(word[0]))) return false;
        var hasLetter = false;
        foreach (var c in word)
        {
            if (char.IsLetter(c)) { hasLetter = true; break; }
        }
        return hasLetter;
    }

    private sealed class IdfTable
    {
        private readonly Dictionary<string, float> _idf;
        private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly double _median;

        private IdfTable(Dictionary<string, float> idf, double median)
        {
            _idf = idf;
            _lookup = _idf.GetAlternateLookup<ReadOnlySpan<char>>();
            _median = median;
        }

        public double Get(string word) => _lookup.TryGetValue(word, out var value) ? value : _median;

        public static IdfTable Load()
        {
            var text = EmbeddedData.ReadAllText("jieba-idf.txt.gz");
            var idf = new Dictionary<string, float>(270_000, StringComparer.Ordinal);
            var lookup = idf.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var line in EmbeddedData.Lines(text))
            {
                var space = line.LastIndexOf(' ');
                if (space <= 0 || !float.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
                lookup[line[..space]] = value;
            }
            var values = idf.Values.ToArray();
            Array.Sort(values);
            return new IdfTable(idf, values.Length == 0 ? 10 : values[values.Length / 2]);
        }
    }
}
