using System.Runtime.InteropServices;

namespace Concierge.Features.Routing.Engine;

/// <summary>The decisions: which agent for an arriving conversation, which conversation for a freed agent.</summary>
public sealed partial class Router
{
    private const double DefaultSecondsPerPosition = 60;

    /// <summary>
    /// An arriving (or newly relaxed) conversation: the best agent among those Online with room. Only
    /// <see cref="_available"/> is scanned — agents without room cannot take it whatever their skills.
    /// </summary>
    private Assignment? ChooseAgent(WaitingEntry entry, long now, string trigger)
    {
        if (_available.Count == 0) return null;
        var relaxed = entry.SkillsRelaxedAt(now);
        var seniorFirst = entry.SeniorFirst;
        var preferredId = entry.Item.PreferredAgent;
        AgentSlot? best = null, second = null, preferred = null;
        var eligible = 0;
        foreach (var agent in CollectionsMarshal.AsSpan(_available))
        {
            if (!agent.Accepts(entry, relaxed)) continue;
            eligible++;
            if (preferredId == agent.Id) preferred = agent;
            if (best is null || Compare(agent, best, seniorFirst, out _) < 0) (second, best) = (best, agent);
            else if (second is null || Compare(agent, second, seniorFirst, out _) < 0) second = agent;
        }
        if (best is null) return null;
        if (preferred is not null) return Assign(entry, preferred, now, "preferred", eligible, relaxed, seniorFirst, Decision.Preferred);
        var decidedBy = Decision.Only;
        if (second is not null) Compare(best, second, seniorFirst, out decidedBy);
        return Assign(entry, best, now, trigger, eligible, relaxed, seniorFirst, decidedBy);
    }

    /// <summary>A freed (or newly Online) agent takes the first waiting conversation it is eligible for, in queue order
    /// across its inboxes, while it has room.</summary>
    private IReadOnlyList<Assignment> Fill(AgentSlot slot, long now)
    {
        if (_needsFill.Count > 0) _needsFill.Remove(slot);
        if (!slot.CanTakeNew || _waiting.Count == 0) return [];
        List<Assignment>? assigned = null;
        while (slot.CanTakeNew && NextFor(slot, now) is { } entry)
        {
            RemoveWaiting(entry);
            // By the router's invariant no other agent with room was eligible, so there was no choice to make.
            var relaxed = !slot.Skills.ContainsAll(entry.Skills);
            (assigned ??= []).Add(Assign(entry, slot, now, "agent-free", 1, relaxed, entry.SeniorFirst, Decision.FreedAgent));
        }
        return assigned is null ? [] : assigned;
    }

    private WaitingEntry? NextFor(AgentSlot slot, long now)
    {
        WaitingEntry? best = null;
        foreach (var inbox in _inboxList)
        {
            if (inbox.Order.Count == 0 || !inbox.Rules.AutoAssign || !slot.Serves(inbox)) continue;
            var relaxedIfQueuedBy = now - inbox.RelaxTicks;
            foreach (var entry in inbox.Order)
            {
                // Another of the agent's inboxes already offers something earlier in key order: stop walking this one.
                if (best is not null && WaitingEntry.ByKey.Compare(entry, best) >= 0) break;
                if (slot.Accepts(entry, entry.QueuedTicks <= relaxedIfQueuedBy))
                {
                    best = entry;
                    break;
                }
            }
        }
        return best;
    }

    /// <summary>After a rule change several agents may have room for the same work: walk the queue in order and let each
    /// conversation choose, as if it had just arrived, until no agent serving the inbox has room.</summary>
    private void Settle(InboxQueue inbox, long now, ref List<Assignment>? assigned)
    {
        List<WaitingEntry>? taken = null;
        foreach (var entry in inbox.Order)
        {
            if (!AnyAvailableServes(inbox)) break;
            if (ChooseAgent(entry, now, entry.SkillsRelaxedAt(now) ? "relaxed" : "agent-free") is not { } assignment) continue;
            (taken ??= []).Add(entry);
            (assigned ??= []).Add(assignment);
        }
        if (taken is not null) foreach (var entry in taken) RemoveWaiting(entry);
    }

