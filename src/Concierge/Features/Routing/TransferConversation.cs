using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>
/// Hand a conversation to a colleague or a team, with a note they will read first. The conversation's own agent or a
/// supervisor may transfer it. To a team, it goes back to the queue (keeping its place) and routing picks a member.
/// </summary>
public sealed class TransferConversation(ConciergeDb db, Access access, AssignConversation assign, TimeProvider clock)
{
    public sealed record Command(Guid ConversationId, Guid? AgentId, string? Team, string? Note);

    public async Task<Result> Handle(Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if ((command.AgentId is null) == string.IsNullOrWhiteSpace(command.Team))
            return Result.Invalid("agentId", "Transfer to either an agent (agentId) or a team (team).");
        if (command.Note is { Length: > 2000 }) return Result.Invalid("note", "The note is longer than 2000 characters.");
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == command.ConversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct)) return Result.NotFound("Conversation not found.");
        if (Access.AgentId(actor) is not { } actorId) return Result.Forbidden("Only agents can transfer conversations.");
        if (conversation.Status == ConversationStatus.Resolved) return Result.Conflict("A resolved conversation cannot be transferred.");
        if (conversation.AssigneeId != actorId && !Access.SeesAllInboxes(actor))
            return Result.Forbidden("Only the conversation's agent or a supervisor can transfer it.");

        var me = await db.Agents.AsNoTracking().FirstAsync(a => a.Id == actorId, ct);
        var now = clock.GetUtcNow();
        string target;
        if (command.AgentId is { } agentId)
        {
            var to = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct);
            if (to is null) return Result.Invalid("agentId", "The agent does not exist or is deactivated.");
            target = to.DisplayName;
        }
        else
        {
            var team = command.Team!.Trim();
            var anyone = (await db.Agents.AsNoTracking().Where(a => a.IsActive).Select(a => a.Teams).ToListAsync(ct))
                .Any(t => Agent.SplitTags(t).Contains(team, StringComparer.OrdinalIgnoreCase));
            if (!anyone) return Result.Invalid("team", $"No active agent is in team '{team}'.");
            target = team;
        }

        var text = string.IsNullOrWhiteSpace(command.Note) ? $"↪ {target}" : $"↪ {target}: {command.Note.Trim()}";
        if (command.AgentId is { } to2)
        {
            // Assigning checks inbox membership and the risk lock; nothing is written unless it succeeds.
            var assigned = await assign.Handle(new AssignConversation.Command(conversation.Id, to2), actor, ct, transfer: true);
            if (assigned.IsFailure) return assigned;
            conversation = await db.Conversations.FirstAsync(c => c.Id == command.ConversationId, ct);
        }
        else
        {
            var queued = conversation.ReturnToQueue("transfer", command.Team!.Trim(), now);
            if (queued.IsFailure) return queued;
        }
        db.Messages.Add(conversation.AddNote(actorId, me.DisplayName, text, now));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
