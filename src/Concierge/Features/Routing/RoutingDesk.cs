using System.Collections.Concurrent;
using System.Text.Json;
using Concierge.Features.Agents;
using Concierge.Features.Conversations;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Data;
using Concierge.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>Where a waiting customer stands, for their widget (and the app API).</summary>
public sealed record QueueUpdated(Guid InboxId, Guid ConversationId, Guid ContactId, int Position, int Waiting, int EstimatedWaitSeconds)
    : LiveEvent(InboxId, ConversationId);

/// <summary>Routing state changed (an agent's presence or load, the queue): supervisor screens refresh.</summary>
public sealed record RoutingChanged(Guid InboxId) : LiveEvent(InboxId, Guid.Empty);

/// <summary>
/// The application's side of the in-memory <see cref="Router"/>: it rebuilds the router from the database at start,
/// feeds it conversations and agents, and writes every decision it makes back to the database (assignment + why).
/// The database stays the source of truth: if writing an assignment fails because the conversation changed meanwhile,
/// the router is told and the conversation is routed again from what the database says.
/// </summary>
public sealed class RoutingDesk(Router router, IServiceScopeFactory scopes, ILiveFeed feed, TimeProvider clock, ILogger<RoutingDesk> log)
{
    /// <summary>Waiting conversations this node queued, with whom to tell their place (inbox, customer).</summary>
    private readonly ConcurrentDictionary<Guid, (Guid Inbox, Guid Contact)> _waiting = new();
    private volatile HashSet<string> _knownSkills = [];

    public Router Router => router;

    /// <summary>Skill tags some active agent has; a conversation only requires skills from this set, so it cannot wait for nobody.</summary>
    public IReadOnlySet<string> KnownSkills => _knownSkills;

    /// <summary>Loads agents, rules, loads and the waiting queue from the database (at start-up).</summary>
    public async Task Rebuild(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        foreach (var inbox in await db.Inboxes.AsNoTracking().Where(i => !i.IsArchived).ToListAsync(ct))
            router.SetRules(inbox.Id, inbox.RoutingRules);

        var agents = await RoutableAgents(db, null, ct);
        // Everyone starts offline so that loads and the queue are in place before anyone takes new work.
        foreach (var a in agents) router.UpsertAgent(a with { Presence = Presence.Offline });
        RefreshSkills(agents);

        var held = await db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Assigned && c.AssigneeId != null)
            .Select(c => new { c.Id, c.AssigneeId }).ToListAsync(ct);
        foreach (var h in held) router.AddLoad(h.AssigneeId!.Value, h.Id);

