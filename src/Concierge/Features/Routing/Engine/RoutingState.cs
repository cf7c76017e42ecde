namespace Concierge.Features.Routing.Engine;

/// <summary>The router's mutable view of one agent; guarded by the router's lock.</summary>
internal sealed class AgentSlot(Guid id)
{
    public readonly Guid Id = id;
    public string Name = "";
    public AgentLevel Level;
    public Presence Presence;
    public int Capacity;
    public BitMask Skills;
    public BitMask Teams;
    public BitMask Inboxes;             // interned inbox indexes
    public bool AllInboxes;
    public AgentState? State;           // null for a placeholder created by AddLoad before UpsertAgent
    public readonly List<Guid> Conversations = new(8);
    public long IdleSinceTicks;
    public int AvailableIndex = -1;     // position in Router._available, -1 when not Online with room

    public int Load => Conversations.Count;
    public bool CanTakeNew => Presence == Presence.Online && Conversations.Count < Capacity;
    public bool Serves(InboxQueue inbox) => AllInboxes || Inboxes.Has(inbox.Index);

    /// <summary>The hard constraints other than presence and room, which the caller has checked.</summary>
    public bool Accepts(WaitingEntry entry, bool skillsRelaxed) =>
        Serves(entry.Inbox) && (entry.Team < 0 || Teams.Has(entry.Team)) && (skillsRelaxed || Skills.ContainsAll(entry.Skills));
}

/// <summary>
/// One waiting conversation. Its queue key is fixed at enqueue time (QueuedAt minus the boosts), so the order never
/// changes while it waits: that is what makes the queue a sorted set rather than something re-sorted on every tick.
/// </summary>
internal sealed class WaitingEntry(WaitingItem item, InboxQueue inbox, BitMask skills, int team)
{
    public readonly WaitingItem Item = item;
    public readonly Guid Id = item.ConversationId;
    public readonly InboxQueue Inbox = inbox;
    public readonly BitMask Skills = skills;
    public readonly int Team = team;    // interned team, -1 = any
    public readonly long QueuedTicks = item.QueuedAt.UtcTicks;
    public long Key = KeyOf(item, inbox.Rules);
    public int Rank;                    // 1-based position, valid while the inbox's ranks are (InboxQueue.RankOf)

    public bool NeedsSkills => !Skills.IsEmpty;
    public bool SeniorFirst => (Item.VipLevel > 0 && Inbox.Rules.SeniorFirstForVip) || (Item.Negative && Inbox.Rules.SeniorFirstForNegative);
    public bool SkillsRelaxedAt(long nowTicks) => NeedsSkills && nowTicks - QueuedTicks >= Inbox.RelaxTicks;

    public static long KeyOf(WaitingItem item, InboxRules rules)
    {
        var boost = (item.VipLevel > 0 ? (long)rules.VipBoostSeconds : 0) + (item.Negative ? (long)rules.NegativeBoostSeconds : 0);
        return item.QueuedAt.UtcTicks - boost * TimeSpan.TicksPerSecond;
    }

    /// <summary>Queue order: the aging key, then arrival, then id so that no two entries compare equal.</summary>
    public static readonly IComparer<WaitingEntry> ByKey = Comparer<WaitingEntry>.Create(static (a, b) =>
    {
        var c = a.Key.CompareTo(b.Key);
        if (c != 0) return c;
        c = a.QueuedTicks.CompareTo(b.QueuedTicks);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    /// <summary>Relaxation order: who reaches RelaxSkillsAfterSeconds first.</summary>
    public static readonly IComparer<WaitingEntry> ByQueuedAt = Comparer<WaitingEntry>.Create(static (a, b) =>
    {
        var c = a.QueuedTicks.CompareTo(b.QueuedTicks);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });
}

/// <summary>One inbox: its rules, its queue in key order, and what it has learnt about waiting times.</summary>
internal sealed class InboxQueue(Guid id, int index)
{
    private const double Smoothing = 0.1;   // weight of the newest wait in the moving average (≈ the last 20 waits count)

    public readonly Guid Id = id;
    public readonly int Index = index;
    public InboxRules Rules = InboxRules.Default;
    public readonly SortedSet<WaitingEntry> Order = new(WaitingEntry.ByKey);

    /// <summary>Entries with required skills that <see cref="Router.Tick"/> has not yet seen relax, earliest first.</summary>
    public readonly SortedSet<WaitingEntry> Unrelaxed = new(WaitingEntry.ByQueuedAt);

    /// <summary>Set by a rule change that may make waiting work assignable; the next Tick settles the inbox.</summary>
    public bool NeedsSettle;

    public double? AverageWaitSeconds { get; private set; }

    private int _version, _rankedVersion = -1;

    /// <summary>Online agents serving the inbox, cached for wait estimates until the agents change (router's version).</summary>
    public int OnlineAgents, OnlineAgentsVersion = -1;

    /// <summary>Call after every change to <see cref="Order"/>.</summary>
    public void Changed() => _version++;

    /// <summary>1-based position. Ranks are recomputed for the whole queue at most once per change, so asking for every
    /// waiting conversation's position (supervisor view, live queue updates) is O(n) in all, not O(n²).</summary>
    public int RankOf(WaitingEntry entry)
    {
        if (_rankedVersion != _version)
        {
            var rank = 0;
            foreach (var e in Order) e.Rank = ++rank;
            _rankedVersion = _version;
        }
        return entry.Rank;
    }

    public long RelaxTicks => Math.Max(0, Rules.RelaxSkillsAfterSeconds) * TimeSpan.TicksPerSecond;

    public void RecordWait(long ticks)
    {
        var seconds = Math.Max(0, ticks) / (double)TimeSpan.TicksPerSecond;
        AverageWaitSeconds = AverageWaitSeconds is { } avg ? avg + Smoothing * (seconds - avg) : seconds;
    }
}
