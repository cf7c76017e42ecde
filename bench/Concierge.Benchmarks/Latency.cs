using System.Diagnostics;
using Concierge.Nlp.Intents;
using Concierge.Nlp.Retrieval;

namespace Concierge.Benchmarks;

/// <summary>
/// Tail latency of single calls (BenchmarkDotNet reports means of batches): p50/p99 of one intent prediction and one
/// FAQ top-5 search, on one thread, plus the memory a 77-class intent model holds.
/// </summary>
internal static class Latency
{
    public static int Run()
    {
        var (train, queries) = EngineData.Intents77();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var model = IntentClassifier.Train(train);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(model);
        Console.WriteLine($"intent model (77 classes): {(after - before) / 1048576.0:0.0} MB managed heap, {model.ApproximateBytes / 1048576.0:0.0} MB of arrays");
        Report("intent prediction", queries, q => model.Predict(q), 20_000);

        var kb = EngineData.Kb(10_000, 5, out var faqQueries);
        var sw = Stopwatch.StartNew();
        var index = FaqIndex.Build(kb);
        Console.WriteLine($"faq index: {index.PhrasingCount:N0} phrasings of {index.FaqCount:N0} FAQs built in {sw.Elapsed.TotalSeconds:0.0}s");
        Report("faq top-5 search", faqQueries, q => index.Search(q, 5), 5_000);
        return 0;
    }

    private static void Report(string name, List<string> inputs, Action<string> call, int calls)
    {
        for (var i = 0; i < 500; i++) call(inputs[i % inputs.Count]); // warm-up (JIT tiers, caches)
        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(inputs[i % inputs.Count]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"{name}: p50 {times[calls / 2]:0.000} ms, p99 {times[(int)(calls * 0.99)]:0.000} ms, mean {times.Average():0.000} ms ({1000 / times.Average():N0}/s) over {calls:N0} calls");
    }
}
