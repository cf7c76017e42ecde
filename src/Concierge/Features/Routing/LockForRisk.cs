using System.Security.Claims;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>An agent flags a conversation as high-risk (fraud, threats …): it is locked to the risk team (RT-4).</summary>
public sealed class LockForRisk(ConciergeDb db, Access access, TimeProvider clock)
{
    public async Task<Result> Handle(Guid conversationId, string? reason, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result.NotFound("Conversation not found.");
        if (Access.AgentId(actor) is not { } actorId) return Result.Forbidden("Only agents can flag conversations.");
        if (conversation.Status == ConversationStatus.Resolved) return Result.Conflict("A resolved conversation cannot be flagged.");
        if (conversation.RiskLocked) return Result.Ok();
        var me = await db.Agents.AsNoTracking().FirstAsync(a => a.Id == actorId, ct);
        var assignee = conversation.AssigneeId is { } a ? await db.Agents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a, ct) : null;
        var assigneeInTeam = assignee?.TeamList.Contains(Conversation.RiskTeam) == true;
        var now = clock.GetUtcNow();
        var why = string.IsNullOrWhiteSpace(reason) ? "flagged by an agent" : reason.Trim();
        conversation.LockForRisk(why.Length <= 300 ? why : why[..300], now, assigneeInTeam);
        db.Messages.Add(conversation.AddNote(actorId, me.DisplayName, $"⚠ {why}", now));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