        var waiting = await db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Queued).ToListAsync(ct);
        foreach (var c in waiting) await Enqueue(db, c, ct, apply: false);

        var assigned = new List<Assignment>();
        foreach (var a in agents.Where(a => a.Presence != Presence.Offline))
            assigned.AddRange(router.SetPresence(a.Id, a.Presence).Assigned);
        await Apply(assigned, ct);
        log.LogInformation("Routing rebuilt: {Agents} agents, {Held} conversations held, {Waiting} waiting", agents.Count, held.Count, waiting.Count);
    }

    /// <summary>The router's view of agents (role agent or supervisor, active), optionally just one.</summary>
    public static async Task<List<AgentState>> RoutableAgents(ConciergeDb db, Guid? only, CancellationToken ct)
    {
        var query = db.Agents.AsNoTracking().Where(a => a.IsActive && (a.Role == Roles.Agent || a.Role == Roles.Supervisor));
        if (only is { } id) query = query.Where(a => a.Id == id);
        var agents = await query.ToListAsync(ct);
        var ids = agents.Select(a => a.Id).ToList();
        var members = await db.InboxMembers.AsNoTracking().Where(m => ids.Contains(m.AgentId)).ToListAsync(ct);
        return agents.Select(a => new AgentState(a.Id, a.DisplayName, a.SkillList, a.Level, a.TeamList,
            members.Where(m => m.AgentId == a.Id).Select(m => m.InboxId).ToList(), false, a.MaxConcurrentChats, a.Presence)).ToList();
    }

    /// <summary>An agent was created or changed (skills, capacity, inboxes, deactivated): tell the router.</summary>
    public async Task RefreshAgent(Guid agentId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        var state = (await RoutableAgents(db, agentId, ct)).FirstOrDefault();
        if (state is null)
        {
            // Deactivated (or no longer a routable role): what they held goes back to the queue.
            var orphaned = router.SetPresence(agentId, Presence.Offline).Orphaned;
            router.RemoveAgent(agentId);
            await Requeue(orphaned, "agent_offline", ct);
        }
        else await Apply(router.UpsertAgent(state), ct);
        RefreshSkills(await RoutableAgents(db, null, ct));
    }

    public void RefreshRules(Guid inboxId, InboxRules rules) => router.SetRules(inboxId, rules);

    /// <summary>Puts a queued conversation in the router (or refreshes it) and writes any assignment that follows.</summary>
    public async Task Enqueue(ConciergeDb db, Conversation conversation, CancellationToken ct, bool apply = true)
    {
        if (conversation.Status != ConversationStatus.Queued) return;
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == conversation.ContactId).Select(c => c.AttributesJson).FirstOrDefaultAsync(ct);
        var preferred = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.SenderType == SenderType.Agent && !m.IsPrivate && m.SenderId != null)
            .OrderByDescending(m => m.Seq).Select(m => m.SenderId).FirstOrDefaultAsync(ct);
        _waiting[conversation.Id] = (conversation.InboxId, conversation.ContactId);
        var item = new WaitingItem(conversation.Id, conversation.InboxId, Agent.SplitTags(conversation.RequiredSkills),
            VipRank(contact), IsNegative(conversation.Emotion), conversation.Team, conversation.QueuedAt ?? clock.GetUtcNow(), preferred);
        var assigned = router.Enqueue(item);
        if (apply) await Apply(assigned, ct);
        PublishQueue(conversation.InboxId);
    }

    /// <summary>The conversation left its agent or the queue (resolved, taken by hand, back to the bot).</summary>
    public async Task Release(Guid conversationId, Guid inboxId, CancellationToken ct)
    {
        _waiting.TryRemove(conversationId, out _);
        var assigned = router.IsWaiting(conversationId) ? [] : router.Release(conversationId);
        router.Remove(conversationId);
        await Apply(assigned, ct);
        PublishQueue(inboxId);
    }

    /// <summary>An agent took a conversation by hand (or a supervisor gave it to them): count it in their load.</summary>
    public async Task Held(Guid conversationId, Guid inboxId, Guid agentId, CancellationToken ct)
    {
        _waiting.TryRemove(conversationId, out _);
        var freed = router.AgentOf(conversationId) is { } previous && previous != agentId ? router.Release(conversationId) : [];
        router.AddLoad(agentId, conversationId);
        await Apply(freed, ct);
        PublishQueue(inboxId);
    }

    /// <summary>Writes the router's decisions: assign in the database, record why. Anything that no longer fits is re-routed.</summary>
    public async Task Apply(IReadOnlyList<Assignment> assignments, CancellationToken ct)
    {
        var pending = new Queue<Assignment>(assignments);
        var touched = new HashSet<Guid>();
        var guard = 0;
        while (pending.TryDequeue(out var a) && guard++ < 1000)
        {
            touched.Add(a.InboxId);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
            for (var attempt = 0; ; attempt++)
            {
                var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == a.ConversationId, ct);
                if (conversation is null || conversation.Status != ConversationStatus.Queued)
                {
                    // Taken by hand, resolved or gone since it was queued: the agent's place is free again.
                    foreach (var next in router.Release(a.ConversationId)) pending.Enqueue(next);
                    break;
                }
                var agentName = await db.Agents.AsNoTracking().Where(x => x.Id == a.AgentId).Select(x => x.DisplayName).FirstOrDefaultAsync(ct) ?? "";
                var now = clock.GetUtcNow();
                conversation.AssignTo(a.AgentId, now, byRouter: true);
                db.Add(new RoutingDecision
                {
                    Id = Guid.CreateVersion7(now), ConversationId = a.ConversationId, AgentId = a.AgentId, AgentName = agentName,
                    Trigger = a.Why.Trigger, EligibleAgents = a.Why.EligibleAgents, SkillsRelaxed = a.Why.SkillsRelaxed,
                    SeniorFirst = a.Why.SeniorFirst, ReasonsJson = JsonSerializer.Serialize(a.Why.Reasons), CreatedAt = now,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    _waiting.TryRemove(a.ConversationId, out _);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    // A customer message landed at the same moment; read the conversation again and retry.
                    db.ChangeTracker.Clear();
                }
            }
        }
        foreach (var inbox in touched) PublishQueue(inbox);
    }

    /// <summary>Conversations whose agent left: back to the queue, keeping their place.</summary>
    public async Task Requeue(IReadOnlyList<Guid> conversationIds, string reason, CancellationToken ct)
    {
        if (conversationIds.Count == 0) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        foreach (var id in conversationIds)
        {
            for (var attempt = 0; ; attempt++)
            {
                var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct);
                if (conversation is null || conversation.Status != ConversationStatus.Assigned) break;
                conversation.ReturnToQueue(reason, null, clock.GetUtcNow());
                try { await db.SaveChangesAsync(ct); break; } // HandoffRequested puts it back in the router
                catch (DbUpdateConcurrencyException) when (attempt < 3) { db.ChangeTracker.Clear(); }
            }
        }
    }

    /// <summary>Where a waiting conversation stands: place in its inbox's queue, how many wait, estimated wait in seconds.</summary>
    public (int Position, int Waiting, int EstimatedWaitSeconds)? Place(Guid conversationId) =>
        router.PositionOf(conversationId) is { } p ? (p.Position, p.Waiting, (int)Math.Ceiling(p.EstimatedWait.TotalSeconds)) : null;

    /// <summary>Tells every waiting customer of the inbox where they stand (live, in their widget).</summary>
    public void PublishQueue(Guid inboxId)
    {
        // Positions are cached per inbox inside the router, so this is one pass over the inbox's waiting conversations.
        foreach (var (conversationId, (inbox, contactId)) in _waiting)
        {
            if (inbox != inboxId || Place(conversationId) is not { } p) continue;
            feed.Publish(new QueueUpdated(inboxId, conversationId, contactId, p.Position, p.Waiting, p.EstimatedWaitSeconds));
        }
        feed.Publish(new RoutingChanged(inboxId));
    }

    private void RefreshSkills(IEnumerable<AgentState> agents) =>
        _knownSkills = agents.SelectMany(a => a.Skills).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Angry and disappointed customers count as negative (EMO-2 level 1: senior agents first).</summary>
    public static bool IsNegative(string? emotion) => emotion is "angry" or "disappointed";

    /// <summary>Any VIP attribute counts; known tiers rank higher for display.</summary>
    public static int VipRank(string? attributesJson) =>
        string.IsNullOrEmpty(attributesJson) ? 0 : Contacts.Contact.VipLevelOf(attributesJson)?.ToLowerInvariant() switch
        {
            null => 0,
            "diamond" or "钻石" => 4,
            "platinum" or "白金" => 3,
            "gold" or "金卡" => 2,
            _ => 1,
        };
}
