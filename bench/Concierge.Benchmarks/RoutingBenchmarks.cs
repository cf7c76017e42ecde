using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Concierge.Features.Routing.Engine;

namespace Concierge.Benchmarks;

/// <summary>
/// Short runs, in process: the machine is shared, and building a separate benchmark project would also rebuild the web
/// application for nothing — the router is plain in-memory code.
/// </summary>
public sealed class RoutingConfig : ManualConfig
{
    public RoutingConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("routing"));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>
/// Routing decisions with 1,000 agents, 50 skills and 10,000 waiting conversations (the bar: p99 &lt; 1 ms,
/// ≥ 20,000 assignments/s). Each operation leaves the state as it found it, so every invocation measures the same world.
/// </summary>
[Config(typeof(RoutingConfig)), MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int Agents = 1000, Skills = 50, Inboxes = 5, Waiting = 10_000, Seed = 42;
    private RoutingWorld _world = null!;
    private Router _router = null!;
    private AssignmentLedger _ledger = null!;
    private Guid _parked;

    /// <summary>Every agent has room; the 10,000 waiting conversations sit in an inbox with auto-assign off.</summary>
    [GlobalSetup(Target = nameof(ArrivalScansAllAgents))]
    public void SetupFreeAgents()
    {
        Build();
        _parked = Guid.NewGuid();
        _router.SetRules(_parked, InboxRules.Default with { AutoAssign = false });
        for (var i = 0; i < Waiting; i++) _router.Enqueue(_world.NextItem(_parked));
    }

    /// <summary>The steady state: every agent busy, 10,000 conversations queued behind them.</summary>
    [GlobalSetup(Targets = [nameof(ArrivalJoinsQueue), nameof(AgentFreesUp)])]
    public void SetupFullAgents()
    {
        Build();
        while (_ledger.Waiting < Waiting)
        {
            var item = _world.NextItem();
            _ledger.Enqueued(item.ConversationId);
            _ledger.Record(_router.Enqueue(item));
        }
    }

    /// <summary>An arrival that has to look at all 1,000 agents (all with room) and pick the best; then its release, which
    /// finds nothing to take (the only waiting work is in the paused inbox).</summary>
    [Benchmark]
    public Guid ArrivalScansAllAgents()
    {
        var item = _world.NextItem();
        var assigned = _router.Enqueue(item);
        if (assigned.Count == 0) return _router.Remove(item.ConversationId) ? Guid.Empty : item.InboxId;   // nobody has both skills
        _router.Release(item.ConversationId);
        return assigned[0].AgentId;
    }

    /// <summary>An arrival that no agent has room for: it joins the 10,000-long queue (then leaves it again).</summary>
    [Benchmark]
    public bool ArrivalJoinsQueue()
    {
        var item = _world.NextItem();
        var assigned = _router.Enqueue(item);
        if (assigned.Count > 0) _router.Release(item.ConversationId);
        return _router.Remove(item.ConversationId);
    }

    /// <summary>An agent frees up and takes the first of the 10,000 waiting conversations it can serve; a new arrival then
    /// keeps the queue at 10,000 (usually queued, as everyone is busy again).</summary>
    [Benchmark]
    public int AgentFreesUp()
    {
        _world.Clock.Advance(TimeSpan.FromMilliseconds(20));
        var assigned = _router.Release(_ledger.TakeRandomHeld(_world));
        _ledger.Record(assigned);
        var item = _world.NextItem();
        _ledger.Enqueued(item.ConversationId);
        _ledger.Record(_router.Enqueue(item));
        return assigned.Count;
    }

    private void Build()
    {
        _world = new RoutingWorld(Agents, Skills, Inboxes, Seed);
        _router = new Router(_world.Clock);
        _ledger = new AssignmentLedger();
        foreach (var agent in _world.Agents) _router.UpsertAgent(agent);
    }
}
