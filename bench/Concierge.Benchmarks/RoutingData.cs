using Concierge.Features.Routing.Engine;

namespace Concierge.Benchmarks;

/// <summary>A clock the routing scenario moves by hand, so relaxation happens at a known simulated pace.</summary>
internal sealed class RoutingClock : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// A seeded contact centre: agents with 2–6 of the skills, capacity 3–8, mixed levels, 1–3 of the inboxes, a few in the
/// risk team; waiting conversations with 0–2 required skills, ~10 % VIP, ~10 % negative, ~1 % for the risk team.
/// </summary>
internal sealed class RoutingWorld
{
    private readonly Random _random;
    public RoutingClock Clock { get; } = new();
    public Guid[] Inboxes { get; }
    public string[] Skills { get; }
    public AgentState[] Agents { get; }

    public RoutingWorld(int agents, int skills, int inboxes, int seed)
    {
        _random = new Random(seed);
        Inboxes = [.. Enumerable.Range(0, inboxes).Select(_ => NewGuid())];
        Skills = [.. Enumerable.Range(0, skills).Select(i => $"skill{i:D2}")];
        Agents = [.. Enumerable.Range(0, agents).Select(i => new AgentState(NewGuid(), $"agent{i:D4}",
            Pick(Skills, 2 + _random.Next(5)), (AgentLevel)Weighted(60, 30, 10),
            _random.Next(20) == 0 ? ["risk"] : [], Pick(Inboxes, 1 + _random.Next(Math.Min(3, inboxes))),
            AllInboxes: false, Capacity: 3 + _random.Next(6), Presence.Online))];
    }

    public WaitingItem NextItem(Guid? inbox = null) => new(NewGuid(), inbox ?? Inboxes[_random.Next(Inboxes.Length)],
        Pick(Skills, _random.Next(3)), _random.Next(10) == 0 ? 1 + _random.Next(3) : 0, _random.Next(10) == 0,
        _random.Next(100) == 0 ? "risk" : null, Clock.Now);

    public int Next(int max) => _random.Next(max);

    /// <summary>Guids from the seeded generator, so a run is repeatable to the last tie-break.</summary>
    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary><paramref name="count"/> distinct elements, without copying the whole array (this runs inside the timed loop
    /// of the micro-benchmarks).</summary>
    private T[] Pick<T>(T[] from, int count)
    {
        count = Math.Min(count, from.Length);
        if (count == 0) return [];
        var picked = new T[count];
        Span<int> taken = stackalloc int[count];
        for (var n = 0; n < count;)
        {
            var at = _random.Next(from.Length);
            if (taken[..n].Contains(at)) continue;
            taken[n] = at;
            picked[n++] = from[at];
        }
        return picked;
    }

    private int Weighted(params int[] weights)
    {
        var roll = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
            if ((roll -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }
}

/// <summary>Follows every assignment to count double assignments independently of the router's own bookkeeping.</summary>
internal sealed class AssignmentLedger
{
    private readonly HashSet<Guid> _waiting = [];
    private readonly Dictionary<Guid, int> _heldAt = [];   // conversation → index in Held
    public List<Guid> Held { get; } = [];
    public int Assignments { get; private set; }
    public int DoubleAssignments { get; private set; }
    public int Relaxed { get; private set; }
    public int Waiting => _waiting.Count;

    public void Enqueued(Guid conversation)
    {
        if (!_heldAt.ContainsKey(conversation)) _waiting.Add(conversation);
    }

    public void Record(IReadOnlyList<Assignment> assigned)
    {
        foreach (var a in assigned)
        {
            Assignments++;
            if (a.Why.SkillsRelaxed) Relaxed++;
            // Assigned while held, or when it was not waiting at all: either is a double assignment.
            if (_heldAt.ContainsKey(a.ConversationId) || !_waiting.Remove(a.ConversationId)) { DoubleAssignments++; continue; }
            _heldAt[a.ConversationId] = Held.Count;
            Held.Add(a.ConversationId);
        }
    }

    public Guid TakeRandomHeld(RoutingWorld world)
    {
        var at = world.Next(Held.Count);
        var conversation = Held[at];
        var last = Held[^1];
        Held[at] = last;
        _heldAt[last] = at;
        Held.RemoveAt(Held.Count - 1);
        _heldAt.Remove(conversation);
        return conversation;
    }

    /// <summary>Conversations the ledger and the router disagree about (lost, or in the wrong state).</summary>
    public int Mismatches(Router router) =>
        _waiting.Count(c => !router.IsWaiting(c)) + _heldAt.Keys.Count(c => router.AgentOf(c) is null);
}
