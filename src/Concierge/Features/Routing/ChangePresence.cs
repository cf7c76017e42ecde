using System.Collections.Concurrent;
using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Data;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>
/// An agent's presence changes: set by themselves (or a supervisor), or by the system when their workbench closes or they
/// go quiet. Only online agents get new conversations; going offline puts what they held back in the queue.
/// </summary>
public sealed class ChangePresence(ConciergeDb db, RoutingDesk desk, PresenceTracker tracker, TimeProvider clock)
{
    public async Task<Result> Handle(Guid agentId, string? presence, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (Access.AgentId(actor) is not { } actorId) return Result.Forbidden("Only agents have a presence.");
        if (agentId != actorId && !Access.SeesAllInboxes(actor)) return Result.Forbidden("Only a supervisor can change someone else's presence.");
        if (!Enum.TryParse<Presence>(presence, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            return Result.Invalid("presence", "Presence must be online, busy, away or offline.");
        var changed = await Set(agentId, value, ct);
        if (changed is null) return Result.NotFound("Agent not found.");
        tracker.SetByHand(agentId, value);
        return Result.Ok();
    }

    /// <summary>Applies a presence (by hand or automatically). Returns null for an unknown agent.</summary>
    public async Task<bool?> Set(Guid agentId, Presence presence, CancellationToken ct)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct);
        if (agent is null) return null;
        if (agent.Presence == presence) return false;
        agent.Presence = presence;
        agent.PresenceChangedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var change = desk.Router.SetPresence(agentId, presence);
        await desk.Requeue(change.Orphaned, "agent_offline", ct);
        await desk.Apply(change.Assigned, ct);
        var inboxes = await db.InboxMembers.AsNoTracking().Where(m => m.AgentId == agentId).Select(m => m.InboxId).ToListAsync(ct);
        foreach (var inbox in inboxes) desk.PublishQueue(inbox);
        return true;
    }
}

/// <summary>
/// Who has the workbench open and when they last did something, to set presence by inactivity: a closed workbench goes
/// offline after a grace period (a reload is not a departure); a quiet one shows as away; activity brings an automatic
/// "away" back online. A presence an agent chose by hand is not overridden, except offline when they leave.
/// </summary>
public sealed class PresenceTracker(TimeProvider clock)
{
    private sealed class Entry
    {
        public int Sockets;
        public DateTimeOffset LastActivity;
        public DateTimeOffset? LeftAt;
        public bool ChoseByHand;
        public bool AutoAway;
    }

    private readonly ConcurrentDictionary<Guid, Entry> _agents = new();

    /// <summary>The workbench opened. True when the agent should come online by it (they were offline not by their own choice).</summary>
    public bool Connected(Guid agentId, Presence current)
    {
        var e = _agents.GetOrAdd(agentId, _ => new Entry());
        lock (e)
        {
            e.Sockets++;
            e.LastActivity = clock.GetUtcNow();
            e.LeftAt = null;
            return current == Presence.Offline && !e.ChoseByHand;
        }
    }

    public void Disconnected(Guid agentId)
    {
        if (!_agents.TryGetValue(agentId, out var e)) return;
        lock (e)
        {
            e.Sockets = Math.Max(0, e.Sockets - 1);
            if (e.Sockets == 0) e.LeftAt = clock.GetUtcNow();
        }
    }

    /// <summary>The agent did something. True when an automatic "away" should end.</summary>
    public bool Active(Guid agentId)
    {
        var e = _agents.GetOrAdd(agentId, _ => new Entry());
        lock (e)
        {
            e.LastActivity = clock.GetUtcNow();
            var back = e.AutoAway;
            e.AutoAway = false;
            return back;
        }
    }

    /// <summary>After a restart nobody's workbench is connected yet: count everyone present as just left, so those who do not
    /// come back go offline after the grace period.</summary>
    public void AssumeLeft(Guid agentId)
    {
        var e = _agents.GetOrAdd(agentId, _ => new Entry());
        lock (e) { if (e.Sockets == 0) e.LeftAt ??= clock.GetUtcNow(); }
    }

    public void SetByHand(Guid agentId, Presence presence)
    {
        var e = _agents.GetOrAdd(agentId, _ => new Entry());
        lock (e) { e.ChoseByHand = presence != Presence.Online; e.AutoAway = false; e.LastActivity = clock.GetUtcNow(); }
    }

    /// <summary>Agents to change now: gone for longer than <paramref name="offlineAfter"/>, or quiet for longer than <paramref name="awayAfter"/>.</summary>
    public (List<Guid> Offline, List<Guid> Away) Due(TimeSpan offlineAfter, TimeSpan awayAfter, Func<Guid, Presence?> presenceOf)
    {
        var now = clock.GetUtcNow();
        List<Guid> offline = [], away = [];
        foreach (var (id, e) in _agents)
        {
            lock (e)
            {
                var presence = presenceOf(id);
                if (presence is null or Presence.Offline) continue;
                if (e.Sockets == 0 && e.LeftAt is { } left && now - left >= offlineAfter)
                {
                    offline.Add(id);
                    e.LeftAt = null;
                    e.ChoseByHand = false; // back to automatic: opening the workbench again brings them online
                }
                else if (e.Sockets > 0 && presence == Presence.Online && !e.AutoAway && now - e.LastActivity >= awayAfter)
                {
                    away.Add(id);
                    e.AutoAway = true;
                }
            }
        }
        return (offline, away);
    }
}
