using Concierge.Nlp.Text;

namespace Concierge.Nlp.Keywords;

/// <summary>A group of near-duplicate questions: the representative (the most central member) and every member's index.</summary>
public sealed record QuestionGroup(string Representative, int RepresentativeIndex, IReadOnlyList<int> Members);

/// <summary>
/// Groups near-duplicate short questions ("怎么退款" / "如何退款呢", "how do I reset my password" / "how can I reset
/// my password?") for unanswered-question review and hot topics. Similarity blends character-bigram Jaccard (robust
/// to segmentation and typos) with content-word Jaccard (stop words removed, English stemmed). Leader clustering in
/// input order: a question joins the most similar existing group whose leader it resembles at or above the
/// threshold, else starts a new group. Deterministic; groups come largest first, then by first member.
/// </summary>
public sealed class QuestionGrouper
{
    private readonly Segmenter _segmenter;

    /// <summary>Creates a grouper; <paramref name="threshold"/> in (0, 1], higher means stricter.</summary>
    public QuestionGrouper(double threshold = 0.45, Segmenter? segmenter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        Threshold = threshold;
        _segmenter = segmenter ?? Segmenter.Default;
    }

    /// <summary>A grouper with threshold 0.45 over the default segmenter.</summary>
    public static QuestionGrouper Default { get; } = new();

    public double Threshold { get; }

    /// <summary>Groups <paramref name="questions"/>; blank questions are left out of every group.</summary>
    public IReadOnlyList<QuestionGroup> Group(IReadOnlyList<string> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var features = new Features[questions.Count];
        for (var i = 0; i < questions.Count; i++) features[i] = Describe(questions[i], ids);

        var leaders = new List<int>();
        var members = new List<List<int>>();
        // Inverted index from a feature to the groups whose leader has it: only those can reach the threshold.
        var postings = new Dictionary<int, List<int>>();
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i].IsEmpty) continue;
            seen.Clear();
            foreach (var f in features[i].All)
            {
                if (!postings.TryGetValue(f, out var groups)) continue;
                foreach (var g in groups) seen[g] = 1;
            }
            var best = -1;
            var bestScore = Threshold;
            foreach (var g in seen.Keys.Order())
            {
                var score = Similarity(features[i], features[leaders[g]]);
                if (score >= bestScore && (best < 0 || score > bestScore)) { best = g; bestScore = score; }
            }
            if (best >= 0)
            {
                members[best].Add(i);
                continue;
            }
            leaders.Add(i);
            members.Add([i]);
            foreach (var f in features[i].All)
            {
                if (!postings.TryGetValue(f, out var groups)) postings[f] = groups = [];
                groups.Add(leaders.Count - 1);
            }
        }

        var result = new List<QuestionGroup>(members.Count);
        foreach (var group in members)
        {
            var center = Medoid(group, features);
            result.Add(new QuestionGroup(questions[center], center, group));
        }
        result.Sort((a, b) => a.Members.Count != b.Members.Count ? b.Members.Count.CompareTo(a.Members.Count) : a.Members[0].CompareTo(b.Members[0]));
        return result;
    }

    /// <summary>Similarity of two texts in [0, 1] as used for grouping.</summary>
    public double Similarity(string a, string b)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return Similarity(Describe(a, ids), Describe(b, ids));
    }

    private static double Similarity(Features a, Features b)
    {
        var bigrams = Jaccard(a.Bigrams, b.Bigrams);
        if (a.Words.Length == 0 || b.Words.Length == 0) return bigrams;
        return 0.4 * bigrams + 0.6 * Jaccard(a.Words, b.Words);
    }

    private static int Medoid(List<int> group, Features[] features)
    {
        if (group.Count <= 2) return group[0];
        var best = group[0];
        var bestTotal = double.MinValue;
        foreach (var i in group)
        {
            var total = 0.0;
            foreach (var j in group) if (i != j) total += Similarity(features[i], features[j]);
            if (total > bestTotal + 1e-12) { best = i; bestTotal = total; }
        }
        return best;
    }

    private Features Describe(string? question, Dictionary<string, int> ids)
    {
        var normalized = TextNormalizer.Normalize(question);
        var compact = new List<char>(normalized.Length);
        foreach (var c in normalized) if (CharClass.IsHan(c) || CharClass.IsWordChar(c)) compact.Add(c);
        var bigrams = new SortedSet<int>();
        for (var i = 0; i + 1 < compact.Count; i++) bigrams.Add(Id(ids, "b:" + compact[i] + compact[i + 1]));
        if (compact.Count == 1) bigrams.Add(Id(ids, "b:" + compact[0]));

        var words = new SortedSet<int>();
        foreach (var token in _segmenter.Segment(normalized))
        {
            if (!KeywordExtractor.IsCandidate(token) && !(token.Length == 1 && CharClass.IsHan(token[0]) && !StopWords.Contains(token))) continue;
            words.Add(Id(ids, "w:" + (char.IsAsciiLetter(token[0]) ? LatinStemmer.Stem(token) : token)));
        }
        return new Features([.. bigrams], [.. words]);
    }

    private static int Id(Dictionary<string, int> ids, string feature)
    {
        if (!ids.TryGetValue(feature, out var id)) ids[feature] = id = ids.Count;
        return id;
    }

    private static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common / (double)(a.Length + b.Length - common);
    }

    private readonly record struct Features(int[] Bigrams, int[] Words)
    {
        public bool IsEmpty => Bigrams.Length == 0 && Words.Length == 0;

        public IEnumerable<int> All => Bigrams.Concat(Words);
    }
}
