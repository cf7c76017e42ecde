using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Concierge.Nlp.Intents;
using Concierge.Nlp.Retrieval;
using Concierge.Nlp.Text;

namespace Concierge.Benchmarks;

internal static class EngineBenchmarks
{
    public static readonly Type[] All = [typeof(IntentPredictionBenchmark), typeof(FaqSearchBenchmark), typeof(SegmentationBenchmark)];
}

/// <summary>One core, short runs: the machine is shared, and these are throughput figures, not a tuning loop.</summary>
public sealed class EngineConfig : ManualConfig
{
    public EngineConfig()
    {
        // In-process: this project references the web application (for the routing benchmarks), and BenchmarkDotNet's
        // generated out-of-process project would need ASP.NET packages the NuGet copy here does not serve.
        AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("engine"));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>Predictions of a 77-class intent model (BANKING77 when available); each invoke runs a batch of varied texts.</summary>
[Config(typeof(EngineConfig)), MemoryDiagnoser]
public class IntentPredictionBenchmark
{
    private const int Batch = 1000;
    private IntentModel _model = null!;
    private string[] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (train, queries) = EngineData.Intents77();
        _model = IntentClassifier.Train(train);
        _queries = [.. queries.Take(Batch)];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int PredictIntent()
    {
        var n = 0;
        foreach (var q in _queries) n += _model.Predict(q).Label.Length;
        return n;
    }
}

/// <summary>Top-5 FAQ search over a 50,000-phrasing knowledge base (10,000 FAQs × 5 phrasings).</summary>
[Config(typeof(EngineConfig)), MemoryDiagnoser]
public class FaqSearchBenchmark
{
    private const int Batch = 200;
    private FaqIndex _index = null!;
    private string[] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        var kb = EngineData.Kb(10_000, 5, out var queries);
        _index = FaqIndex.Build(kb);
        _queries = [.. queries.Take(Batch)];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SearchTop5()
    {
        var n = 0;
        foreach (var q in _queries) n += _index.Search(q, 5).Candidates.Count;
        return n;
    }
}

/// <summary>Chinese word segmentation throughput (E1's segmenter): MB/s = text bytes / mean time.</summary>
[Config(typeof(EngineConfig)), MemoryDiagnoser]
public class SegmentationBenchmark
{
    private string[] _lines = null!;

    /// <summary>UTF-8 bytes segmented per invoke; divide by the mean to get MB/s.</summary>
    public static long Bytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _lines = EngineData.ChineseText().Split('\n').Select(TextNormalizer.Normalize).ToArray();
        Bytes = _lines.Sum(l => (long)System.Text.Encoding.UTF8.GetByteCount(l));
        Console.WriteLine($"// segmentation input: {Bytes:N0} UTF-8 bytes per invoke");
    }

    [Benchmark]
    public int SegmentCorpus()
    {
        var n = 0;
        var output = new List<string>(256);
        foreach (var l in _lines) { output.Clear(); Segmenter.Default.Segment(l.AsSpan(), output); n += output.Count; }
        return n;
    }
}
