using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Conversations;

/// <summary>Resolve a conversation. It reopens by itself when the customer writes again.</summary>
public sealed class ResolveConversation(ConciergeDb db, Access access, TimeProvider clock)
{
    public async Task<Result> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result.NotFound("Conversation not found.");
        if (Access.AgentId(actor) is not { } agentId) return Result.Forbidden("Only agents can resolve conversations.");
        var result = conversation.Resolve(agentId, clock.GetUtcNow());
        if (result.IsFailure) return result;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>
/// Assign (or transfer) a conversation. Agents may take a conversation for themselves; assigning someone else, or taking
/// over a colleague's conversation, needs a supervisor or admin. The assignee must belong to the inbox.
/// </summary>
public sealed class AssignConversation(ConciergeDb db, Access access, TimeProvider clock)
{
    public sealed record Command(Guid ConversationId, Guid AgentId);

    /// <param name="transfer">The conversation's own agent hands it to a colleague (see TransferConversation).</param>
    public async Task<Result> Handle(Command command, ClaimsPrincipal actor, CancellationToken ct, bool transfer = false)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == command.ConversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result.NotFound("Conversation not found.");
        if (Access.AgentId(actor) is not { } actorId) return Result.Forbidden("Only agents can assign conversations.");

        var supervising = Access.SeesAllInboxes(actor);
        var takingOwn = command.AgentId == actorId && (conversation.AssigneeId is null || conversation.AssigneeId == actorId);
        var handingOn = transfer && conversation.AssigneeId == actorId;
        if (!supervising && !takingOwn && !handingOn) return Result.Forbidden("Only a supervisor can assign a conversation to someone else or take it over.");

        var assignee = await db.Set<Agent>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.AgentId && a.IsActive, ct);
        if (assignee is null) return Result.Invalid("agentId", "The agent does not exist or is deactivated.");
        var member = assignee.Role is Roles.Admin or Roles.Supervisor ||
                     await db.InboxMembers.AnyAsync(m => m.InboxId == conversation.InboxId && m.AgentId == assignee.Id, ct);
        if (!member) return Result.Invalid("agentId", "The agent is not a member of this conversation's inbox.");
        if (conversation.RiskLocked && !assignee.TeamList.Contains(Conversation.RiskTeam))
            return Result.Invalid("agentId", "This conversation is locked to the risk team; choose a member of it.");

        conversation.AssignTo(assignee.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>The agent opened the conversation: clear its unread counter.</summary>
public sealed class MarkConversationRead(ConciergeDb db, Access access)
{
    public async Task<Result> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result.NotFound("Conversation not found.");
        if (conversation.UnreadCount == 0) return Result.Ok();
        conversation.MarkRead();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { /* a new message arrived meanwhile: it is unread, and that is right */ }
        return Result.Ok();
    }
}
