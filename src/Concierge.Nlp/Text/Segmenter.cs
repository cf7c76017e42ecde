using System.Buffers;
using System.Globalization;
using System.Text;

namespace Concierge.Nlp.Text;

/// <summary>
/// Word segmentation for mixed Chinese/English text, the jieba way: a prefix dictionary (jieba's 350k-word
/// frequency list, MIT), a DAG of every dictionary word in a run, the maximum-probability path through it by dynamic
/// programming over log frequencies, and a BMES hidden Markov model for runs of characters the dictionary does not
/// group. Latin words and numbers (including decimals such as 35.5) are kept whole; punctuation and whitespace are
/// dropped; emoji and other pictographs come out as one token each. Immutable and thread-safe.
/// </summary>
public sealed class Segmenter
{
    private static readonly Lazy<Segmenter> s_default = new(
        () => new Segmenter(SegmenterModel.Load(), null, []), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SegmenterModel _model;
    private readonly WordTrie? _user;
    private readonly string[] _userWords;

    private Segmenter(SegmenterModel model, WordTrie? user, string[] userWords)
    {
        _model = model;
        _user = user;
        _userWords = userWords;
    }

    /// <summary>The shared segmenter over the embedded dictionary, loaded once on first use.</summary>
    public static Segmenter Default => s_default.Value;

    /// <summary>Words added with <see cref="WithUserWords"/>, normalised.</summary>
    public IReadOnlyList<string> UserWords => _userWords;

    internal WordTrie Dictionary => _model.Words;

    /// <summary>
    /// Returns a new segmenter that also knows <paramref name="words"/> (domain words such as 花呗, 退款申请, product names),
    /// in addition to any user words this one has. Each word is normalised with <see cref="TextNormalizer"/> and weighted
    /// so that it is never split into smaller dictionary words. Words containing spaces or punctuation are ignored,
    /// because segmentation never crosses them.
    /// </summary>
    public Segmenter WithUserWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var all = new SortedSet<string>(_userWords, StringComparer.Ordinal);
        foreach (var raw in words)
        {
            var word = TextNormalizer.Normalize(raw);
            if (word.Length > 0 && word.All(c => CharClass.IsHan(c) || CharClass.IsWordChar(c))) all.Add(word);
        }
        if (all.Count == _userWords.Length) return this;

        var baseTrie = _model.Words;
        var floor = Math.Log(UserWordFloorFrequency / baseTrie.TotalFrequency);
        var entries = new List<(string, double)>(all.Count);
        foreach (var word in all)
        {
            // Beat the best split of the word itself (jieba's suggest_freq), and never fall below a common-word floor.
            var split = BestPathLogProb(word);
            var known = baseTrie.LogProb(word);
            var logProb = Math.Max(Math.Max(split + Math.Log(2), floor), known == WordTrie.NotAWord ? double.NegativeInfinity : known);
            entries.Add((word, Math.Exp(logProb) * baseTrie.TotalFrequency));
        }
        return new Segmenter(_model, WordTrie.Build(entries, baseTrie.TotalFrequency), [.. all]);
    }

    private const double UserWordFloorFrequency = 200;

