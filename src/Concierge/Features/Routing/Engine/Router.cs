namespace Concierge.Features.Routing.Engine;

/// <summary>
/// Decides which human agent gets a conversation waiting for a human: in memory, incrementally, thread-safe.
/// The app feeds it facts (agents, presence, rules, waiting conversations, who holds what) and persists the
/// <see cref="Assignment"/>s it returns; the router never touches the database, so it can be rebuilt at start-up:
/// <see cref="UpsertAgent"/> every agent, <see cref="AddLoad"/> every held conversation, then <see cref="Enqueue"/> the
/// waiting ones (in that order, so nobody is given work before their existing load is known).
/// </summary>
/// <remarks>
/// Invariant: a conversation is waiting, or held by exactly one agent, or unknown — never two of these. After every
/// public call except <see cref="SetRules"/> and a transfer through <see cref="AddLoad"/> (both settled by the next
/// <see cref="Tick"/>), no waiting conversation has an eligible agent that is Online with room; so an arrival only looks
/// at agents with room, and a freed agent only looks for its own next conversation. Rules: docs/routing.md.
/// One lock guards everything: a decision is microseconds, far below the cost of finer locking.
/// </remarks>
public sealed partial class Router(TimeProvider clock)
{
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, AgentSlot> _agents = [];
    private readonly List<AgentSlot> _available = [];             // Online with room: the only agents an arrival can go to
    private readonly Dictionary<Guid, InboxQueue> _inboxes = [];
    private readonly List<InboxQueue> _inboxList = [];             // by InboxQueue.Index
    private readonly Dictionary<Guid, WaitingEntry> _waiting = [];
    private readonly Dictionary<Guid, AgentSlot> _holders = [];
    private readonly HashSet<AgentSlot> _needsFill = [];           // freed by a call that cannot report assignments
    private readonly NameTable _skills = new();
    private readonly NameTable _teams = new();
    private int _agentsVersion;                                    // bumped when agents change; invalidates cached counts

    private long Now => _clock.GetUtcNow().UtcTicks;

    /// <summary>Adds or updates an agent (skills, capacity, presence…). Keeps what the agent holds, even when the new
    /// presence is Offline (use <see cref="SetPresence"/> to hand conversations back); takes waiting work if it now has room.</summary>
    public IReadOnlyList<Assignment> UpsertAgent(AgentState agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        lock (_gate)
        {
            var now = Now;
            _agentsVersion++;
            if (!_agents.TryGetValue(agent.Id, out var slot))
            {
                slot = new AgentSlot(agent.Id) { IdleSinceTicks = now };
                _agents.Add(agent.Id, slot);
            }
            else if (agent.Presence == Presence.Online && slot.Presence != Presence.Online)
            {
                slot.IdleSinceTicks = now;
            }
            slot.State = agent;
            slot.Name = agent.Name ?? "";
            slot.Level = agent.Level;
            slot.Presence = agent.Presence;
            slot.Capacity = Math.Max(0, agent.Capacity);
            slot.Skills = _skills.MaskOf(agent.Skills);
            slot.Teams = _teams.MaskOf(agent.Teams);
            slot.AllInboxes = agent.AllInboxes;
            slot.Inboxes = InboxMask(agent.Inboxes);
            UpdateAvailability(slot);
            return Fill(slot, now);
        }
    }

