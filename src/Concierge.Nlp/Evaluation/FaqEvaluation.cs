using System.Diagnostics;
using Concierge.Nlp.Retrieval;

namespace Concierge.Nlp.Evaluation;

internal static class FaqEvaluation
{
    public const string None = "none";

    public static List<FaqEntry> ReadKb(string path)
    {
        using var reader = DelimitedReader.OpenText(path);
        var rows = DelimitedReader.ReadCsv(reader, path, "faq_id", "question", "is_standard");
        var kb = new List<FaqEntry>(rows.Count);
        foreach (var (line, v) in rows)
        {
            var flag = v[2].Trim().ToLowerInvariant();
            var standard = flag switch
            {
                "1" or "true" or "yes" => true,
                "0" or "false" or "no" => false,
                _ => throw new DatasetFormatException(path, line, $"is_standard must be 1/0 or true/false (found '{v[2]}')."),
            };
            if (string.IsNullOrWhiteSpace(v[1])) throw new DatasetFormatException(path, line, "the question is empty.");
            kb.Add(new FaqEntry(v[0].Trim(), v[1], standard));
        }
        if (kb.Count == 0) throw new DatasetFormatException(path, 2, "the knowledge base has a header but no rows.");
        return kb;
    }

    public static List<KeyValuePair<string, double>> Run(string kbPath, string queriesPath, bool lexicalOnly, TextWriter stdout)
    {
        var kb = ReadKb(kbPath);
        List<(int Line, string[] Values)> queries;
        using (var reader = DelimitedReader.OpenText(queriesPath)) queries = DelimitedReader.ReadCsv(reader, queriesPath, "text", "faq_id");
        if (queries.Count == 0) throw new DatasetFormatException(queriesPath, 2, "the file has a header but no rows.");
        var known = kb.Select(e => e.FaqId).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, v) in queries)
            if (v[1].Trim() != None && !known.Contains(v[1].Trim()))
                throw new DatasetFormatException(queriesPath, line, $"faq_id '{v[1]}' is not in {kbPath} (use '{None}' for unanswerable queries).");
        var sw = Stopwatch.StartNew();
        var index = FaqIndex.Build(kb, new FaqIndexOptions { LexicalOnly = lexicalOnly });
        stdout.WriteLine($"indexed {index.PhrasingCount} phrasings of {index.FaqCount} FAQs in {sw.Elapsed.TotalSeconds:0.00}s (none threshold {index.NoneThreshold:0.00})");
        index.Search(queries[0].Values[0]);
        int answerable = 0, top1 = 0, top5 = 0, rejectedAnswerable = 0, unanswerable = 0, rejectedNone = 0, overall = 0;
        sw.Restart();
        foreach (var (_, v) in queries)
        {
            var gold = v[1].Trim();
            var r = index.Search(v[0], 5);
            if (gold == None)
            {
                unanswerable++;
                if (r.NoneOfThese) { rejectedNone++; overall++; }
                continue;
            }
            answerable++;
            var first = r.Candidates.Count > 0 && r.Candidates[0].FaqId == gold;
            if (first) top1++;
            if (r.Candidates.Any(c => c.FaqId == gold)) top5++;
            if (r.NoneOfThese) rejectedAnswerable++;
            else if (first) overall++;
        }
        var seconds = sw.Elapsed.TotalSeconds;
        static double Pct(int a, int b) => b == 0 ? 0 : 100.0 * a / b;
        return
        [
            new("top1_accuracy", Pct(top1, answerable)),
            new("top5_recall", Pct(top5, answerable)),
            new("none_rejection", Pct(rejectedNone, unanswerable)),
            new("answerable_rejected", Pct(rejectedAnswerable, answerable)),
            new("overall_accuracy", Pct(overall, queries.Count)),
            new("answered_right", Pct(overall - rejectedNone, answerable)),
            new("queries_per_second", queries.Count / Math.Max(seconds, 1e-9)),
        ];
    }
}
