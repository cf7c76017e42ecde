using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concierge.Benchmarks;

/// <summary>
/// The server load driver: N concurrent customer conversations, each posting a message through the app API and waiting
/// for the answer (the bot's full turn: HTTP in → persistence → bot → reply out), for a fixed time. Prints one JSON line:
/// {"turns","turns_per_second","p50_ms","p99_ms","errors",…}. With --baseline-seconds S it first drives the raw
/// /health/live endpoint for S seconds with the same concurrency, to give the ratio to the framework's own limit.
/// By default the loop is closed (each conversation sends its next message the moment the answer arrives), which measures
/// the server's capacity: latency is then concurrency ÷ throughput. With --think-ms T each customer pauses T ms on average
/// (uniformly 0.5–1.5 T) before writing again, as people reading an answer and typing do; that measures the latency a
/// customer sees with that many conversations open at once.
/// A warm-up (--warmup-seconds, default 5; its own customers, not measured) runs first, so the figures are the server's
/// steady state rather than its JIT compiling the message path.
///   load --url http://127.0.0.1:5080 --api-key K --conversations 200 --seconds 30 [--think-ms 2000] [--warmup-seconds 5] [--target turn|health] [--baseline-seconds 10] [--json]
/// Only loopback and the project's own test hosts may be targeted.
/// </summary>
internal static class LoadDriver
{
    private static readonly string[] Questions =
    [
        "运费怎么算？", "How much is shipping?", "我想退货", "how do I return an item", "退款多久到账", "When will I get my refund?",
        "可以开发票吗", "Can I get an invoice?", "会员积分怎么用", "how do membership points work", "怎么修改收货地址", "can I change my delivery address",
        "你好", "hello", "保修期多久", "what is the warranty",
    ];

    public static async Task<int> Run(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var url = new Uri(Arg("--url", "http://127.0.0.1:5080"));
        if (!url.IsLoopback) { Console.Error.WriteLine("load: only loopback targets are allowed (--url http://127.0.0.1:…)."); return 2; }
        var key = Arg("--api-key", "ck_demo_app_4f7c2e9a");
        var conversations = int.Parse(Arg("--conversations", "200"));
        var seconds = double.Parse(Arg("--seconds", "30"));
        var baseline = double.Parse(Arg("--baseline-seconds", "0"));
        var target = Arg("--target", "turn");
        var think = double.Parse(Arg("--think-ms", "0"));
        var warmup = double.Parse(Arg("--warmup-seconds", "5"));
        var json = args.Contains("--json");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var inbox = (await http.GetFromJsonAsync<JsonElement>("/api/v1/inbox")).GetProperty("id").GetString();

        var result = new Dictionary<string, object>();
        if (baseline > 0)
        {
            var h = await Drive(http, conversations, baseline, 0, (_, _) => http.GetAsync("/health/live"));
            result["baseline_requests_per_second"] = h.PerSecond;
            result["baseline_p50_ms"] = h.P50;
            result["baseline_p99_ms"] = h.P99;
        }
        var runId = Guid.NewGuid().ToString("N")[..8];
        Task<HttpResponseMessage> Turn(string customer, int n) => http.PostAsJsonAsync($"/api/v1/inboxes/{inbox}/messages", new
        {
            customer = new { externalId = customer, name = customer },
            text = Questions[n % Questions.Length],
            clientMessageId = $"{customer}-{n}",
        });
        if (warmup > 0) await Drive(http, Math.Min(conversations, 20), warmup, 0, (c, n) => Turn($"warm-{runId}-{c}", c + n));
        var main = target == "health"
            ? await Drive(http, conversations, seconds, think, (_, _) => http.GetAsync("/health/live"))
            : await Drive(http, conversations, seconds, think, (c, n) => Turn($"load-{runId}-{c}", c + n));
        result["target"] = target;
        result["conversations"] = conversations;
        result["seconds"] = seconds;
        result["think_ms"] = think;
        result["warmup_seconds"] = warmup;
        result["turns"] = main.Count;
        result["turns_per_second"] = main.PerSecond;
        result["p50_ms"] = main.P50;
        result["p99_ms"] = main.P99;
        result["errors"] = main.Errors;
        if (baseline > 0) result["ratio_to_baseline"] = Math.Round(main.PerSecond / (double)result["baseline_requests_per_second"], 4);
        var line = JsonSerializer.Serialize(result);
        if (!json) Console.WriteLine($"{main.Count} turns in {seconds} s: {main.PerSecond} turns/s, p50 {main.P50} ms, p99 {main.P99} ms, {main.Errors} errors");
        Console.WriteLine(line);
        return main.Errors == 0 ? 0 : 1;
    }

    private sealed record Outcome(int Count, double PerSecond, double P50, double P99, int Errors);

    private static async Task<Outcome> Drive(HttpClient http, int workers, double seconds, double thinkMs, Func<int, int, Task<HttpResponseMessage>> call)
    {
        var latencies = new List<double>[workers];
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var mine = latencies[w] = [];
            var random = new Random(w);
            // Customers arrive spread over one think time, not all in the same millisecond.
            if (thinkMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * thinkMs));
            for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
            {
                if (thinkMs > 0 && n > 0) await Task.Delay(TimeSpan.FromMilliseconds(thinkMs * (0.5 + random.NextDouble())));
                if (Stopwatch.GetTimestamp() >= until) break;
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await call(w, n);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                    else mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Pct(double p) => all.Length == 0 ? 0 : Math.Round(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)], 2);
        return new Outcome(all.Length, Math.Round(all.Length / elapsed, 1), Pct(0.50), Pct(0.99), errors);
    }
}
