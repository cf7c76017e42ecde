using System.Diagnostics;
using System.Text.Json;
using Concierge.Features.Routing.Engine;

namespace Concierge.Benchmarks;

/// <summary>
/// The routing engine under a scripted load, one thread, timing every decision:
///   routing [--agents 1000] [--skills 50] [--waiting 10000] [--inboxes 5] [--rounds 100000] [--seed 42] [--json]
/// All agents come Online, conversations arrive until <c>--waiting</c> are queued behind full agents, then each round
/// releases a random held conversation (the freed agent takes the next waiting one it can serve) and enqueues a new one;
/// the clock moves 20 ms a round and <see cref="Router.Tick"/> runs every 250 rounds (5 simulated seconds), so skill
/// requirements relax as they would in production. Prints one JSON line last.
/// </summary>
internal static class RoutingScenario
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private const int TickEvery = 250;

    public static int Run(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var agents = int.Parse(Arg("--agents", "1000"));
        var skills = int.Parse(Arg("--skills", "50"));
        var waiting = int.Parse(Arg("--waiting", "10000"));
        var inboxes = int.Parse(Arg("--inboxes", "5"));
        var rounds = int.Parse(Arg("--rounds", "100000"));
        var seed = int.Parse(Arg("--seed", "42"));
        var json = args.Contains("--json");

        // Warm-up on a small world with another seed: the timed run should measure tiered-up code, not the JIT.
        Drive(new RoutingWorld(100, skills, inboxes, seed + 1), 1_000, 20_000, out _, out _, out _);

        var started = Stopwatch.GetTimestamp();
        var world = new RoutingWorld(agents, skills, inboxes, seed);
        var (router, ledger) = Drive(world, waiting, rounds, out var arrivals, out var releases, out var ticks);
        long[] decisions = [.. arrivals, .. releases];
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var problems = router.Audit();
        var snapshot = router.Snapshot();
        var overCapacity = snapshot.Agents.Count(a => a.Load > a.Capacity);
        var result = new Dictionary<string, object>
        {
            ["agents"] = agents,
            ["skills"] = skills,
            ["inboxes"] = inboxes,
            ["rounds"] = rounds,
            ["seed"] = seed,
            ["waiting_at_end"] = snapshot.Waiting.Count,
            ["held_at_end"] = ledger.Held.Count,
            ["assignments"] = ledger.Assignments,
            ["relaxed_assignments"] = ledger.Relaxed,
            ["ticks"] = ticks.Length,
            ["arrival_p99_ms"] = Percentile(arrivals, 0.99),
            ["release_p99_ms"] = Percentile(releases, 0.99),
            ["tick_p99_ms"] = Percentile(ticks, 0.99),
            ["mean_ms"] = Math.Round(decisions.Average() * 1000 / Stopwatch.Frequency, 4),
            ["max_ms"] = Math.Round(decisions.Max() * 1000.0 / Stopwatch.Frequency, 3),
            ["elapsed_s"] = Math.Round(elapsed, 2),
            ["mismatches"] = ledger.Mismatches(router) + problems.Count + overCapacity,
            ["decisions"] = decisions.Length,
            ["p50_ms"] = Percentile(decisions, 0.50),
            ["p99_ms"] = Percentile(decisions, 0.99),
            ["p999_ms"] = Percentile(decisions, 0.999),
            ["assignments_per_second"] = Math.Round(ledger.Assignments / elapsed),
            ["double_assignments"] = ledger.DoubleAssignments,
        };
        if (!json)
        {
            Console.WriteLine($"{decisions.Length:N0} decisions (enqueue + release), {ledger.Assignments:N0} assignments in {elapsed:0.00} s");
            Console.WriteLine($"decision p50 {result["p50_ms"]} ms, p99 {result["p99_ms"]} ms, max {result["max_ms"]} ms; tick p99 {result["tick_p99_ms"]} ms");
            foreach (var problem in problems.Take(10)) Console.WriteLine($"invariant broken: {problem}");
        }
        Console.WriteLine(JsonSerializer.Serialize(result));
        return ledger.DoubleAssignments == 0 && (int)result["mismatches"] == 0 ? 0 : 1;
    }

    /// <summary>Runs the scenario; returns each decision's duration in Stopwatch ticks: arrivals (Enqueue), releases
    /// (Release: the freed agent's choice) and, apart, the periodic Ticks.</summary>
    private static (Router, AssignmentLedger) Drive(RoutingWorld world, int waiting, int rounds, out long[] arrivals,
        out long[] releases, out long[] ticks)
    {
        var router = new Router(world.Clock);
        var ledger = new AssignmentLedger();
        var times = new List<long>(rounds + waiting * 2);
        var releaseTimes = new List<long>(rounds);
        var tickTimes = new List<long>(rounds / TickEvery + 1);

        foreach (var agent in world.Agents) ledger.Record(router.UpsertAgent(agent));
        for (var arrived = 0; ledger.Waiting < waiting && arrived < waiting * 10; arrived++)
            Enqueue(router, ledger, world.NextItem(), times);

        for (var round = 1; round <= rounds; round++)
        {
            world.Clock.Advance(Step);
            if (ledger.Held.Count > 0)
            {
                var conversation = ledger.TakeRandomHeld(world);
                var t0 = Stopwatch.GetTimestamp();
                var assigned = router.Release(conversation);
                releaseTimes.Add(Stopwatch.GetTimestamp() - t0);
                ledger.Record(assigned);
            }
            Enqueue(router, ledger, world.NextItem(), times);
            if (round % TickEvery == 0)
            {
                var t0 = Stopwatch.GetTimestamp();
                var assigned = router.Tick();
                tickTimes.Add(Stopwatch.GetTimestamp() - t0);
                ledger.Record(assigned);
            }
        }
        arrivals = [.. times];
        releases = [.. releaseTimes];
        ticks = [.. tickTimes];
        return (router, ledger);
    }

    private static void Enqueue(Router router, AssignmentLedger ledger, WaitingItem item, List<long> times)
    {
        ledger.Enqueued(item.ConversationId);
        var t0 = Stopwatch.GetTimestamp();
        var assigned = router.Enqueue(item);
        times.Add(Stopwatch.GetTimestamp() - t0);
        ledger.Record(assigned);
    }

    private static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0) return 0;
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        var at = Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1);
        return Math.Round(sorted[Math.Max(0, at)] * 1000.0 / Stopwatch.Frequency, 4);
    }
}
