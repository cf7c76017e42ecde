using Concierge.Nlp.Features;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Retrieval;

/// <summary>A section of an article or guide: its title and text.</summary>
public sealed record Passage(string Key, string Title, string Text);

/// <summary>
/// The sentences of a passage that best answer a question. <paramref name="Coverage"/> is the share of the question's
/// information (IDF mass over words and character bigrams) those sentences contain; <paramref name="Matched"/> counts the
/// question's distinct words found there.
/// </summary>
public sealed record PassageHit(string Key, string Title, string Excerpt, float Score, float Coverage, int Matched);

/// <summary>
/// Answers from the body of articles, not just their headings. Each passage is cut into windows of up to three sentences
/// (overlapping by one), indexed with the engine's BM25 over words and character bigrams; a question is accepted only when
/// one window holds most of what the question asks about — a guide that merely shares a word or two with the question
/// is not an answer. Immutable and thread-safe.
/// </summary>
public sealed class PassageIndex
{
    /// <summary>Accept a window holding at least this share of the question's information…</summary>
    public const float DefaultMinCoverage = 0.5f;
    /// <summary>…and at least this many of its distinct words.</summary>
    public const int DefaultMinMatched = 2;

    private const int WindowSentences = 3, MaxExcerpt = 360;

    private readonly Bm25Index _bm25;
    private readonly Window[] _windows;
    private readonly Dictionary<ulong, int> _df;
    private readonly int _documents;

    private sealed record Window(int Passage, string Text, HashSet<ulong> Terms);

    private readonly IReadOnlyList<Passage> _passages;

    private readonly TypoCorrector _corrector;

    private PassageIndex(IReadOnlyList<Passage> passages, Window[] windows, Bm25Index bm25, Dictionary<ulong, int> df, int documents,
        TypoCorrector corrector)
    {
        _passages = passages; _windows = windows; _bm25 = bm25; _df = df; _documents = documents; _corrector = corrector;
    }

    public int PassageCount => _passages.Count;

    /// <param name="questions">
    /// Customers' questions in the same language (the FAQ phrasings), used only to weigh words: "能不能", "how long", "吗"
    /// are in many questions and say little about the topic, so a window need not contain them; "HEPA" or "运输螺栓" are rare
    /// and must be there.
    /// </param>
    public static PassageIndex Build(IReadOnlyList<Passage> passages, IEnumerable<string>? questions = null)
    {
        var windows = new List<Window>();
        var docs = new List<List<ulong>>();
        var df = new Dictionary<ulong, int>();
        for (var p = 0; p < passages.Count; p++)
        {
            var sentences = Sentences(passages[p].Text);
            for (var start = 0; start < Math.Max(1, sentences.Count - 1); start += WindowSentences - 1)
            {
                var text = string.Concat(sentences.Skip(start).Take(WindowSentences)).Trim();
                if (text.Length == 0) continue;
                // The title belongs to every window: "Battery warranty" answers "how long is the battery covered" even
                // where the sentence itself only says "12 months".
                var terms = Bm25Index.Terms(AnalyzedText.Of(passages[p].Title + " " + text));
                var distinct = new HashSet<ulong>(terms);
                foreach (var t in distinct) df[t] = df.GetValueOrDefault(t) + 1;
                windows.Add(new Window(p, text, distinct));
                docs.Add(terms);
            }
        }
        var documents = windows.Count;
        var known = passages.Select(p => EngineText.Normalize(p.Title + " " + p.Text)).ToList();
        foreach (var q in questions ?? [])
        {
            foreach (var t in new HashSet<ulong>(Bm25Index.Terms(AnalyzedText.Of(q)))) df[t] = df.GetValueOrDefault(t) + 1;
            documents++;
            known.Add(EngineText.Normalize(q));
        }
        // Typos and chat spelling are repaired against the articles' and questions' own text, as in FAQ search.
        return new PassageIndex(passages, [.. windows], Bm25Index.Build(docs), df, documents, TypoCorrector.Build(known));
    }

    /// <summary>The best window for a question, when it covers enough of it; otherwise null.</summary>
    public PassageHit? Find(string question, float minCoverage = DefaultMinCoverage, int minMatched = DefaultMinMatched)
    {
        var best = Best(question);
        return best is { } hit && hit.Coverage >= minCoverage && hit.Matched >= minMatched ? hit : null;
    }

