namespace Concierge.Nlp.Text;

/// <summary>
/// An immutable prefix tree over the word dictionary, stored as flat arrays (≈ 600k nodes, ~10 MB for jieba's
/// 350k words). Children of a node are contiguous and sorted, so a step is a binary search over a handful of chars;
/// the root is a direct 64k table because the first step fans out to thousands of characters. Walking it extends a
/// match one character at a time, which is what building the segmentation DAG needs, with no allocation.
/// </summary>
internal sealed class WordTrie
{
    public const float NotAWord = float.NegativeInfinity;

    private readonly int[] _root;            // first char → node, -1 when no word starts with it
    private readonly char[] _label;
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly float[] _logProb;       // ln(freq / total) or NotAWord for a pure prefix

    private WordTrie(int[] root, char[] label, int[] childStart, int[] childCount, float[] logProb, int wordCount, double total, int maxLength)
    {
        _root = root;
        _label = label;
        _childStart = childStart;
        _childCount = childCount;
        _logProb = logProb;
        WordCount = wordCount;
        TotalFrequency = total;
        MaxWordLength = maxLength;
    }

    public int WordCount { get; }

    public double TotalFrequency { get; }

    public int MaxWordLength { get; }

    public int NodeCount => _label.Length;

    /// <summary>Builds from words in UTF-16 ordinal order (duplicates: the last wins); frequencies ≤ 0 are prefixes only.</summary>
    public static WordTrie Build(IReadOnlyList<(string Word, double Frequency)> sortedWords, double? total = null)
    {
        var sum = total ?? sortedWords.Sum(w => Math.Max(0, w.Frequency));
        var logTotal = Math.Log(Math.Max(sum, 1));
        var words = new List<(string Word, float LogProb)>(sortedWords.Count);
        string? previous = null;
        var maxLength = 0;
        foreach (var (word, frequency) in sortedWords)
        {
            if (word.Length == 0) continue;
            if (previous is not null)
            {
                var order = string.CompareOrdinal(previous, word);
                if (order > 0) throw new ArgumentException($"Words must be sorted ordinally ('{previous}' before '{word}').", nameof(sortedWords));
                if (order == 0) words.RemoveAt(words.Count - 1);
            }
            words.Add((word, frequency > 0 ? (float)(Math.Log(frequency) - logTotal) : NotAWord));
            maxLength = Math.Max(maxLength, word.Length);
            previous = word;
        }
        return BuildFromSorted(words, sum, maxLength);
    }

    private static WordTrie BuildFromSorted(List<(string Word, float LogProb)> words, double total, int maxLength)
    {
        var root = new int[65536];
        Array.Fill(root, -1);
        var label = new List<char>(words.Count * 2);
        var childStart = new List<int>(words.Count * 2);
        var childCount = new List<int>(words.Count * 2);
        var logProb = new List<float>(words.Count * 2);

        // Breadth-first so that each node's children are allocated contiguously; a queue item is a node together
        // with the range of words that pass through it.
        var queue = new Queue<(int Node, int Lo, int Hi, int Depth)>();
        var wordCount = 0;
        for (var lo = 0; lo < words.Count;)
        {
            var hi = GroupEnd(words, lo, words.Count, 0);
            var node = NewNode(words[lo].Word[0]);
            root[words[lo].Word[0]] = node;
            queue.Enqueue((node, lo, hi, 1));
            lo = hi;
        }
        while (queue.Count > 0)
        {
            var (node, lo, hi, depth) = queue.Dequeue();
            if (words[lo].Word.Length == depth)
            {
                logProb[node] = words[lo].LogProb;
                if (words[lo].LogProb != NotAWord) wordCount++;
                lo++;
            }
            childStart[node] = label.Count;
            var count = 0;
            for (var glo = lo; glo < hi;)
            {
                var ghi = GroupEnd(words, glo, hi, depth);
                var child = NewNode(words[glo].Word[depth]);
                queue.Enqueue((child, glo, ghi, depth + 1));
                count++;
                glo = ghi;
            }
            childCount[node] = count;
        }
        return new WordTrie(root, [.. label], [.. childStart], [.. childCount], [.. logProb], wordCount, total, maxLength);

        int NewNode(char c)
        {
            label.Add(c);
            childStart.Add(0);
            childCount.Add(0);
            logProb.Add(NotAWord);
            return label.Count - 1;
        }
    }

    /// <summary>End of the run of words, starting at <paramref name="start"/>, that share the char at <paramref name="depth"/>.</summary>
    private static int GroupEnd(List<(string Word, float LogProb)> words, int start, int hi, int depth)
    {
        var c = words[start].Word[depth];
        var end = start + 1;
        while (end < hi && words[end].Word[depth] == c) end++;
        return end;
    }

    /// <summary>The node for the single char <paramref name="c"/>, or -1.</summary>
    public int Start(char c) => _root[c];

    /// <summary>The child of <paramref name="node"/> labelled <paramref name="c"/>, or -1.</summary>
    public int Next(int node, char c)
    {
        var lo = _childStart[node];
        var hi = lo + _childCount[node] - 1;
        var labels = _label;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = labels[mid];
            if (m == c) return mid;
            if (m < c) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    public float LogProb(int node) => _logProb[node];

    /// <summary>ln P of the whole word, or <see cref="NotAWord"/>.</summary>
    public float LogProb(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return NotAWord;
        var node = _root[word[0]];
        for (var i = 1; i < word.Length && node >= 0; i++) node = Next(node, word[i]);
        return node < 0 ? NotAWord : _logProb[node];
    }

    public bool Contains(ReadOnlySpan<char> word) => LogProb(word) != NotAWord;
}
