using System.Security.Claims;
using Concierge.Features.Channels;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>Presence, transfers, risk lock, routing explanations, inbox routing settings and the supervisor view over REST.</summary>
internal static class RoutingEndpoints
{
    public sealed record PresenceRequest(string? Presence);
    public sealed record TransferRequest(Guid? AgentId, string? Team, string? Note);
    public sealed record RiskRequest(string? Reason);
    public sealed record RoutingSettingsRequest(string? Rollout, InboxRules? Rules, BusinessHours? BusinessHours, bool? AlwaysOpen,
        Bot.BotThresholds? Bot = null);
    public sealed record QueueView(bool Waiting, int? Position, int? WaitingTotal, int? EstimatedWaitSeconds, bool FollowUp);

    public static void Map(IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents").RequireAuthorization(Policies.Agent).WithTags("Agents");
        agents.MapPut("/me/presence", (PresenceRequest? r, ClaimsPrincipal user, ChangePresence change, CancellationToken ct) =>
                SetPresence(Access.AgentId(user) ?? Guid.Empty, r, user, change, ct))
            .WithSummary("Set your presence: online, busy, away or offline. Offline puts your conversations back in the queue.");
        agents.MapPut("/{id:guid}/presence", (Guid id, PresenceRequest? r, ClaimsPrincipal user, ChangePresence change, CancellationToken ct) =>
                SetPresence(id, r, user, change, ct))
            .WithSummary("Set an agent's presence (supervisor).");

        var conversations = app.MapGroup("/api/v1/conversations").RequireAuthorization(Policies.Agent).WithTags("Conversations");
        conversations.MapPost("/{id:guid}/transfer", Transfer).WithSummary("Transfer to an agent or a team, with a note for them.");
        conversations.MapPost("/{id:guid}/risk", Risk).WithSummary("Flag as high-risk: locked to the risk team, the bot stops.");
        conversations.MapGet("/{id:guid}/routing", async Task<Results<Ok<IReadOnlyList<RoutingDecisionView>>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, GetRoutingDecisions get, CancellationToken ct) =>
            {
                var result = await get.Handle(id, user, ct);
                return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
            })
            .WithSummary("Why routing chose the agent: who was eligible and which rule decided.");
        // The app channel asks this with its inbox key, to show its customer where they stand.
        app.MapGet("/api/v1/conversations/{id:guid}/queue", Queue).RequireAuthorization(Policies.AgentOrInboxKey).WithTags("Conversations")
            .WithSummary("The conversation's place in the queue and the estimated wait (agents, or the app channel's inbox key).");

        app.MapGet("/api/v1/supervisor", async Task<Results<Ok<SupervisorView>, ProblemHttpResult>> (ClaimsPrincipal user, GetSupervisorView get, CancellationToken ct) =>
            {
                var result = await get.Handle(user, ct);
                return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
            })
            .RequireAuthorization(Policies.Agent).WithTags("Supervisor").WithSummary("Live queues, waiting times, agents' states and loads.");

        var inboxes = app.MapGroup("/api/v1/inboxes").RequireAuthorization(Policies.Agent).WithTags("Inboxes");
        inboxes.MapGet("/{id:guid}/routing", GetSettings).WithSummary("The inbox's routing rules, bot roll-out stage and business hours.");
        inboxes.MapPut("/{id:guid}/routing", PutSettings).WithSummary("Change routing rules, roll-out stage (bot-first, bot-review, human-first), business hours or the inbox's bot thresholds (admin).");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPresence(Guid id, PresenceRequest? r, ClaimsPrincipal user,
        ChangePresence change, CancellationToken ct)
    {
        var result = await change.Handle(id, r?.Presence, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Transfer(Guid id, TransferRequest? r, ClaimsPrincipal user,
        TransferConversation transfer, CancellationToken ct)
    {
        var result = await transfer.Handle(new TransferConversation.Command(id, r?.AgentId, r?.Team, r?.Note), user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Risk(Guid id, RiskRequest? r, ClaimsPrincipal user, LockForRisk lockIt, CancellationToken ct)
    {
        var result = await lockIt.Handle(id, r?.Reason, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<QueueView>, ProblemHttpResult>> Queue(Guid id, ClaimsPrincipal user, ConciergeDb db, Access access,
        RoutingDesk desk, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null || !await access.CanSee(user, conversation, ct)) return Problems.Problem(404, "Not found", "Conversation not found.", "id");
        return TypedResults.Ok(QueueOf(desk, id, conversation.FollowUp));
    }

    private static QueueView QueueOf(RoutingDesk desk, Guid conversationId, bool followUp) =>
        desk.Place(conversationId) is { } p
            ? new QueueView(true, p.Position, p.Waiting, p.EstimatedWaitSeconds, followUp)
            : new QueueView(false, null, null, null, followUp);

    private static async Task<Results<Ok<InboxRoutingSettings>, ProblemHttpResult>> GetSettings(Guid id, ClaimsPrincipal user,
        ConfigureInboxRouting configure, CancellationToken ct)
    {
        var result = await configure.Get(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<InboxRoutingSettings>, ProblemHttpResult>> PutSettings(Guid id, RoutingSettingsRequest? r, ClaimsPrincipal user,
        ConfigureInboxRouting configure, CancellationToken ct)
    {
        if (r is null) return Problems.Invalid("body", "The request body is required.");
        var result = await configure.Handle(id, new ConfigureInboxRouting.Command(r.Rollout, r.Rules, r.BusinessHours, r.AlwaysOpen, r.Bot), user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }
}