    /// <summary>
    /// The best-scoring window whatever its coverage, optionally only among the windows of one passage (the section an
    /// FAQ match already chose: which of its sentences to show); null when nothing matches.
    /// </summary>
    public PassageHit? Best(string question, string? onlyKey = null)
    {
        if (_windows.Length == 0 || string.IsNullOrWhiteSpace(question)) return null;
        // A typo or chat spelling would miss the words the window has, and "你好，…谢谢" would count against coverage as
        // words no window holds: the question is repaired and judged without its courtesy.
        var query = Bm25Index.Terms(AnalyzedText.OfNormalized(Courtesy.Trim(_corrector.Correct(EngineText.Normalize(question)))));
        if (query.Count == 0) return null;
        var scores = new float[2 * _windows.Length];
        var touched = new List<int>();
        _bm25.Score(query, scores, touched);
        if (touched.Count == 0) return null;

        // Character bigrams tell Chinese words apart where segmentation splits them differently; in English every passage
        // has "th" and "ow", so there only words count.
        var cjk = question.Any(c => c is >= '\u4e00' and <= '\u9fff');
        // Rank by BM25 (words and bigrams), then judge the leaders by how much of the question they hold.
        PassageHit? best = null;
        var leaders = touched.Where(d => onlyKey is null || _passages[_windows[d].Passage].Key == onlyKey);
        foreach (var w in leaders.OrderByDescending(d => scores[2 * d] + scores[2 * d + 1]).Take(5))
        {
            var (coverage, matched) = Coverage(query, _windows[w].Terms, cjk);
            var score = scores[2 * w] + scores[2 * w + 1];
            if (best is null || coverage > best.Coverage + 0.05f || (coverage >= best.Coverage - 0.05f && score > best.Score))
            {
                var p = _passages[_windows[w].Passage];
                best = new PassageHit(p.Key, p.Title, Excerpt(_windows[w].Text), score, coverage, matched);
            }
        }
        return best;
    }

    /// <summary>
    /// Share of the query's IDF mass present in the window — over words, or for Chinese the better of words and character
    /// bigrams (the question and the text may be segmented differently: 扫地机 / 扫地机器人) — and how many
    /// of its topic words it holds: words in fewer than 5 % of passages and questions ("HEPA", "freezer"), not "how" or "吗".
    /// </summary>
    private (float Coverage, int Matched) Coverage(List<ulong> query, HashSet<ulong> window, bool cjk)
    {
        float wordAll = 0, wordIn = 0, bigramAll = 0, bigramIn = 0;
        var matched = 0;
        var seen = new HashSet<ulong>();
        var n = _documents;
        foreach (var t in query)
        {
            if (!seen.Add(t)) continue;
            var df = _df.GetValueOrDefault(t);
            var idf = MathF.Log(1 + (n + 0.5f) / (df + 0.5f));
            var hit = window.Contains(t);
            if (Bm25Index.IsWordTerm(t))
            {
                wordAll += idf;
                // A topic word is in under 5 % of the windows and questions — or, in a knowledge base of a few article
                // sections and no FAQs, in just one window ("退货流程" asked of the one section titled so).
                if (hit) { wordIn += idf; if (df * 20 < n || df == 1) matched++; }
            }
            else
            {
                bigramAll += idf;
                if (hit) bigramIn += idf;
            }
        }
        var words = wordAll > 0 ? wordIn / wordAll : 0;
        var bigrams = bigramAll > 0 ? bigramIn / bigramAll : words;
        return (cjk ? MathF.Max(words, bigrams) : words, matched);
    }

    private static string Excerpt(string text) => text.Length <= MaxExcerpt ? text : text[..MaxExcerpt].TrimEnd() + "…";

    /// <summary>Sentences with their end punctuation (Chinese and Latin); line breaks end a sentence too.</summary>
    internal static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '。' or '！' or '？' or '；' or '\n'
                || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!end) continue;
            var s = text[start..(i + 1)];
            if (s.Trim().Length > 0) sentences.Add(c == '\n' ? s.TrimEnd() + " " : s);
            start = i + 1;
        }
        if (start < text.Length && text[start..].Trim().Length > 0) sentences.Add(text[start..]);
        return sentences;
    }
}
