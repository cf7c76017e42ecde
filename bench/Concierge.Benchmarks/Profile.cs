using System.Diagnostics;
using Concierge.Nlp.Evaluation;
using Concierge.Nlp.Features;
using Concierge.Nlp.Intents;

namespace Concierge.Benchmarks;

// TEMPORARY: quick stage timing while developing.
internal static class Profile
{
    public static int Run(string[] args)
    {
        var train = DelimitedReader.ReadCsv(DelimitedReader.OpenText(args[0]), args[0], "text", "label").Select(r => r.Values[0]).ToArray();
        var sw = Stopwatch.StartNew();
        var a = train.Select(AnalyzedText.Of).ToArray();
        Console.WriteLine($"analyze {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us");
        sw.Restart();
        var f = TextFeaturizer.Build(a, new FeatureOptions());
        Console.WriteLine($"build {sw.Elapsed.TotalMilliseconds:0}ms dim {f.Dimension}");
        sw.Restart();
        long nnz = 0;
        foreach (var t in a) nnz += f.Transform(t).Count;
        Console.WriteLine($"transform {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us nnz {nnz / train.Length}");
        sw.Restart();
        for (var i = 0; i < 10000; i++) f.Transform(a[5]);
        Console.WriteLine($"same-text transform {sw.Elapsed.TotalMilliseconds / 10000 * 1000:0.0}us");
        sw.Restart();
        foreach (var t in a) f.Transform(t);
        Console.WriteLine($"transform again {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us");
        var hs = new List<ulong>();
        sw.Restart();
        foreach (var t in a) { hs.Clear(); TextFeaturizer.CollectChars(t.Normalized, f.Options, hs); }
        Console.WriteLine($"chars {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us n {hs.Count}");
        sw.Restart();
        foreach (var t in a) { hs.Clear(); TextFeaturizer.CollectWords(t.Tokens, f.Options, hs); }
        Console.WriteLine($"words {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us n {hs.Count}");
        var d = new Dictionary<ulong, int>(); foreach (var h in hs) d[h] = 1;
        sw.Restart();
        int z = 0;
        foreach (var t in a) { hs.Clear(); TextFeaturizer.CollectChars(t.Normalized, f.Options, hs); foreach (var h in hs) if (d.TryGetValue(h, out var q)) z += q; }
        Console.WriteLine($"chars+lookup {sw.Elapsed.TotalMilliseconds / train.Length * 1000:0.0}us {z}");
        return 0;
    }
}

internal static class FaqProbe
{
    public static int Run(string[] args)
    {
        var kb = Concierge.Nlp.Evaluation.FaqEvaluation.ReadKb(args[0]);
        var index = Concierge.Nlp.Retrieval.FaqIndex.Build(kb);
        foreach (var q in args.Skip(1))
        {
            var r = index.Search(q, 3);
            var a = Concierge.Nlp.Features.AnalyzedText.Of(q);
            Console.WriteLine(string.Join("/", a.Tokens));
            foreach (var c in index.Candidates(a, index.Tfidf.Transform(a).Sorted(), -1, -1, 3)) Console.WriteLine(string.Join(" ", c.Features.Select(x => x.ToString("0.00"))));
            Console.WriteLine($"{q} none={r.NoneOfThese} " + string.Join(" | ", r.Candidates.Select(c => $"{c.FaqId}:{c.Score:0.000}:{c.MatchedQuestion}")));
        }
        return 0;
    }
}