    /// <summary>Splits normalised text (see <see cref="TextNormalizer.Normalize"/>) into words.</summary>
    public IReadOnlyList<string> Segment(string normalizedText)
    {
        var output = new List<string>(Math.Max(4, (normalizedText?.Length ?? 0) / 2));
        if (!string.IsNullOrEmpty(normalizedText)) Segment(normalizedText.AsSpan(), output);
        return output;
    }

    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="output"/>; for callers that reuse a list.</summary>
    public void Segment(ReadOnlySpan<char> text, List<string> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (CharClass.IsHan(c) || CharClass.IsWordChar(c))
            {
                var end = BlockEnd(text, i);
                CutBlock(text[i..end], output);
                i = end;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]));
                if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.OtherLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter)
                    output.Add(text.Slice(i, 2).ToString());
                i += 2;
            }
            else
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol) output.Add(c.ToString());   // ❤ ☺ ✔
                i++;
            }
        }
    }

    /// <summary>A block is a maximal run of Han characters and word characters; '.' joins digits (35.5), '\'' joins letters (don't).</summary>
    private static int BlockEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (CharClass.IsHan(c) || CharClass.IsWordChar(c)) { i++; continue; }
            if (i + 1 < text.Length && ((c == '.' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
                                        || (c == '\'' && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i + 1]))))
            {
                i += 2;
                continue;
            }
            break;
        }
        return i;
    }

    /// <summary>True when a Latin run continues across position <paramref name="e"/>, i.e. a word may not end there.</summary>
    private static bool InsideRun(ReadOnlySpan<char> block, int e) =>
        e > 0 && e < block.Length && !CharClass.IsHan(block[e - 1]) && !CharClass.IsHan(block[e]);

    private void CutBlock(ReadOnlySpan<char> block, List<string> output)
    {
        // A block without Han characters is one Latin/number run: a word may neither start nor end inside it
        // (InsideRun), so the DAG's only path is the whole block. Skipping BestPath is the same answer for English text
        // at a fraction of the cost (prediction latency: most BANKING77-style queries are nothing but such blocks).
        if (!ContainsHan(block))
        {
            output.Add(ToLowerWord(block));
            return;
        }
        var n = block.Length;
        var routeArray = ArrayPool<double>.Shared.Rent(n + 1);
        var nextArray = ArrayPool<int>.Shared.Rent(n + 1);
        try
        {
            var route = routeArray.AsSpan(0, n + 1);
            var next = nextArray.AsSpan(0, n + 1);
            BestPath(block, route, next);

            var bufferStart = -1;
            for (var k = 0; k < n;)
            {
                var e = next[k];
                if (e == k + 1 && CharClass.IsHan(block[k]))
                {
                    if (bufferStart < 0) bufferStart = k;              // collect single characters for the HMM
                }
                else
                {
                    if (bufferStart >= 0) { FlushSingles(block[bufferStart..k], output); bufferStart = -1; }
                    output.Add(ToLowerWord(block[k..e]));
                }
                k = e;
            }
            if (bufferStart >= 0) FlushSingles(block[bufferStart..], output);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(routeArray);
            ArrayPool<int>.Shared.Return(nextArray);
        }
    }

    private static bool ContainsHan(ReadOnlySpan<char> block)
    {
        foreach (var c in block)
            if (CharClass.IsHan(c)) return true;
        return false;
    }

    /// <summary>route[k] = best log probability of block[k..]; next[k] = end of the first word on that path.</summary>
    private void BestPath(ReadOnlySpan<char> block, Span<double> route, Span<int> next)
    {
        var n = block.Length;
        var words = _model.Words;
        var unknown = -Math.Log(words.TotalFrequency);                  // jieba: an unknown piece counts as frequency 1
        route[n] = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            if (InsideRun(block, k))
            {
                route[k] = double.NegativeInfinity;
                next[k] = k + 1;
                continue;
            }
            // The fallback edge: one Han character, or a whole Latin/number run.
            var end = k + 1;
            if (!CharClass.IsHan(block[k])) while (end < n && InsideRun(block, end)) end++;
            var lp = words.LogProb(block[k..end]);
            var best = (lp == WordTrie.NotAWord ? unknown : lp) + route[end];
            var bestEnd = end;

            Walk(words, block, k, route, ref best, ref bestEnd);
            if (_user is not null) Walk(_user, block, k, route, ref best, ref bestEnd);
            route[k] = best;
            next[k] = bestEnd;
        }
    }

    private static void Walk(WordTrie trie, ReadOnlySpan<char> block, int k, Span<double> route, ref double best, ref int bestEnd)
    {
        var node = trie.Start(block[k]);
        var e = k + 1;
        while (node >= 0)
        {
            var lp = trie.LogProb(node);
            if (lp != WordTrie.NotAWord && !InsideRun(block, e))
            {
                var score = lp + route[e];
                if (score > best || (score == best && e > bestEnd)) { best = score; bestEnd = e; }
            }
            if (e == block.Length) break;
            node = trie.Next(node, block[e]);
            e++;
        }
    }

    private void FlushSingles(ReadOnlySpan<char> run, List<string> output)
    {
        if (run.Length > 1 && !IsWord(run))
        {
            _model.Hmm.Cut(run, output);
            return;
        }
        for (var i = 0; i < run.Length; i++) output.Add(_model.CharString(run[i]));
    }

    private bool IsWord(ReadOnlySpan<char> s) => _model.Words.Contains(s) || (_user is not null && _user.Contains(s));

    private static string ToLowerWord(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsUpper(c)) return word.ToString().ToLowerInvariant();
        }
        return word.ToString();
    }

    /// <summary>
    /// Log probability of the most likely segmentation of a run of Chinese characters under the dictionary's unigram
    /// model (how word-like the run is), and whether character <paramref name="at"/> is a word of its own on that path.
    /// Compares two spellings of the same length (<see cref="HomophoneCorrector"/>).
    /// </summary>
    internal double PathLogProb(ReadOnlySpan<char> run, int at, out bool single)
    {
        Span<double> route = run.Length <= 64 ? stackalloc double[run.Length + 1] : new double[run.Length + 1];
        Span<int> next = run.Length <= 64 ? stackalloc int[run.Length + 1] : new int[run.Length + 1];
        BestPath(run, route, next);
        single = false;
        for (var k = 0; k < run.Length; k = next[k])
            if (k <= at && at < next[k]) { single = next[k] == k + 1; break; }
        return route[0];
    }

    /// <summary>ln P of the best segmentation of <paramref name="word"/> using the base dictionary only.</summary>
    private double BestPathLogProb(string word)
    {
        var route = new double[word.Length + 1];
        var next = new int[word.Length + 1];
        new Segmenter(_model, null, []).BestPath(word, route, next);
        return route[0];
    }
}

/// <summary>The loaded data shared by every <see cref="Segmenter"/> derived from the default one.</summary>
internal sealed class SegmenterModel(WordTrie words, HmmSegmenter hmm)
{
    private readonly string[] _charStrings = new string[65536];

    public WordTrie Words { get; } = words;

    public HmmSegmenter Hmm { get; } = hmm;

    public static SegmenterModel Load()
    {
        var words = LoadDictionary();
        var hmm = HmmSegmenter.Load();
        return new SegmenterModel(words, hmm);
    }

    /// <summary>Single characters are the most frequent tokens; caching their strings saves an allocation each.</summary>
    public string CharString(char c) => _charStrings[c] ??= c.ToString();

    private static WordTrie LoadDictionary()
    {
        var text = EmbeddedData.ReadAllText("jieba-dict.txt.gz");
        var entries = new List<(string, double)>(360_000);
        foreach (var line in EmbeddedData.Lines(text))
        {
            var space = line.LastIndexOf(' ');
            if (space <= 0) continue;
            if (!int.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var frequency)) continue;
            entries.Add((line[..space].ToString(), frequency));
        }
        return WordTrie.Build(entries);
    }
}
