using System.Security.Claims;
using System.Text.Json;
using Concierge.Features.Conversations;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

public sealed record RoutingDecisionView(Guid AgentId, string AgentName, string Trigger, int EligibleAgents, bool SkillsRelaxed,
    bool SeniorFirst, IReadOnlyList<string> Reasons, DateTimeOffset At);

public sealed record SupervisorAgentRow(Guid Id, string Name, string Role, string Presence, string Level, int Load, int Capacity,
    IReadOnlyList<string> Skills, IReadOnlyList<string> Teams, IReadOnlyList<SupervisorConversationRow> Conversations);

public sealed record SupervisorConversationRow(Guid Id, Guid InboxId, string InboxName, string Customer, string Preview, string? Emotion,
    int VipLevel, bool RiskLocked, bool FollowUp, string? Team, IReadOnlyList<string> RequiredSkills, DateTimeOffset? QueuedAt,
    int? Position, int? EstimatedWaitSeconds, Guid? AssigneeId);

public sealed record SupervisorInboxRow(Guid Id, string Name, int Waiting, int LongestWaitSeconds, int Online, int FreeSeats);

public sealed record SupervisorView(IReadOnlyList<SupervisorInboxRow> Inboxes, IReadOnlyList<SupervisorConversationRow> Waiting,
    IReadOnlyList<SupervisorAgentRow> Agents, DateTimeOffset At);

/// <summary>Why routing chose the agent(s) of a conversation, newest first.</summary>
public sealed class GetRoutingDecisions(ConciergeDb db, Access access)
{
    public async Task<Result<IReadOnlyList<RoutingDecisionView>>> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct))
            return Result<IReadOnlyList<RoutingDecisionView>>.From(Result.NotFound("Conversation not found."));
        var rows = await db.Set<RoutingDecision>().AsNoTracking().Where(d => d.ConversationId == conversationId)
            .OrderByDescending(d => d.CreatedAt).Take(20).ToListAsync(ct);
        return Result<IReadOnlyList<RoutingDecisionView>>.Ok(rows.Select(d => new RoutingDecisionView(d.AgentId, d.AgentName, d.Trigger,
            d.EligibleAgents, d.SkillsRelaxed, d.SeniorFirst, JsonSerializer.Deserialize<string[]>(d.ReasonsJson) ?? [], d.CreatedAt)).ToList());
    }
}

/// <summary>The supervisor's live picture: queues and waits per inbox, each agent's state, load and conversations.</summary>
public sealed class GetSupervisorView(ConciergeDb db, RoutingDesk desk, TimeProvider clock)
{
    public async Task<Result<SupervisorView>> Handle(ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.SeesAllInboxes(actor)) return Result<SupervisorView>.From(Result.Forbidden("Only supervisors and admins see the supervisor view."));
        var now = clock.GetUtcNow();
        var snapshot = desk.Router.Snapshot();
        var inboxes = await db.Inboxes.AsNoTracking().Where(i => !i.IsArchived).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var open = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Queued || c.Status == ConversationStatus.Assigned)
            .Join(db.Contacts, c => c.ContactId, p => p.Id, (c, p) => new { c, p.Name, p.AttributesJson })
            .ToListAsync(ct);
        var inboxName = inboxes.ToDictionary(i => i.Id, i => i.Name);

        SupervisorConversationRow Row(Conversation c, string name, string attributes)
        {
            var place = desk.Place(c.Id);
            return new SupervisorConversationRow(c.Id, c.InboxId, inboxName.GetValueOrDefault(c.InboxId, ""),
                Contacts.Contact.DisplayNameOf(name, c.ContactId), c.LastMessagePreview,
                c.Emotion, RoutingDesk.VipRank(attributes), c.RiskLocked, c.FollowUp, c.Team, Agents.Agent.SplitTags(c.RequiredSkills),
                c.QueuedAt, place?.Position, place?.EstimatedWaitSeconds, c.AssigneeId);
        }

        var waiting = open.Where(x => x.c.Status == ConversationStatus.Queued)
            .Select(x => Row(x.c, x.Name, x.AttributesJson))
            .OrderBy(r => r.Position ?? int.MaxValue).ThenBy(r => r.QueuedAt).ToList();
        var agents = await db.Agents.AsNoTracking().Where(a => a.IsActive && a.Role != Agents.Roles.KnowledgeEditor)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var members = await db.InboxMembers.AsNoTracking().ToListAsync(ct);
        var agentRows = agents.Select(a => new SupervisorAgentRow(a.Id, a.DisplayName, a.Role, a.Presence.ToString().ToLowerInvariant(),
            a.Level.ToString().ToLowerInvariant(), open.Count(x => x.c.AssigneeId == a.Id && x.c.Status == ConversationStatus.Assigned),
            a.MaxConcurrentChats, a.SkillList, a.TeamList,
            open.Where(x => x.c.AssigneeId == a.Id && x.c.Status == ConversationStatus.Assigned)
                .OrderBy(x => x.c.LastMessageAt).Select(x => Row(x.c, x.Name, x.AttributesJson)).ToList())).ToList();
        var inboxRows = inboxes.Select(i =>
        {
            var w = waiting.Where(r => r.InboxId == i.Id).ToList();
            var inInbox = members.Where(m => m.InboxId == i.Id).Select(m => m.AgentId).ToHashSet();
            var online = snapshot.Agents.Where(a => a.Presence == Presence.Online && inInbox.Contains(a.AgentId)).ToList();
            return new SupervisorInboxRow(i.Id, i.Name, w.Count,
                w.Count == 0 ? 0 : (int)w.Max(r => (now - (r.QueuedAt ?? now)).TotalSeconds),
                online.Count, online.Sum(a => Math.Max(0, a.Capacity - a.Load)));
        }).ToList();
        return Result<SupervisorView>.Ok(new SupervisorView(inboxRows, waiting, agentRows, now));
    }
}
