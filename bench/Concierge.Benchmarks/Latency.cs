using System.Diagnostics;
using System.Runtime.InteropServices;
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
        var cpu = new double[calls];
        var gen0 = GC.CollectionCount(0);
        for (var i = 0; i < calls; i++)
        {
            var cpuStart = ThreadCpuMs();
            var start = Stopwatch.GetTimestamp();
            call(inputs[i % inputs.Count]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadCpuMs() - cpuStart;
        }
        gen0 = GC.CollectionCount(0) - gen0;
        Array.Sort(times);
        Console.WriteLine($"{name}: p50 {times[calls / 2]:0.000} ms, p99 {times[(int)(calls * 0.99)]:0.000} ms, mean {times.Average():0.000} ms ({1000 / times.Average():N0}/s) over {calls:N0} calls");
        // Wall-clock tails on a shared machine are mostly time slices lost to other processes; the calling thread's own
        // CPU time per call (Linux) shows the engine's work apart from that, and the gen-0 count what garbage costs.
        if (cpu[0] >= 0)
        {
            Array.Sort(cpu);
            Console.WriteLine($"{name}: thread CPU per call p50 {cpu[calls / 2]:0.000} ms, p99 {cpu[(int)(calls * 0.99)]:0.000} ms; {gen0} gen-0 collections; load average {LoadAverage()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    private static double ThreadCpuMs()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        return ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : -1;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
