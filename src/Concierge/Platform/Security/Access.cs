using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Platform.Security;

/// <summary>
/// Who may see and do what. Admins and supervisors see every inbox; an agent sees only the inboxes they belong to;
/// an inbox API key (the app channel) sees only its own inbox's conversations.
/// </summary>
public sealed class Access(ConciergeDb db)
{
    public const string InboxIdClaim = "concierge:inbox";
    public const string AuthMethodClaim = "concierge:auth";

    public static Guid? AgentId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && user.FindFirst(InboxIdClaim) is null ? id : null;

    public static Guid? InboxKeyInbox(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(InboxIdClaim), out var id) ? id : null;

    public static string? Role(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
    public static bool IsAdmin(ClaimsPrincipal user) => Role(user) == Roles.Admin;
    public static bool SeesAllInboxes(ClaimsPrincipal user) => Role(user) is Roles.Admin or Roles.Supervisor;

    /// <summary>The inboxes this actor may see; null means all of them.</summary>
    public async Task<IReadOnlyCollection<Guid>?> VisibleInboxes(ClaimsPrincipal user, CancellationToken ct)
    {
        if (InboxKeyInbox(user) is { } keyInbox) return [keyInbox];
        if (AgentId(user) is not { } agentId) return [];
        if (SeesAllInboxes(user)) return null;
        return await db.InboxMembers.Where(m => m.AgentId == agentId).Select(m => m.InboxId).ToListAsync(ct);
    }

    public async Task<bool> CanSeeInbox(ClaimsPrincipal user, Guid inboxId, CancellationToken ct)
    {
        var visible = await VisibleInboxes(user, ct);
        return visible is null || visible.Contains(inboxId);
    }

    public Task<bool> CanSee(ClaimsPrincipal user, Conversation conversation, CancellationToken ct) =>
        CanSeeInbox(user, conversation.InboxId, ct);

    /// <summary>Agents and supervisors reply; an inbox key never speaks as an agent.</summary>
    public async Task<bool> CanReply(ClaimsPrincipal user, Conversation conversation, CancellationToken ct) =>
        AgentId(user) is not null && await CanSee(user, conversation, ct);
}
