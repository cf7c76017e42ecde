using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Conversations;

/// <summary>
/// An agent replies. The reply is stored first (status pending), then delivered through the inbox's channel adapter after
/// commit (<see cref="DeliverReplies"/>); replying to an unassigned conversation assigns it to the agent.
/// </summary>
public sealed class SendReply(ConciergeDb db, Access access, WriteLocks locks, IOptions<ConciergeOptions> options, TimeProvider clock)
{
    public sealed record Command(Guid ConversationId, string? Text);

    public async Task<Result<MessageView>> Handle(Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        var valid = MessageText.Validate(command.Text, options.Value.MaxMessageLength);
        if (valid.IsFailure) return Result<MessageView>.From(valid);

        var found = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ConversationId, ct);
        if (found is null || !await access.CanSee(actor, found, ct)) return Result<MessageView>.From(Result.NotFound("Conversation not found."));
        if (!await access.CanReply(actor, found, ct)) return Result<MessageView>.From(Result.Forbidden("Only agents can reply."));
        var agentId = Access.AgentId(actor)!.Value;
        var agent = await db.Set<Agent>().AsNoTracking().FirstAsync(a => a.Id == agentId, ct);
        if (found.RiskLocked && !agent.TeamList.Contains(Conversation.RiskTeam))
            return Result<MessageView>.From(Result.Forbidden("This conversation is locked to the risk team."));

        using var _ = await locks.Acquire(found.InboxId, found.ContactId, ct);
        var conversation = await db.Conversations.FirstAsync(c => c.Id == command.ConversationId, ct);
        var reply = conversation.Reply(SenderType.Agent, agentId, agent.DisplayName, MessageText.Clean(command.Text!), clock.GetUtcNow());
        if (reply.IsFailure) return Result<MessageView>.From(reply);
        db.Messages.Add(reply.Value!);
        await db.SaveChangesAsync(ct);
        return Result<MessageView>.Ok(MessageView.Of(reply.Value!));
    }
}