    private bool AnyAvailableServes(InboxQueue inbox)
    {
        foreach (var agent in CollectionsMarshal.AsSpan(_available))
            if (agent.Serves(inbox)) return true;
        return false;
    }

    private Assignment Assign(WaitingEntry entry, AgentSlot slot, long now, string trigger, int eligible, bool relaxed,
        bool seniorFirst, Decision decidedBy)
    {
        // Explain first: the reasons quote the load and idle time the decision compared, not the ones after it.
        var why = new RoutingExplanation(trigger, eligible, relaxed, seniorFirst,
            ExplainAssignment.Reasons(entry, slot, now, eligible, relaxed, seniorFirst, decidedBy));
        slot.Conversations.Add(entry.Id);
        slot.IdleSinceTicks = now;
        _holders[entry.Id] = slot;
        UpdateAvailability(slot);
        // Only conversations that actually queued teach the estimate: one answered on arrival says nothing about how
        // fast the queue moves.
        if (trigger is not ("enqueued" or "preferred") || now - entry.QueuedTicks > TimeSpan.TicksPerSecond)
            entry.Inbox.RecordWait(now - entry.QueuedTicks);
        return new Assignment(entry.Id, entry.Inbox.Id, slot.Id, why);
    }

    /// <summary>Agent order for one conversation: higher level first when senior-first applies, then the lower
    /// load/capacity ratio, the fewer chats, the longer idle, and the id so that equal agents still have an order.</summary>
    private static int Compare(AgentSlot a, AgentSlot b, bool seniorFirst, out Decision decidedBy)
    {
        if (seniorFirst && a.Level != b.Level)
        {
            decidedBy = Decision.Level;
            return b.Level.CompareTo(a.Level);
        }
        long ratioA = (long)a.Load * b.Capacity, ratioB = (long)b.Load * a.Capacity;   // a.Load/a.Capacity vs b's, in integers
        if (ratioA != ratioB)
        {
            decidedBy = Decision.LeastLoaded;
            return ratioA.CompareTo(ratioB);
        }
        if (a.Load != b.Load)
        {
            decidedBy = Decision.FewestChats;
            return a.Load.CompareTo(b.Load);
        }
        if (a.IdleSinceTicks != b.IdleSinceTicks)
        {
            decidedBy = Decision.LongestIdle;
            return a.IdleSinceTicks.CompareTo(b.IdleSinceTicks);
        }
        decidedBy = Decision.Id;
        return a.Id.CompareTo(b.Id);
    }

    /// <summary>Moving average of recent queue waits in the inbox × position ÷ the Online agents serving it; 60 s per
    /// position ÷ those agents before there is any history.</summary>
    private TimeSpan EstimateWait(InboxQueue inbox, int position)
    {
        if (inbox.OnlineAgentsVersion != _agentsVersion)
        {
            var count = 0;
            foreach (var agent in _agents.Values)
                if (agent.Presence == Presence.Online && agent.Capacity > 0 && agent.Serves(inbox)) count++;
            (inbox.OnlineAgents, inbox.OnlineAgentsVersion) = (count, _agentsVersion);
        }
        var online = inbox.OnlineAgents;
        var perPosition = inbox.AverageWaitSeconds ?? DefaultSecondsPerPosition;
        var seconds = perPosition * position / Math.Max(1, online);
        return TimeSpan.FromSeconds(double.IsFinite(seconds) ? Math.Clamp(seconds, 0, TimeSpan.FromDays(1).TotalSeconds) : 0);
    }
}

/// <summary>What settled the choice of agent; becomes the last words of the explanation.</summary>
internal enum Decision { Only, Preferred, Level, LeastLoaded, FewestChats, LongestIdle, Id, FreedAgent }