    /// <summary>Offline: the agent's conversations are dropped and returned as <see cref="PresenceChange.Orphaned"/> for the
    /// app to re-queue. Online: the agent takes waiting work. Busy/Away: keeps what it holds, takes nothing new.
    /// An unknown agent changes nothing.</summary>
    public PresenceChange SetPresence(Guid agentId, Presence presence)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(agentId, out var slot)) return PresenceChange.None;
            var now = Now;
            _agentsVersion++;
            IReadOnlyList<Guid> orphaned = [];
            if (presence == Presence.Offline && slot.Conversations.Count > 0)
            {
                orphaned = [.. slot.Conversations];
                foreach (var conversation in slot.Conversations) _holders.Remove(conversation);
                slot.Conversations.Clear();
            }
            if (presence == Presence.Online && slot.Presence != Presence.Online) slot.IdleSinceTicks = now;
            slot.Presence = presence;
            UpdateAvailability(slot);
            var assigned = Fill(slot, now);
            return orphaned.Count == 0 && assigned.Count == 0 ? PresenceChange.None : new PresenceChange(orphaned, assigned);
        }
    }

    /// <summary>Forgets a deactivated agent and the conversations it held (call <see cref="SetPresence"/> with Offline first
    /// to get them back for re-queuing).</summary>
    public void RemoveAgent(Guid agentId)
    {
        lock (_gate)
        {
            if (!_agents.Remove(agentId, out var slot)) return;
            _agentsVersion++;
            foreach (var conversation in slot.Conversations) _holders.Remove(conversation);
            slot.Conversations.Clear();
            slot.Presence = Presence.Offline;
            UpdateAvailability(slot);
            _needsFill.Remove(slot);
        }
    }

    /// <summary>Replaces an inbox's rules. Waiting conversations are re-ordered if the boosts changed; work that the new
    /// rules make assignable (auto-assign switched on, faster relaxation) is assigned on the next <see cref="Tick"/>.</summary>
    public void SetRules(Guid inboxId, InboxRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            var inbox = Inbox(inboxId);
            var old = inbox.Rules;
            inbox.Rules = rules;
            if (old.VipBoostSeconds != rules.VipBoostSeconds || old.NegativeBoostSeconds != rules.NegativeBoostSeconds)
            {
                // A key is fixed while the entry sits in the sorted set; re-insert everything under the new keys.
                var entries = inbox.Order.ToArray();
                inbox.Order.Clear();
                foreach (var entry in entries)
                {
                    entry.Key = WaitingEntry.KeyOf(entry.Item, rules);
                    inbox.Order.Add(entry);
                }
                inbox.Changed();
            }
            if (rules.AutoAssign && (!old.AutoAssign || rules.RelaxSkillsAfterSeconds < old.RelaxSkillsAfterSeconds))
                inbox.NeedsSettle = true;
        }
    }

    /// <summary>
    /// A conversation starts (or keeps) waiting for a human. Idempotent per conversation: enqueuing one that is already
    /// waiting replaces it (new skills, VIP level…); enqueuing one an agent holds changes nothing (call
    /// <see cref="Release"/> first to re-queue it). Returns the assignment when an agent takes it at once.
    /// </summary>
    public IReadOnlyList<Assignment> Enqueue(WaitingItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ConversationId == Guid.Empty) throw new ArgumentException("The conversation id is empty.", nameof(item));
        lock (_gate)
        {
            if (_holders.ContainsKey(item.ConversationId)) return [];
            if (_waiting.TryGetValue(item.ConversationId, out var old)) RemoveWaiting(old);

            var now = Now;
            var inbox = Inbox(item.InboxId);
            var team = string.IsNullOrWhiteSpace(item.Team) ? -1 : _teams.Intern(item.Team);
            var entry = new WaitingEntry(item, inbox, _skills.MaskOf(item.RequiredSkills), team);
            if (inbox.Rules.AutoAssign && ChooseAgent(entry, now, "enqueued") is { } assignment) return [assignment];

            _waiting.Add(entry.Id, entry);
            inbox.Order.Add(entry);
            inbox.Changed();
            if (entry.NeedsSkills && !entry.SkillsRelaxedAt(now)) inbox.Unrelaxed.Add(entry);
            return [];
        }
    }

    /// <summary>The conversation no longer waits (taken by hand, resolved, back to the bot). Returns whether it was waiting;
    /// a conversation an agent holds is left alone (that is <see cref="Release"/>).</summary>
    public bool Remove(Guid conversationId)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(conversationId, out var entry)) return false;
            RemoveWaiting(entry);
            return true;
        }
    }

    /// <summary>
    /// Records that the agent holds the conversation (a manual assignment or transfer, or rebuilding state at start-up);
    /// it stops waiting. May exceed the agent's capacity: it is a fact, not a decision. An agent not yet known is kept as
    /// an Offline placeholder until <see cref="UpsertAgent"/>. A previous holder freed by a transfer takes its next
    /// conversation on the next <see cref="Tick"/> (or call <see cref="Release"/> first to get that assignment at once).
    /// </summary>
    public void AddLoad(Guid agentId, Guid conversationId)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(conversationId, out var entry)) RemoveWaiting(entry);
            var now = Now;
            if (_holders.TryGetValue(conversationId, out var previous))
            {
                if (previous.Id == agentId) return;
                previous.Conversations.Remove(conversationId);
                previous.IdleSinceTicks = now;
                UpdateAvailability(previous);
                if (previous.CanTakeNew) _needsFill.Add(previous);
            }
            if (!_agents.TryGetValue(agentId, out var slot))
            {
                slot = new AgentSlot(agentId) { Presence = Presence.Offline, IdleSinceTicks = now };
                _agents.Add(agentId, slot);
                _agentsVersion++;
            }
            slot.Conversations.Add(conversationId);
            slot.IdleSinceTicks = now;
            _holders[conversationId] = slot;
            UpdateAvailability(slot);
        }
    }

    /// <summary>The conversation left its agent (resolved, transferred, back to the queue). The freed agent, if Online,
    /// takes the first waiting conversation it is eligible for, repeatedly while it has room.</summary>
    public IReadOnlyList<Assignment> Release(Guid conversationId)
    {
        lock (_gate)
        {
            if (!_holders.Remove(conversationId, out var slot)) return [];
            var now = Now;
            slot.Conversations.Remove(conversationId);
            slot.IdleSinceTicks = now;
            UpdateAvailability(slot);
            return Fill(slot, now);
        }
    }

    /// <summary>Periodic (every few seconds): assigns conversations whose skill requirement has just relaxed, settles inboxes
    /// whose rules changed, and fills agents freed by transfers.</summary>
    public IReadOnlyList<Assignment> Tick()
    {
        lock (_gate)
        {
            var now = Now;
            List<Assignment>? assigned = null;
            foreach (var inbox in _inboxList)
            {
                if (!inbox.Rules.AutoAssign) continue;   // relaxation waits too; switching auto-assign on settles the inbox
                if (inbox.NeedsSettle)
                {
                    inbox.NeedsSettle = false;
                    Settle(inbox, now, ref assigned);
                }
                var limit = now - inbox.RelaxTicks;
                while (inbox.Unrelaxed.Count > 0 && inbox.Unrelaxed.Min!.QueuedTicks <= limit)
                {
                    var entry = inbox.Unrelaxed.Min!;
                    inbox.Unrelaxed.Remove(entry);
                    if (_available.Count == 0) continue;   // a freed agent will find it by its age
                    if (ChooseAgent(entry, now, "relaxed") is not { } assignment) continue;
                    RemoveWaiting(entry);
                    (assigned ??= []).Add(assignment);
                }
            }
            if (_needsFill.Count > 0)
            {
                foreach (var slot in _needsFill.ToArray())
                    foreach (var assignment in Fill(slot, now)) (assigned ??= []).Add(assignment);
                _needsFill.Clear();
            }
            return assigned is null ? [] : assigned;
        }
    }

    /// <summary>The conversation's place in its inbox's queue, or null when it is not waiting. The first call after the
    /// queue changed ranks the whole inbox (O(waiting)); further calls until the next change are O(1).</summary>
    public QueuePosition? PositionOf(Guid conversationId)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(conversationId, out var entry)) return null;
            var position = entry.Inbox.RankOf(entry);
            return new QueuePosition(position, entry.Inbox.Order.Count, EstimateWait(entry.Inbox, position));
        }
    }

    /// <summary>Agents (by name) with their loads, and every waiting conversation in queue order per inbox.</summary>
    public RouterSnapshot Snapshot()
    {
        lock (_gate)
        {
            var agents = _agents.Values
                .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Id)
                .Select(a => new AgentLoad(a.Id, a.Name, a.Presence, a.Level, a.Load, a.Capacity, [.. a.Conversations],
                    new DateTimeOffset(a.IdleSinceTicks, TimeSpan.Zero)))
                .ToList();
            var waiting = new List<WaitingView>(_waiting.Count);
            foreach (var inbox in _inboxList)
            {
                var position = 0;
                foreach (var e in inbox.Order)
                    waiting.Add(new WaitingView(e.Id, inbox.Id, e.Item.QueuedAt, e.Item.VipLevel, e.Item.Negative,
                        e.Item.RequiredSkills, e.Item.Team, ++position));
            }
            return new RouterSnapshot(agents, waiting);
        }
    }

    public bool IsWaiting(Guid conversationId)
    {
        lock (_gate) return _waiting.ContainsKey(conversationId);
    }

    public Guid? AgentOf(Guid conversationId)
    {
        lock (_gate) return _holders.TryGetValue(conversationId, out var slot) ? slot.Id : null;
    }

    /// <summary>The conversations the agent holds (empty for an unknown agent).</summary>
    public IReadOnlyList<Guid> ConversationsOf(Guid agentId)
    {
        lock (_gate) return _agents.TryGetValue(agentId, out var slot) ? [.. slot.Conversations] : [];
    }

    /// <summary>For tests and diagnostics: every broken internal invariant, described (empty when all hold). With
    /// <paramref name="settled"/>, also that no waiting conversation has an eligible agent with room (true after a Tick).</summary>
    internal IReadOnlyList<string> Audit(bool settled = false)
    {
        lock (_gate)
        {
            var problems = new List<string>();
            var held = 0;
            foreach (var agent in _agents.Values)
            {
                if (agent.Conversations.Distinct().Count() != agent.Conversations.Count) problems.Add($"{agent.Name} holds a conversation twice");
                foreach (var conversation in agent.Conversations)
                {
                    held++;
                    if (!_holders.TryGetValue(conversation, out var holder) || holder != agent) problems.Add($"{conversation} held by {agent.Name} but not recorded so");
                    if (_waiting.ContainsKey(conversation)) problems.Add($"{conversation} is both held and waiting");
                }
                if ((agent.AvailableIndex >= 0) != agent.CanTakeNew || agent.AvailableIndex >= 0 && _available[agent.AvailableIndex] != agent)
                    problems.Add($"{agent.Name}: availability list out of date");
            }
            if (held != _holders.Count) problems.Add($"{_holders.Count} holders recorded, {held} conversations held");
            if (_available.Count != _agents.Values.Count(a => a.CanTakeNew)) problems.Add("availability list has stale agents");
            var queued = 0;
            foreach (var inbox in _inboxList)
            {
                queued += inbox.Order.Count;
                foreach (var entry in inbox.Order)
                    if (!_waiting.TryGetValue(entry.Id, out var w) || w != entry) problems.Add($"{entry.Id} queued but not waiting");
                foreach (var entry in inbox.Unrelaxed)
                    if (!inbox.Order.Contains(entry)) problems.Add($"{entry.Id} awaits relaxation but is not queued");
            }
            if (queued != _waiting.Count) problems.Add($"{_waiting.Count} waiting, {queued} queued");
            if (settled)
            {
                var now = Now;
                foreach (var entry in _waiting.Values)
                    if (entry.Inbox.Rules.AutoAssign && _available.Any(a => a.Accepts(entry, entry.SkillsRelaxedAt(now))))
                        problems.Add($"{entry.Id} waits although an eligible agent has room");
            }
            return problems;
        }
    }

    private InboxQueue Inbox(Guid inboxId)
    {
        if (_inboxes.TryGetValue(inboxId, out var inbox)) return inbox;
        inbox = new InboxQueue(inboxId, _inboxList.Count);
        _inboxes.Add(inboxId, inbox);
        _inboxList.Add(inbox);
        return inbox;
    }

    private BitMask InboxMask(IReadOnlyCollection<Guid>? inboxes)
    {
        if (inboxes is null || inboxes.Count == 0) return default;
        var bits = new int[inboxes.Count];
        var n = 0;
        foreach (var id in inboxes) bits[n++] = Inbox(id).Index;
        return BitMask.Of(bits);
    }

    private void RemoveWaiting(WaitingEntry entry)
    {
        _waiting.Remove(entry.Id);
        entry.Inbox.Order.Remove(entry);
        entry.Inbox.Changed();
        if (entry.NeedsSkills) entry.Inbox.Unrelaxed.Remove(entry);
    }

    /// <summary>Keeps <see cref="_available"/> equal to the set of Online agents with room (swap-remove, O(1)).</summary>
    private void UpdateAvailability(AgentSlot slot)
    {
        var available = slot.CanTakeNew;
        if (available == slot.AvailableIndex >= 0) return;
        if (available)
        {
            slot.AvailableIndex = _available.Count;
            _available.Add(slot);
            return;
        }
        var last = _available[^1];
        _available[slot.AvailableIndex] = last;
        last.AvailableIndex = slot.AvailableIndex;
        _available.RemoveAt(_available.Count - 1);
        slot.AvailableIndex = -1;
    }
}
